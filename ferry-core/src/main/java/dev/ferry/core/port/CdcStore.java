package dev.ferry.core.port;

import dev.ferry.core.cdc.CdcStatus;
import dev.ferry.core.cdc.CdcSubscription;
import dev.ferry.core.cdc.ReplayId;
import dev.ferry.core.id.MappingId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Change-event subscriptions per mapping ({@code ferry.cdc_subscription}). */
public interface CdcStore {

  Optional<CdcSubscription> find(MappingId mapping);

  List<CdcSubscription> list();

  /** Records the status (creating the row when new); the replay id and counters stay. */
  void status(
      MappingId mapping,
      String channel,
      CdcStatus status,
      @Nullable String reason,
      @Nullable String holder,
      Instant at);

  /**
   * Stores the resume position after events were handled ({@code events} more received, the last
   * arriving at {@code lastEventAt}; 0 and null for a keepalive).
   */
  void advance(MappingId mapping, ReplayId replayId, long events, @Nullable Instant lastEventAt);

  /** Records the last event's commit-to-Postgres delay. */
  void latency(MappingId mapping, Duration latency);

  /** Forgets the resume position (it was invalid): the next subscription starts at LATEST. */
  void forgetReplay(MappingId mapping);

  /** Removes the row (events turned off for the mapping). */
  void delete(MappingId mapping);
}
