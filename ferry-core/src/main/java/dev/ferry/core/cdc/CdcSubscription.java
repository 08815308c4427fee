package dev.ferry.core.cdc;

import dev.ferry.core.id.MappingId;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A mapping's change-event subscription as stored: its resume position and what is shown about it.
 *
 * @param reason why it is not LISTENING (or the last interruption), for humans
 * @param replayId the last event or keepalive seen; null when none yet (or it was invalid)
 * @param lastLatency the last event's delay from its commit in Salesforce to its row in Postgres
 * @param holder the Ferry process holding the stream
 */
public record CdcSubscription(
    MappingId mapping,
    String channel,
    CdcStatus status,
    @Nullable String reason,
    @Nullable ReplayId replayId,
    @Nullable Instant lastEventAt,
    long eventsReceived,
    @Nullable Duration lastLatency,
    @Nullable String holder,
    Instant updatedAt) {}
