package dev.ferry.app.metrics;

import dev.ferry.core.control.FerryService;
import dev.ferry.core.control.Vitals;
import dev.ferry.core.id.MappingId;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
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

  /** A miss (an unknown mapping) forces a reading at most this often. */
  static final Duration MISS_INTERVAL = Duration.ofSeconds(1);

  private final InstantSource clock;
  private volatile @Nullable FerryService service;
  private @Nullable Vitals last;
  private @Nullable Instant lastAttempt;

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

  /** The object name of a mapping (metrics label); "" when it cannot be told. */
  String objectName(MappingId id) {
    String name = find(id);
    if (name != null) return name;
    synchronized (this) {
      if (lastAttempt == null || stale(MISS_INTERVAL)) read();
    }
    name = find(id);
    return name == null ? "" : name;
  }

  private @Nullable String find(MappingId id) {
    Vitals v;
    synchronized (this) {
      v = last;
    }
    if (v == null) return null;
    for (Vitals.MappingVitals m : v.mappings()) {
      if (m.id().equals(id)) return m.objectName();
    }
    return null;
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
