package dev.ferry.engine.write;

import dev.ferry.core.config.Setting;
import dev.ferry.core.config.Setting.Checks;
import java.time.Duration;
import java.util.List;

/**
 * Every setting of the write path (Postgres → Salesforce), declared once (group "Write") and listed
 * with the engine's ({@link dev.ferry.engine.FerryEngine#settings()}). {@code docs/write-path.md}
 * explains what each one changes. The write algorithm (Ordered or Merged Writes) is a connection
 * feature, {@code poll_db_no_merge}, not a setting.
 */
public final class WriteSettings {
  private WriteSettings() {}

  private static final String WRITE = "Write";

  public static final Setting<Boolean> ENABLED =
      Setting.bool("ferry.write.enabled", "FERRY_WRITE_ENABLED")
          .group(WRITE)
          .defaultValue(true)
          .doc(
              "This process writes captured changes to Salesforce (one process per connection"
                  + " at a time holds the writer lease; the others stand by).")
          .build();

  public static final Setting<Integer> DEBOUNCE_MILLIS =
      Setting.integer("ferry.write.debounce-ms", "FERRY_WRITE_DEBOUNCE_MS")
          .group(WRITE)
          .defaultValue(20)
          .validate(Checks.between(0, 60_000))
          .doc(
              "After a capture wakes the writer (LISTEN/NOTIFY), it waits this long for more"
                  + " changes before claiming, so a burst goes out in few calls (Heroku Connect"
                  + " waits at least 10 s).")
          .build();

  public static final Setting<Duration> POLL_INTERVAL =
      Setting.seconds("ferry.write.poll-seconds", "FERRY_WRITE_POLL_SECONDS")
          .group(WRITE)
          .defaultValue(Duration.ofSeconds(60))
          .validate(Checks.durationBetween(Duration.ofSeconds(1), Duration.ofHours(1)))
          .doc(
              "The writer also looks at the trigger log this often without a notification"
                  + " (a lost LISTEN session, a resumed connection).")
          .build();

  public static final Setting<Integer> IDLE_AFTER_MILLIS =
      Setting.integer("ferry.write.idle-after-ms", "FERRY_WRITE_IDLE_AFTER_MS")
          .group(WRITE)
          .defaultValue(2000)
          .validate(Checks.between(0, 600_000))
          .doc(
              "The connection goes back from POLLING_DB_CHANGES to IDLE once no change arrived"
                  + " for this long after the queue was empty (keeps the state history short"
                  + " under steady traffic).")
          .build();

  public static final Setting<Integer> CLAIM_SIZE =
      Setting.integer("ferry.write.claim-size", "FERRY_WRITE_CLAIM_SIZE")
          .group(WRITE)
          .defaultValue(20_000)
          .validate(Checks.between(1, 1_000_000))
          .doc("Most trigger-log entries one write cycle claims (marks PENDING) at once.")
          .build();

  public static final Setting<Integer> BULK_THRESHOLD =
      Setting.integer("ferry.write.bulk-threshold", "FERRY_WRITE_BULK_THRESHOLD")
          .group(WRITE)
          .defaultValue(2000)
          .validate(Checks.between(1, 100_000_000))
          .doc(
              "A group of at least this many same-operation writes of one table goes through"
                  + " Bulk API 2.0 ingest jobs instead of sObject Collections (inserts only when"
                  + " the mapping has an upsert field; see docs/write-path.md).")
          .build();

  public static final Setting<Integer> BULK_JOB_ROWS =
      Setting.integer("ferry.write.bulk-job-rows", "FERRY_WRITE_BULK_JOB_ROWS")
          .group(WRITE)
          .defaultValue(10_000)
          .validate(Checks.between(1, 10_000_000))
          .doc(
              "Rows per Bulk ingest job; a larger group is split into several jobs that run in"
                  + " parallel within the org's Bulk job slots (ferry.bulk.max-jobs).")
          .build();

  public static final Setting<Integer> COLLECTIONS_BATCH =
      Setting.integer("ferry.write.collections-batch-size", "FERRY_WRITE_COLLECTIONS_BATCH_SIZE")
          .group(WRITE)
          .defaultValue(200)
          .validate(Checks.between(1, 200))
          .doc("Records per sObject Collections call (Salesforce allows at most 200).")
          .build();

  public static final Setting<Integer> RECORD_RETRIES =
      Setting.integer("ferry.write.record-retries", "FERRY_WRITE_RECORD_RETRIES")
          .group(WRITE)
          .defaultValue(3)
          .validate(Checks.between(0, 100))
          .doc(
              "How often a record Salesforce refused for a transient reason (UNABLE_TO_LOCK_ROW,"
                  + " ...) is sent again, with backoff, before it is FAILED.")
          .build();

  public static final Setting<Integer> RETRY_MILLIS =
      Setting.integer("ferry.write.retry-ms", "FERRY_WRITE_RETRY_MS")
          .group(WRITE)
          .defaultValue(1000)
          .validate(Checks.between(10, 3_600_000))
          .doc(
              "First wait after a transient failure (Salesforce unavailable, throttled, a record"
                  + " lock); it doubles up to ferry.write.retry-max-seconds.")
          .build();

  public static final Setting<Duration> RETRY_MAX =
      Setting.seconds("ferry.write.retry-max-seconds", "FERRY_WRITE_RETRY_MAX_SECONDS")
          .group(WRITE)
          .defaultValue(Duration.ofMinutes(2))
          .validate(Checks.durationBetween(Duration.ofSeconds(1), Duration.ofHours(6)))
          .doc("Longest wait between attempts of a write cycle that keeps failing.")
          .build();

  public static final Setting<Duration> ARCHIVE_RETENTION =
      Setting.seconds(
              "ferry.write.archive-retention-seconds", "FERRY_WRITE_ARCHIVE_RETENTION_SECONDS")
          .group(WRITE)
          .defaultValue(Duration.ofDays(31))
          .validate(Checks.durationBetween(Duration.ofHours(1), Duration.ofDays(3650)))
          .doc("Entries in _trigger_log_archive older than this are purged (Heroku Connect: 31 d).")
          .build();

  public static final Setting<Duration> FAILED_VISIBLE =
      Setting.seconds("ferry.write.failed-visible-seconds", "FERRY_WRITE_FAILED_VISIBLE_SECONDS")
          .group(WRITE)
          .defaultValue(Duration.ofHours(24))
          .validate(Checks.durationBetween(Duration.ZERO, Duration.ofDays(31)))
          .doc(
              "A FAILED entry stays in _trigger_log this long after it failed (where applications"
                  + " look for failures and set them back to NEW to retry), then moves to"
                  + " _trigger_log_archive with the hourly housekeeping. Other outcomes are"
                  + " archived at once.")
          .build();

  public static final Setting<Integer> WRITERS_PER_CONNECTION =
      Setting.integer("ferry.write.writers-per-connection", "FERRY_WRITE_WRITERS_PER_CONNECTION")
          .group(WRITE)
          .defaultValue(1)
          .validate(Checks.between(1, 16))
          .doc(
              "Processes writing one connection's changes at once. 1 keeps the capture order"
                  + " across records (a parent before its child); more share a large queue but"
                  + " only keep each record's own order.")
          .build();

  public static final Setting<Duration> CREATE_LOOKUP_SLACK =
      Setting.seconds(
              "ferry.write.create-lookup-slack-seconds", "FERRY_WRITE_CREATE_LOOKUP_SLACK_SECONDS")
          .group(WRITE)
          .defaultValue(Duration.ofMinutes(5))
          .validate(Checks.durationBetween(Duration.ZERO, Duration.ofDays(1)))
          .doc(
              "When the answer to a create was lost (crash, timeout), Ferry looks for the records"
                  + " its user created since the call started, minus this margin for the clock"
                  + " difference between Ferry's host and Salesforce.")
          .build();

  public static final Setting<Duration> SETTLE =
      Setting.seconds("ferry.write.settle-seconds", "FERRY_WRITE_SETTLE_SECONDS")
          .group(WRITE)
          .defaultValue(Duration.ofMinutes(10))
          .validate(Checks.durationBetween(Duration.ZERO, Duration.ofHours(1)))
          .doc(
              "A collections call whose answer was lost (timeout, broken connection, a writer"
                  + " that died) may still be running at Salesforce: its records are looked up"
                  + " or sent again only this long after the call started, so a late original"
                  + " can neither duplicate a create nor overwrite a newer update (Salesforce"
                  + " ends a request after 10 minutes).")
          .build();

  public static final Setting<Duration> LEASE =
      Setting.seconds("ferry.write.lease-seconds", "FERRY_WRITE_LEASE_SECONDS")
          .group(WRITE)
          .defaultValue(Duration.ofSeconds(30))
          .validate(Checks.durationBetween(Duration.ofSeconds(1), Duration.ofHours(1)))
          .doc(
              "The writer lease of a connection: renewed while its process works, so another"
                  + " process takes a dead one's writes over after at most this long.")
          .build();

  /** Every write setting. */
  public static final List<Setting<?>> ALL =
      List.of(
          ENABLED,
          DEBOUNCE_MILLIS,
          POLL_INTERVAL,
          IDLE_AFTER_MILLIS,
          CLAIM_SIZE,
          BULK_THRESHOLD,
          BULK_JOB_ROWS,
          COLLECTIONS_BATCH,
          RECORD_RETRIES,
          RETRY_MILLIS,
          RETRY_MAX,
          ARCHIVE_RETENTION,
          FAILED_VISIBLE,
          WRITERS_PER_CONNECTION,
          CREATE_LOOKUP_SLACK,
          SETTLE,
          LEASE);
}
