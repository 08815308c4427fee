package dev.ferry.core.store;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A held job slot: slot {@code slot} of kind {@code kind}, held by {@code holder} until then. */
public record SlotLease(
    String kind, int slot, String holder, Instant leaseUntil, @Nullable String jobRef) {}
