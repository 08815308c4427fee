package dev.ferry.emulator.org;

import java.time.Instant;

/** A deletion, remembered for getDeleted until the recycle bin is purged. */
public record Tombstone(String objectName, String id, Instant deletedDate) {}
