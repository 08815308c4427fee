package dev.ferry.core.store;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One entry of a mapping's (or connection's) state history; {@code from} is null at creation. */
public record StateChange(@Nullable String from, String to, Instant at, @Nullable String reason) {}
