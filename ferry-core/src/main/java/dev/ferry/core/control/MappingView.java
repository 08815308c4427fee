package dev.ferry.core.control;

import dev.ferry.core.store.Mapping;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A mapping as the control plane shows it.
 *
 * @param dbCount rows in the Postgres table
 * @param sfCount rows in Salesforce as last counted by a poll (null before the first count)
 * @param lastPollAt end of the last completed poll
 * @param watermark the SystemModstamp the next poll starts from
 * @param events accelerated polling (change events): on or off and why, last event, position
 */
public record MappingView(
    Mapping mapping,
    long dbCount,
    @Nullable Long sfCount,
    @Nullable Instant sfCountAt,
    @Nullable Instant lastPollAt,
    @Nullable Instant watermark,
    EventsView events) {

  /** A view without change-event details (events shown as off). */
  public MappingView(
      Mapping mapping,
      long dbCount,
      @Nullable Long sfCount,
      @Nullable Instant sfCountAt,
      @Nullable Instant lastPollAt,
      @Nullable Instant watermark) {
    this(
        mapping,
        dbCount,
        sfCount,
        sfCountAt,
        lastPollAt,
        watermark,
        EventsView.off(
            mapping.config().sfNotifyEnabled() ? "unknown" : "sf_notify_enabled is false"));
  }
}
