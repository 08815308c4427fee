package dev.ferry.core.control;

import dev.ferry.core.cdc.CdcStatus;
import dev.ferry.core.cdc.CdcSubscription;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A mapping's accelerated polling (change events) as the control plane shows it.
 *
 * @param on true while events flow (the regular poll then runs at the safety-poll interval)
 * @param status OFF (sf_notify_enabled is false), STARTING, LISTENING or FALLBACK
 * @param reason why events are not on, for humans
 * @param replayId the stored resume position (hex), null before the first event or keepalive
 * @param latency the last event's delay from its commit in Salesforce to its row in Postgres
 * @param holder the Ferry process holding the stream
 */
public record EventsView(
    boolean on,
    String status,
    @Nullable String reason,
    @Nullable Instant lastEventAt,
    @Nullable String replayId,
    @Nullable Duration latency,
    long received,
    @Nullable String holder) {

  /** Events are off for the mapping (or this Ferry does not listen). */
  public static EventsView off(String reason) {
    return new EventsView(false, "OFF", reason, null, null, null, 0, null);
  }

  public static EventsView of(CdcSubscription s) {
    return new EventsView(
        s.status() == CdcStatus.LISTENING,
        s.status().name(),
        s.reason(),
        s.lastEventAt(),
        s.replayId() == null ? null : s.replayId().hex(),
        s.lastLatency(),
        s.eventsReceived(),
        s.holder());
  }
}
