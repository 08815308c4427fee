package dev.ferry.salesforce;

import dev.ferry.core.config.Setting;
import dev.ferry.core.config.Setting.Checks;
import dev.ferry.core.config.Settings;
import dev.ferry.salesforce.pubsub.PubSubSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The client's tunables as declared-once {@link Setting}s (environment {@code FERRY_SALESFORCE_*}),
 * so the app resolves, validates and documents them with the rest of Ferry's configuration.
 * Credentials are per connection and not here; the finer knobs (initial backoff, poll start) keep
 * their {@link SalesforceConfig} defaults.
 */
public final class SalesforceSettings {
  private static final String GROUP = "Salesforce client";

  public static final Setting<String> LOGIN_URL =
      Setting.string("ferry.salesforce.login-url", "FERRY_SALESFORCE_LOGIN_URL")
          .group(GROUP)
          .defaultValue(SalesforceConfig.DEFAULT_LOGIN_URL.toString())
          .validate(Checks.matches("https?://[^\\s/]+(/.*)?", "an http(s) URL"))
          .doc(
              "OAuth login host: login.salesforce.com, test.salesforce.com or the org's My Domain.")
          .build();

  public static final Setting<String> API_VERSION =
      Setting.string("ferry.salesforce.api-version", "FERRY_SALESFORCE_API_VERSION")
          .group(GROUP)
          .defaultValue(SalesforceConfig.DEFAULT_API_VERSION)
          .validate(Checks.matches("[1-9][0-9]\\.0", "a version like 62.0"))
          .doc("Salesforce API version of every call (47.0 or later).")
          .build();

  public static final Setting<Duration> CONNECT_TIMEOUT =
      Setting.seconds("ferry.salesforce.connect-timeout", "FERRY_SALESFORCE_CONNECT_TIMEOUT")
          .group(GROUP)
          .defaultValue(SalesforceConfig.DEFAULT_CONNECT_TIMEOUT)
          .validate(Checks.durationBetween(Duration.ofSeconds(1), Duration.ofMinutes(5)))
          .doc("TCP connect timeout, in seconds.")
          .build();

  public static final Setting<Duration> REQUEST_TIMEOUT =
      Setting.seconds("ferry.salesforce.request-timeout", "FERRY_SALESFORCE_REQUEST_TIMEOUT")
          .group(GROUP)
          .defaultValue(SalesforceConfig.DEFAULT_REQUEST_TIMEOUT)
          .validate(Checks.durationBetween(Duration.ofSeconds(1), Duration.ofHours(1)))
          .doc("Seconds to wait for the response headers of one call; bodies then stream freely.")
          .build();

  public static final Setting<Duration> BODY_IDLE_TIMEOUT =
      Setting.seconds("ferry.salesforce.body-idle-timeout", "FERRY_SALESFORCE_BODY_IDLE_TIMEOUT")
          .group(GROUP)
          .defaultValue(SalesforceConfig.DEFAULT_BODY_IDLE_TIMEOUT)
          .validate(Checks.durationBetween(Duration.ofSeconds(1), Duration.ofHours(1)))
          .doc(
              "Seconds a response body may stall before the read fails (and a Bulk page is refetched).")
          .build();

  public static final Setting<Integer> MAX_ATTEMPTS =
      Setting.integer("ferry.salesforce.max-attempts", "FERRY_SALESFORCE_MAX_ATTEMPTS")
          .group(GROUP)
          .defaultValue(SalesforceConfig.DEFAULT_MAX_ATTEMPTS)
          .validate(Checks.between(1, 20))
          .doc("Attempts per call on transient failures (429/420/5xx, resets), retries included.")
          .build();

  public static final Setting<Duration> CALL_DEADLINE =
      Setting.seconds("ferry.salesforce.call-deadline", "FERRY_SALESFORCE_CALL_DEADLINE")
          .group(GROUP)
          .defaultValue(SalesforceConfig.DEFAULT_CALL_DEADLINE)
          .validate(Checks.durationBetween(Duration.ofSeconds(1), Duration.ofHours(1)))
          .doc("Seconds after which a call stops retrying.")
          .build();

  public static final Setting<Integer> QUERY_BATCH_SIZE =
      Setting.integer("ferry.salesforce.query-batch-size", "FERRY_SALESFORCE_QUERY_BATCH_SIZE")
          .group(GROUP)
          .defaultValue(SalesforceConfig.DEFAULT_QUERY_BATCH_SIZE)
          .validate(Checks.between(200, 2000))
          .doc("Records per REST query page (Sforce-Query-Options batchSize).")
          .build();

  public static final Setting<Long> UPLOAD_LIMIT_BYTES =
      Setting.longValue(
              "ferry.salesforce.upload-limit-bytes", "FERRY_SALESFORCE_UPLOAD_LIMIT_BYTES")
          .group(GROUP)
          .defaultValue(SalesforceConfig.MAX_UPLOAD_BYTES)
          .validate(v ->
              v < 1 || v > SalesforceConfig.MAX_UPLOAD_BYTES
                  ? "must be between 1 and " + SalesforceConfig.MAX_UPLOAD_BYTES + ", got " + v
                  : null)
          .doc("Bytes of CSV per Bulk ingest job; larger data is split over several jobs.")
          .build();

  public static final Setting<Duration> JOB_POLL_MAX =
      Setting.seconds("ferry.salesforce.job-poll-max", "FERRY_SALESFORCE_JOB_POLL_MAX")
          .group(GROUP)
          .defaultValue(SalesforceConfig.DEFAULT_JOB_POLL_MAX)
          .validate(Checks.durationBetween(Duration.ofSeconds(1), Duration.ofMinutes(10)))
          .doc("Longest wait, in seconds, between two polls of a Bulk job.")
          .build();

  public static final Setting<String> CALL_OPTIONS_CLIENT =
      Setting.string("ferry.salesforce.client-id", "FERRY_SALESFORCE_CLIENT_ID")
          .group(GROUP)
          .defaultValue(SalesforceConfig.DEFAULT_CALL_OPTIONS_CLIENT)
          .validate(Checks.matches("[A-Za-z0-9_./:-]{1,64}", "1-64 characters of [A-Za-z0-9_./:-]"))
          .doc(
              "Sent as Sforce-Call-Options client=..., so Change Data Capture can spot Ferry's writes.")
          .build();

  public static final Setting<Boolean> GZIP =
      Setting.bool("ferry.salesforce.gzip", "FERRY_SALESFORCE_GZIP")
          .group(GROUP)
          .defaultValue(true)
          .doc("Ask Salesforce for gzip-compressed responses.")
          .build();

  private static final String PUBSUB_GROUP = "Salesforce Pub/Sub API (change events)";

  public static final Setting<String> PUBSUB_ENDPOINT =
      Setting.string("ferry.pubsub.endpoint", "FERRY_PUBSUB_ENDPOINT")
          .group(PUBSUB_GROUP)
          .defaultValue(PubSubSettings.DEFAULT_HOST + ":" + PubSubSettings.DEFAULT_PORT)
          .validate(Checks.matches("[A-Za-z0-9.\\-]+:[0-9]{1,5}", "host:port"))
          .doc(
              "The Pub/Sub API (host:port) that mappings with sf_notify_enabled subscribe to for"
                  + " Change Data Capture events (EU: api.deu.pubsub.salesforce.com:7443).")
          .build();

  public static final Setting<Boolean> PUBSUB_PLAINTEXT =
      Setting.bool("ferry.pubsub.plaintext", "FERRY_PUBSUB_PLAINTEXT")
          .group(PUBSUB_GROUP)
          .defaultValue(false)
          .doc("Talk to the Pub/Sub endpoint without TLS (a local emulator in tests only).")
          .build();

  public static final Setting<String> PUBSUB_TRUST_PEM =
      Setting.string("ferry.pubsub.trust-pem", "FERRY_PUBSUB_TRUST_PEM")
          .group(PUBSUB_GROUP)
          .doc(
              "A PEM file of certificates to trust for the Pub/Sub endpoint instead of the JDK's"
                  + " (e.g. the emulator's self-signed certificate).")
          .build();

  public static final Setting<Duration> PUBSUB_SILENCE =
      Setting.seconds("ferry.pubsub.silence-seconds", "FERRY_PUBSUB_SILENCE_SECONDS")
          .group(PUBSUB_GROUP)
          .defaultValue(PubSubSettings.DEFAULT_SILENCE)
          .validate(Checks.durationBetween(Duration.ofSeconds(1), Duration.ofHours(1)))
          .doc(
              "A change-event stream that hears nothing (no event, no keepalive) this many seconds"
                  + " is re-opened; Salesforce sends a keepalive within 270 s.")
          .build();

  private SalesforceSettings() {}

  public static List<Setting<?>> all() {
    return List.of(
        LOGIN_URL,
        API_VERSION,
        CONNECT_TIMEOUT,
        REQUEST_TIMEOUT,
        BODY_IDLE_TIMEOUT,
        MAX_ATTEMPTS,
        CALL_DEADLINE,
        QUERY_BATCH_SIZE,
        UPLOAD_LIMIT_BYTES,
        JOB_POLL_MAX,
        CALL_OPTIONS_CLIENT,
        GZIP,
        PUBSUB_ENDPOINT,
        PUBSUB_PLAINTEXT,
        PUBSUB_TRUST_PEM,
        PUBSUB_SILENCE);
  }

  /** A builder filled from resolved settings; add credentials (and clock) and build. */
  public static SalesforceConfig.Builder builder(Settings resolved) {
    Duration pollMax = resolved.get(JOB_POLL_MAX);
    return SalesforceConfig.builder()
        .loginUrl(resolved.get(LOGIN_URL))
        .apiVersion(resolved.get(API_VERSION))
        .connectTimeout(resolved.get(CONNECT_TIMEOUT))
        .requestTimeout(resolved.get(REQUEST_TIMEOUT))
        .bodyIdleTimeout(resolved.get(BODY_IDLE_TIMEOUT))
        .maxAttempts(resolved.get(MAX_ATTEMPTS))
        .callDeadline(resolved.get(CALL_DEADLINE))
        .queryBatchSize(resolved.get(QUERY_BATCH_SIZE))
        .uploadLimitBytes(resolved.get(UPLOAD_LIMIT_BYTES))
        .jobPollMax(pollMax)
        .jobPollInitial(
            pollMax.compareTo(SalesforceConfig.DEFAULT_JOB_POLL_INITIAL) < 0
                ? pollMax
                : SalesforceConfig.DEFAULT_JOB_POLL_INITIAL)
        .callOptionsClient(resolved.get(CALL_OPTIONS_CLIENT))
        .acceptGzip(resolved.get(GZIP))
        .pubSub(pubSub(resolved));
  }

  /** The Pub/Sub API settings from resolved settings. */
  public static PubSubSettings pubSub(Settings resolved) {
    PubSubSettings d = PubSubSettings.defaults().withEndpoint(resolved.get(PUBSUB_ENDPOINT));
    String trust = resolved.get(PUBSUB_TRUST_PEM);
    return new PubSubSettings(
        d.host(),
        d.port(),
        resolved.get(PUBSUB_PLAINTEXT),
        trust == null || trust.isBlank() ? null : Path.of(trust),
        resolved.get(PUBSUB_SILENCE),
        d.initialBackoff(),
        d.maxBackoff());
  }
}
