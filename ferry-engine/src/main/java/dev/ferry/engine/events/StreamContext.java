package dev.ferry.engine.events;

import dev.ferry.core.event.SyncEvents;
import dev.ferry.core.id.MappingId;
import dev.ferry.core.port.CdcStore;
import dev.ferry.core.port.ChangeEventSource;
import dev.ferry.engine.cluster.Coordinator;
import dev.ferry.engine.env.SyncStores;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every mapping stream of this process shares: stores, settings, the clock, a timer for the
 * debounce, a worker pool for reading records back, and one thread that asks the coordinator for
 * early polls (which may wait while a run is in progress), coalescing repeated asks per mapping.
 */
final class StreamContext {
  private static final Logger log = LoggerFactory.getLogger(StreamContext.class);

  private final SyncStores stores;
  private final CdcStore cdc;
  private final Coordinator coordinator;
  private final SyncEvents events;
  private final EventConfig config;
  private final Duration retryFallbackAfter;
  private final Duration safetyLag;
  private final InstantSource clock;
  private final ScheduledExecutorService scheduler;
  private final ExecutorService worker;
  private final ExecutorService triggers;
  private final Set<MappingId> triggerQueued = ConcurrentHashMap.newKeySet();
  private final Set<MappingId> lagPollQueued = ConcurrentHashMap.newKeySet();

  StreamContext(
      SyncStores stores,
      CdcStore cdc,
      Coordinator coordinator,
      SyncEvents events,
      EventConfig config,
      Duration retryFallbackAfter,
      Duration safetyLag,
      InstantSource clock,
      ScheduledExecutorService scheduler,
      ExecutorService worker,
      ExecutorService triggers) {
    this.stores = stores;
    this.cdc = cdc;
    this.coordinator = coordinator;
    this.events = events;
    this.config = config;
    this.retryFallbackAfter = retryFallbackAfter;
    this.safetyLag = safetyLag;
    this.clock = clock;
    this.scheduler = scheduler;
    this.worker = worker;
    this.triggers = triggers;
  }

  SyncStores stores() {
    return stores;
  }

  CdcStore cdc() {
    return cdc;
  }

  SyncEvents events() {
    return events;
  }

  EventConfig config() {
    return config;
  }

  Duration retryFallbackAfter() {
    return retryFallbackAfter;
  }

  InstantSource clock() {
    return clock;
  }

  ScheduledExecutorService scheduler() {
    return scheduler;
  }

  ExecutorService worker() {
    return worker;
  }

  /** Runs the mapping's poll as soon as possible (asks already queued are merged). */
  void triggerPoll(MappingId id) {
    if (!triggerQueued.add(id)) return;
    try {
      triggers.execute(() -> {
        triggerQueued.remove(id);
        try {
          if (coordinator.trigger(id)) {
            log.debug("poll of {} triggered", id);
          } else {
            // a poll kept running and its window ends before the change: ask again after the lag
            log.debug("poll of {} still running; asking again after the safety lag", id);
            pollAfterLag(id);
          }
        } catch (RuntimeException e) {
          log.warn("could not trigger a poll of {}: {}", id, e.toString());
        }
      });
    } catch (RuntimeException e) {
      triggerQueued.remove(id); // shutting down
    }
  }

  /**
   * Runs the mapping's poll now and once more after the safety lag: a poll reads up to now minus
   * the safety lag, so a change made just before would otherwise wait for the next regular poll
   * (the safety poll, while events flow).
   */
  void catchUpPoll(MappingId id) {
    triggerPoll(id);
    pollAfterLag(id);
  }

  /**
   * Runs the mapping's poll once the safety lag has passed over a change just announced (a poll
   * right away could not see it yet). Asks made while one is pending are merged, so a steady stream
   * of events costs one window poll per safety lag, not one per event.
   */
  void pollAfterLag(MappingId id) {
    if (!lagPollQueued.add(id)) return;
    try {
      scheduler.schedule(
          () -> {
            lagPollQueued.remove(id);
            triggerPoll(id);
          },
          safetyLag.toMillis() + 500,
          TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) {
      lagPollQueued.remove(id); // shutting down
    }
  }

  /** Selects an object through the Tooling API off the stream's thread, then tells the stream. */
  void selectAsync(MappingStream stream, @Nullable ChangeEventSource source, String objectName) {
    worker.execute(() -> {
      if (source == null) {
        stream.selected(false, "no change-event client");
        return;
      }
      try {
        stream.selected(source.selectEntity(objectName), "Salesforce refused");
      } catch (RuntimeException e) {
        stream.selected(false, e.getMessage());
      }
    });
  }
}
