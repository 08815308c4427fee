package dev.ferry.engine.write;

import static dev.ferry.engine.write.WriteSettings.*;

import dev.ferry.core.config.Setting;
import dev.ferry.core.config.Settings;
import java.time.Duration;

/**
 * The write path's settings, resolved once (see {@link WriteSettings}). Settings that a caller did
 * not declare take their defaults, so an engine configured with the read path's list alone still
 * writes.
 */
public record WriteConfig(
    boolean enabled,
    Duration debounce,
    Duration pollInterval,
    Duration idleAfter,
    int claimSize,
    int bulkThreshold,
    int bulkJobRows,
    int collectionsBatch,
    int recordRetries,
    Duration retryDelay,
    Duration retryMax,
    Duration archiveRetention,
    Duration failedVisible,
    int writersPerConnection,
    Duration createLookupSlack,
    Duration settle,
    Duration lease) {

  public static WriteConfig from(Settings s) {
    return new WriteConfig(
        get(s, ENABLED),
        Duration.ofMillis(get(s, DEBOUNCE_MILLIS)),
        get(s, POLL_INTERVAL),
        Duration.ofMillis(get(s, IDLE_AFTER_MILLIS)),
        get(s, CLAIM_SIZE),
        get(s, BULK_THRESHOLD),
        get(s, BULK_JOB_ROWS),
        get(s, COLLECTIONS_BATCH),
        get(s, RECORD_RETRIES),
        Duration.ofMillis(get(s, RETRY_MILLIS)),
        get(s, RETRY_MAX),
        get(s, ARCHIVE_RETENTION),
        get(s, FAILED_VISIBLE),
        get(s, WRITERS_PER_CONNECTION),
        get(s, CREATE_LOOKUP_SLACK),
        get(s, SETTLE),
        get(s, LEASE));
  }

  public static WriteConfig defaults() {
    return from(Settings.defaults(ALL));
  }

  private static <T> T get(Settings s, Setting<T> setting) {
    T v = s.has(setting) ? s.get(setting) : null;
    return v != null ? v : setting.defaultValue();
  }

  /** The backoff after {@code failures} consecutive failures (1 = the first). */
  public Duration backoff(int failures) {
    Duration d = retryDelay.multipliedBy(1L << Math.min(20, Math.max(0, failures - 1)));
    return d.compareTo(retryMax) > 0 ? retryMax : d;
  }
}
