package dev.ferry.emulator.org;

/** Who the emulator's org and its API user are. */
public record OrgIdentity(
    String orgId, String userId, String username, String displayName, String email) {}
