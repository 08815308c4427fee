package dev.ferry.engine.events;

import dev.ferry.core.cdc.CdcStatus;
import dev.ferry.core.port.CdcStore;
import dev.ferry.core.port.JobSlots;
import dev.ferry.core.store.Mapping;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How often a mapping's regular poll runs: {@code sf_polling_seconds}, or the safety-poll interval
 * while its change events flow (status LISTENING in any process of the cluster).
 */
public final class PollCadence {
  private static final Logger log = LoggerFactory.getLogger(PollCadence.class);

  private final @Nullable CdcStore store;
  private final JobSlots leases;
  private final EventConfig config;

  /**
   * @param store null: no process listens (polling only)
   * @param leases where a listening process holds its connection's lease
   */
  public PollCadence(@Nullable CdcStore store, JobSlots leases, EventConfig config) {
    this.store = store;
    this.leases = leases;
    this.config = config;
  }

  public Duration next(Mapping m) {
    Duration regular = Duration.ofSeconds(m.config().sfPollingSeconds());
    if (store == null || !m.config().sfNotifyEnabled()) return regular;
    try {
      boolean listening =
          store.find(m.id()).map(s -> s.status() == CdcStatus.LISTENING).orElse(false);
      // a LISTENING row whose holder died (and nobody took over) must not slow the polls
      if (!listening || leases.holders("events:" + m.connectionId()).isEmpty()) return regular;
    } catch (RuntimeException e) {
      log.debug("could not read the change-event status of {}: {}", m.id(), e.toString());
      return regular;
    }
    return config.safetyPoll().compareTo(regular) > 0 ? config.safetyPoll() : regular;
  }
}
