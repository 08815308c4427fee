package dev.ferry.engine.env;

import dev.ferry.core.config.Setting;
import dev.ferry.core.config.Setting.Checks;
import dev.ferry.core.store.DeleteMode;
import java.time.Duration;
import java.util.List;

/**
 * Every setting of the sync engine, declared once (group "Sync"). The app adds {@link #ALL} to its
 * own declarations; {@code docs/configuration.md} is generated from them. {@code docs/read-path.md}
 * explains what each one changes.
 */
public final class EngineSettings {
  private EngineSettings() {}

  private static final String SYNC = "Sync";
  private static final String CLUSTER = "Cluster";

  public static final Setting<Integer> LARGE_QUERY_THRESHOLD =
      Setting.integer("ferry.sync.large-query-threshold", "FERRY_LARGE_QUERY_THRESHOLD")
          .group(SYNC)
          .defaultValue(10_000)
          .validate(Checks.between(1, 100_000_000))
          .doc(
              "Rows above which a read uses Bulk API 2.0 instead of REST; decided by a COUNT()"
                  + " before every load, poll and secondary poll (Heroku Connect: 10,000).")
          .build();

  public static final Setting<Integer> BULK_CHUNK_ROWS =
      Setting.integer("ferry.sync.bulk-chunk-rows", "FERRY_BULK_CHUNK_ROWS")
          .group(SYNC)
          .defaultValue(150_000)
          .validate(Checks.between(1, 100_000_000))
          .doc(
              "A primary bulk poll is read in sub-windows of about this many rows, one Bulk job"
                  + " and one transaction each, the watermark advancing after each.")
          .build();

  public static final Setting<Duration> SAFETY_LAG =
      Setting.seconds("ferry.sync.safety-lag-seconds", "FERRY_POLL_SAFETY_LAG_SECONDS")
          .group(SYNC)
          .defaultValue(Duration.ofSeconds(2))
          .validate(Checks.durationBetween(Duration.ZERO, Duration.ofHours(1)))
          .doc("A poll reads changes up to this long before now (upper bound of its window).")
          .build();

  public static final Setting<Duration> OVERLAP =
      Setting.seconds("ferry.sync.overlap-seconds", "FERRY_POLL_OVERLAP_SECONDS")
          .group(SYNC)
          .defaultValue(Duration.ofSeconds(10))
          .validate(Checks.durationBetween(Duration.ZERO, Duration.ofDays(1)))
          .doc(
              "Each poll starts this long before the previous poll's upper bound, so a change"
                  + " committed a little late is still read by the next primary poll.")
          .build();

  public static final Setting<DeleteMode> DELETE_MODE =
      Setting.enumValue("ferry.sync.delete-mode", "FERRY_DELETE_MODE", DeleteMode.class)
          .group(SYNC)
          .defaultValue(DeleteMode.REMOVE)
          .doc(
              "What a record deleted in Salesforce does to its row: remove it (Heroku Connect) or"
                  + " flag it (isdeleted = true).")
          .build();

  public static final Setting<Duration> DESCRIBE_CHECK =
      Setting.seconds("ferry.sync.describe-check-seconds", "FERRY_DESCRIBE_CHECK_SECONDS")
          .group(SYNC)
          .defaultValue(Duration.ofMinutes(10))
          .validate(Checks.durationBetween(Duration.ofSeconds(1), Duration.ofDays(7)))
          .doc(
              "How often a mapping's object is described again to notice fields removed in"
                  + " Salesforce (BAD_CONFIG) or grown (ALTER TABLE).")
          .build();

  public static final Setting<Integer> MIN_POLL_SECONDS =
      Setting.integer("ferry.sync.min-poll-seconds", "FERRY_MIN_POLL_SECONDS")
          .group(SYNC)
          .defaultValue(1)
          .validate(Checks.between(1, 86_400))
          .doc("Smallest sf_polling_seconds a mapping may use.")
          .build();

  public static final Setting<Duration> RETRY_DELAY =
      Setting.seconds("ferry.sync.retry-seconds", "FERRY_SYNC_RETRY_SECONDS")
          .group(SYNC)
          .defaultValue(Duration.ofSeconds(30))
          .validate(Checks.durationBetween(Duration.ofSeconds(1), Duration.ofHours(1)))
          .doc(
              "First delay before a step that failed for a transient reason (Salesforce"
                  + " unavailable, throttled) runs again; it doubles up to the polling interval.")
          .build();

  public static final Setting<Duration> BLOCKED_RECHECK =
      Setting.seconds("ferry.sync.blocked-recheck-seconds", "FERRY_BLOCKED_RECHECK_SECONDS")
          .group(SYNC)
          .defaultValue(Duration.ofSeconds(60))
          .validate(Checks.durationBetween(Duration.ofSeconds(1), Duration.ofDays(1)))
          .doc(
              "How often a mapping that waits for a human (ABORTED, BAD_CONFIG, paused"
                  + " connection, ...) looks at its state again; actions also wake it at once.")
          .build();

  public static final Setting<Integer> API_BUDGET_PERCENT =
      Setting.integer("ferry.sync.api-budget-percent", "FERRY_API_BUDGET_PERCENT")
          .group(SYNC)
          .defaultValue(90)
          .validate(Checks.between(1, 100))
          .doc(
              "Polls and writes are deferred while the org has used this percentage of its daily"
                  + " API requests (as Salesforce reports them); loads and user actions still run.")
          .build();

  public static final Setting<Integer> BULK_MAX_JOBS =
      Setting.integer("ferry.bulk.max-jobs", "FERRY_BULK_MAX_JOBS")
          .group(SYNC)
          .defaultValue(3)
          .validate(Checks.between(1, 100))
          .doc("Bulk API query jobs running at once per org, across every Ferry process.")
          .build();

  public static final Setting<Integer> BULK_STATUS_POLL_MILLIS =
      Setting.integer("ferry.bulk.status-poll-ms", "FERRY_BULK_STATUS_POLL_MS")
          .group(SYNC)
          .defaultValue(500)
          .validate(Checks.between(10, 60_000))
          .doc(
              "First wait before a Bulk job's state is read again; the wait doubles up to 10"
                  + " seconds. Each read is one API call and a chance to notice an abort.")
          .build();

  public static final Setting<Duration> BULK_SPLIT_MIN_WINDOW =
      Setting.seconds("ferry.bulk.split-min-window-seconds", "FERRY_BULK_SPLIT_MIN_SECONDS")
          .group(SYNC)
          .defaultValue(Duration.ofSeconds(1))
          .validate(Checks.durationBetween(Duration.ofSeconds(1), Duration.ofDays(365)))
          .doc(
              "A Bulk query that Salesforce fails (after its own 15 retries) is read again in two"
                  + " halves of its window, recursively, down to windows this narrow; then the"
                  + " failure is reported (BULK_LOAD_ERROR for a load).")
          .build();

  public static final Setting<Integer> BULK_SPLIT_MAX_DEPTH =
      Setting.integer("ferry.bulk.split-max-depth", "FERRY_BULK_SPLIT_MAX_DEPTH")
          .group(SYNC)
          .defaultValue(6)
          .validate(Checks.between(0, 30))
          .doc("How many times a failing Bulk query window may be halved.")
          .build();

  public static final Setting<Duration> BULK_JOB_TIMEOUT =
      Setting.seconds("ferry.bulk.job-timeout-seconds", "FERRY_BULK_JOB_TIMEOUT_SECONDS")
          .group(SYNC)
          .defaultValue(Duration.ofHours(6))
          .validate(Checks.durationBetween(Duration.ofSeconds(1), Duration.ofDays(7)))
          .doc("A Bulk query job not complete after this long is aborted and the step retried.")
          .build();

  public static final Setting<Boolean> DRIFT_ENABLED =
      Setting.bool("ferry.drift.enabled", "FERRY_DRIFT_ENABLED")
          .group(SYNC)
          .defaultValue(true)
          .doc("Secondary (drift) polls re-read every primary poll's window after a delay.")
          .build();

  public static final Setting<Duration> DRIFT_DELAY =
      Setting.seconds("ferry.drift.delay-seconds", "FERRY_DRIFT_DELAY_SECONDS")
          .group(SYNC)
          .defaultValue(Duration.ofMinutes(5))
          .validate(Checks.durationBetween(Duration.ZERO, Duration.ofDays(1)))
          .doc(
              "How long after a primary poll its window is read again by a secondary poll, which"
                  + " repairs what Salesforce committed late.")
          .build();

  public static final Setting<Duration> DRIFT_BATCH =
      Setting.seconds("ferry.drift.batch-seconds", "FERRY_DRIFT_BATCH_SECONDS")
          .group(SYNC)
          .defaultValue(Duration.ofSeconds(60))
          .validate(Checks.durationBetween(Duration.ofSeconds(1), Duration.ofHours(1)))
          .doc(
              "Secondary polls of one mapping falling due within this interval run together as"
                  + " one read of their windows (fewer API calls for fast-polling mappings).")
          .build();

  public static final Setting<Integer> DRIFT_MAX_PARALLEL =
      Setting.integer("ferry.drift.max-parallel", "FERRY_DRIFT_MAX_PARALLEL")
          .group(SYNC)
          .defaultValue(2)
          .validate(Checks.between(1, 100))
          .doc(
              "Secondary polls running at once across every Ferry process: each holds one"
                  + " database connection, so this bounds what drift repair takes from the"
                  + " database.")
          .build();

  public static final Setting<Integer> DRIFT_MAX_IDS =
      Setting.integer("ferry.drift.max-repaired-ids", "FERRY_DRIFT_MAX_REPAIRED_IDS")
          .group(SYNC)
          .defaultValue(1000)
          .validate(Checks.between(0, 1_000_000))
          .doc("How many repaired sfids a secondary poll records (the count is always exact).")
          .build();

  public static final Setting<Duration> WINDOW_RETENTION =
      Setting.seconds("ferry.sync.window-retention-seconds", "FERRY_WINDOW_RETENTION_SECONDS")
          .group(SYNC)
          .defaultValue(Duration.ofDays(7))
          .validate(Checks.durationBetween(Duration.ofHours(1), Duration.ofDays(365)))
          .doc("Finished poll windows (primary and secondary) are kept this long.")
          .build();

  public static final Setting<Duration> STATE_HISTORY_RETENTION =
      Setting.seconds(
              "ferry.sync.state-history-retention-seconds", "FERRY_STATE_HISTORY_RETENTION_SECONDS")
          .group(SYNC)
          .defaultValue(Duration.ofDays(31))
          .validate(Checks.durationBetween(Duration.ofHours(1), Duration.ofDays(3650)))
          .doc(
              "State changes of mappings and connections are kept this long (the newest of each"
                  + " always stays); a poll every few seconds records several changes per poll.")
          .build();

  public static final Setting<String> NODE_NAME =
      Setting.string("ferry.node.name", "FERRY_NODE_NAME")
          .group(CLUSTER)
          .doc("This process's name in the scheduler and in job-slot leases (default: host-pid).")
          .build();

  public static final Setting<Integer> WORKER_THREADS =
      Setting.integer("ferry.scheduler.threads", "FERRY_WORKER_THREADS")
          .group(CLUSTER)
          .defaultValue(8)
          .validate(Checks.between(1, 200))
          .doc(
              "Mapping polls and secondary polls this process runs at once (db-scheduler"
                  + " threads); each running one holds at most one database connection.")
          .build();

  public static final Setting<Integer> SCHEDULER_POLL_MILLIS =
      Setting.integer("ferry.scheduler.poll-ms", "FERRY_SCHEDULER_POLL_MS")
          .group(CLUSTER)
          .defaultValue(1000)
          .validate(Checks.between(50, 60_000))
          .doc("How often each process looks for due polls in the shared task table.")
          .build();

  public static final Setting<Duration> SCHEDULER_HEARTBEAT =
      Setting.seconds("ferry.scheduler.heartbeat-seconds", "FERRY_SCHEDULER_HEARTBEAT_SECONDS")
          .group(CLUSTER)
          .defaultValue(Duration.ofSeconds(10))
          .validate(Checks.durationBetween(Duration.ofSeconds(1), Duration.ofMinutes(10)))
          .doc(
              "Heartbeat of running polls; after 6 missed heartbeats another process takes the"
                  + " mapping over (a process that died mid-poll).")
          .build();

  public static final Setting<Duration> DB_RETRY =
      Setting.seconds("ferry.db.retry-seconds", "FERRY_DB_RETRY_SECONDS")
          .group(CLUSTER)
          .defaultValue(Duration.ofSeconds(5))
          .validate(Checks.durationBetween(Duration.ofSeconds(1), Duration.ofMinutes(10)))
          .doc("While Postgres is unreachable (DB_UNAVAILABLE), how often it is tried again.")
          .build();

  public static final Setting<Duration> DB_OUTAGE_MAX_WAIT =
      Setting.seconds("ferry.db.outage-max-wait-seconds", "FERRY_DB_OUTAGE_MAX_WAIT_SECONDS")
          .group(CLUSTER)
          .defaultValue(Duration.ofMinutes(30))
          .validate(Checks.durationBetween(Duration.ofSeconds(1), Duration.ofDays(1)))
          .doc(
              "How long a worker waits for Postgres to come back before giving the mapping up to"
                  + " the scheduler's recovery of dead executions.")
          .build();

  /** Every engine setting, for the app's configuration reference. */
  public static final List<Setting<?>> ALL =
      List.of(
          LARGE_QUERY_THRESHOLD,
          BULK_CHUNK_ROWS,
          SAFETY_LAG,
          OVERLAP,
          DELETE_MODE,
          DESCRIBE_CHECK,
          MIN_POLL_SECONDS,
          RETRY_DELAY,
          BLOCKED_RECHECK,
          API_BUDGET_PERCENT,
          BULK_MAX_JOBS,
          BULK_STATUS_POLL_MILLIS,
          BULK_SPLIT_MIN_WINDOW,
          BULK_SPLIT_MAX_DEPTH,
          BULK_JOB_TIMEOUT,
          DRIFT_ENABLED,
          DRIFT_DELAY,
          DRIFT_BATCH,
          DRIFT_MAX_PARALLEL,
          DRIFT_MAX_IDS,
          WINDOW_RETENTION,
          STATE_HISTORY_RETENTION,
          NODE_NAME,
          WORKER_THREADS,
          SCHEDULER_POLL_MILLIS,
          SCHEDULER_HEARTBEAT,
          DB_RETRY,
          DB_OUTAGE_MAX_WAIT);
}
