package dev.ferry.engine.env;

import static dev.ferry.engine.env.EngineSettings.*;

import dev.ferry.core.config.Settings;
import dev.ferry.core.store.DeleteMode;
import java.net.InetAddress;
import java.time.Duration;

/** The engine's settings, resolved and typed once at start (see {@link EngineSettings}). */
public record EngineConfig(
    int largeQueryThreshold,
    int bulkChunkRows,
    Duration safetyLag,
    Duration overlap,
    DeleteMode deleteMode,
    Duration describeCheck,
    int minPollSeconds,
    Duration retryDelay,
    Duration blockedRecheck,
    int apiBudgetPercent,
    int bulkMaxJobs,
    Duration bulkStatusPoll,
    Duration bulkSplitMinWindow,
    int bulkSplitMaxDepth,
    Duration bulkJobTimeout,
    boolean driftEnabled,
    Duration driftDelay,
    Duration driftBatch,
    int driftMaxParallel,
    int driftMaxIds,
    Duration windowRetention,
    Duration stateHistoryRetention,
    String nodeName,
    int workerThreads,
    Duration schedulerPoll,
    Duration schedulerHeartbeat,
    Duration dbRetry,
    Duration dbOutageMaxWait) {

  public static EngineConfig from(Settings s) {
    String node = s.get(NODE_NAME);
    return new EngineConfig(
        s.get(LARGE_QUERY_THRESHOLD),
        s.get(BULK_CHUNK_ROWS),
        s.get(SAFETY_LAG),
        s.get(OVERLAP),
        s.get(DELETE_MODE),
        s.get(DESCRIBE_CHECK),
        s.get(MIN_POLL_SECONDS),
        s.get(RETRY_DELAY),
        s.get(BLOCKED_RECHECK),
        s.get(API_BUDGET_PERCENT),
        s.get(BULK_MAX_JOBS),
        Duration.ofMillis(s.get(BULK_STATUS_POLL_MILLIS)),
        s.get(BULK_SPLIT_MIN_WINDOW),
        s.get(BULK_SPLIT_MAX_DEPTH),
        s.get(BULK_JOB_TIMEOUT),
        s.get(DRIFT_ENABLED),
        s.get(DRIFT_DELAY),
        s.get(DRIFT_BATCH),
        s.get(DRIFT_MAX_PARALLEL),
        s.get(DRIFT_MAX_IDS),
        s.get(WINDOW_RETENTION),
        s.get(STATE_HISTORY_RETENTION),
        node == null || node.isBlank() ? defaultNodeName() : node,
        s.get(WORKER_THREADS),
        Duration.ofMillis(s.get(SCHEDULER_POLL_MILLIS)),
        s.get(SCHEDULER_HEARTBEAT),
        s.get(DB_RETRY),
        s.get(DB_OUTAGE_MAX_WAIT));
  }

  /** Every default. */
  public static EngineConfig defaults() {
    return from(Settings.defaults(EngineSettings.ALL));
  }

  static String defaultNodeName() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      host = "ferry";
    }
    return host + "-" + ProcessHandle.current().pid();
  }
}
