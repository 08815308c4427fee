package dev.ferry.core.store;

import dev.ferry.core.id.ConnectionId;
import dev.ferry.core.id.MappingId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Something a human should see (mapping errors, write failures, drift repaired, ...). */
public record Notification(
    long id,
    @Nullable ConnectionId connection,
    @Nullable MappingId mapping,
    String kind,
    String message,
    Instant createdAt,
    @Nullable Instant acknowledgedAt) {}
