package dev.ferry.app.metrics;

import dev.ferry.core.control.FerryService;
import dev.ferry.core.control.Vitals;
import dev.ferry.core.id.MappingId;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control plane's {@link Vitals}, read at most once per {@link #TTL} however often Prometheus
 * scrapes, so a scrape costs a few small queries every few seconds at most. Bound to the service
 * once the engine is up; empty before that, and when the database cannot be read (the last good
 * reading is kept).
 */
final class VitalsCache {
  private static final Logger log = LoggerFactory.getLogger(VitalsCache.class);

  /** How long one reading is reused. */
  static final Duration TTL = Duration.ofSeconds(5);

  private final InstantSource clock;
  private volatile @Nullable FerryService service;
  private @Nullable Vitals last;
  private @Nullable Instant lastAttempt;
  // a mapping's object never changes: once known, a label never needs a reading again
  private final Map<MappingId, String> objectNames = new ConcurrentHashMap<>();
  private volatile @Nullable Instant namesFailedAt;

  VitalsCache(InstantSource clock) {
    this.clock = clock;
  }

  void bind(FerryService s) {
    this.service = s;
  }

  /** A reading at most {@link #TTL} old, or the last good one when reading fails. */
  synchronized Optional<Vitals> get() {
    if (last == null || stale(TTL)) read();
    return Optional.ofNullable(last);
  }

  /**
   * The object name of a mapping (metrics label); "" when it cannot be told. A mapping not seen yet
   * (created since the last reading) forces a reading, so its first counter gets the right label.
   */
  String objectName(MappingId id) {
    String known = objectNames.get(id);
    if (known != null) return known;
    // a reading of its own: the gauges' reading keeps its age
    FerryService s = service;
    Instant failed = namesFailedAt;
    // while the database cannot be read, events must not each wait for it
    if (s == null || (failed != null && clock.instant().isBefore(failed.plus(TTL)))) return "";
    try {
      for (Vitals.MappingVitals m : s.vitals().mappings()) {
        objectNames.putIfAbsent(m.id(), m.objectName());
      }
      namesFailedAt = null;
    } catch (RuntimeException e) {
      namesFailedAt = clock.instant();
      log.atDebug().addKeyValue("error", e.toString()).log("metrics: cannot read mapping names");
    }
    return objectNames.getOrDefault(id, "");
  }

  private boolean stale(Duration age) {
    return lastAttempt == null || !clock.instant().isBefore(lastAttempt.plus(age));
  }

  private void read() {
    FerryService s = service;
    if (s == null) return;
    lastAttempt = clock.instant();
    try {
      last = s.vitals();
    } catch (RuntimeException e) {
      log.atDebug().addKeyValue("error", e.toString()).log("metrics: cannot read vitals");
    }
  }
}
