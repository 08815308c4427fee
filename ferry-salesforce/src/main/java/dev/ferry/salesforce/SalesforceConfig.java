package dev.ferry.salesforce;

import dev.ferry.core.error.ConfigException;
import dev.ferry.salesforce.auth.Credentials;
import dev.ferry.salesforce.internal.Sleeper;
import dev.ferry.salesforce.pubsub.PubSubSettings;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Everything {@link HttpSalesforceApi} needs, immutable and validated when built: every problem is
 * reported at once in one {@link ConfigException}. {@code toString} masks secrets.
 *
 * @param loginUrl where {@code /services/oauth2/token} lives: login.salesforce.com,
 *     test.salesforce.com, the org's My Domain (required for client credentials) or the emulator
 * @param apiVersion e.g. {@code 62.0}; at least {@value #MIN_API_VERSION} (Bulk API 2.0 query)
 * @param connectTimeout TCP connect timeout
 * @param requestTimeout how long to wait for response headers of one call (bodies stream on)
 * @param bodyIdleTimeout how long a response body may send nothing before the read fails (a stalled
 *     connection); a broken Bulk result page is then fetched again
 * @param maxAttempts attempts per call, retries included (1 = no retry)
 * @param initialBackoff first wait between retries; doubled per retry, with ±50% jitter
 * @param maxBackoff cap on one wait between retries
 * @param callDeadline a call (all its retries) gives up when the next wait would pass this
 * @param queryBatchSize {@code Sforce-Query-Options: batchSize} for REST queries, 200–2000
 * @param uploadLimitBytes bytes per Bulk ingest upload; Salesforce allows 100 MB of raw CSV
 * @param jobPollInitial first wait between Bulk job polls; grows by half per poll
 * @param jobPollMax cap on one wait between Bulk job polls
 * @param callOptionsClient sent as {@code Sforce-Call-Options: client=...} so Change Data Capture
 *     can tell Ferry's own writes apart; null to omit
 * @param acceptGzip ask for gzip-compressed responses (Bulk results shrink about 5–10×)
 * @param pubSub where the Pub/Sub API (Change Data Capture events) is reached
 * @param callListener told of every request sent, by kind (metrics)
 * @param expectedOrganizationId the org every login must reach (the connection's), or null to
 *     accept any: a login that reaches another org (a refreshed sandbox behind the same login) is
 *     refused with {@code InactiveOrgException}, so two orgs' data are never mixed
 */
public record SalesforceConfig(
    URI loginUrl,
    Credentials credentials,
    String apiVersion,
    Duration connectTimeout,
    Duration requestTimeout,
    Duration bodyIdleTimeout,
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration callDeadline,
    int queryBatchSize,
    long uploadLimitBytes,
    Duration jobPollInitial,
    Duration jobPollMax,
    @Nullable String callOptionsClient,
    boolean acceptGzip,
    InstantSource clock,
    Sleeper sleeper,
    CallListener callListener,
    @Nullable String expectedOrganizationId,
    PubSubSettings pubSub) {

  public static final URI DEFAULT_LOGIN_URL = URI.create("https://login.salesforce.com");
  public static final String DEFAULT_API_VERSION = "62.0";
  public static final String MIN_API_VERSION = "47.0";
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofMinutes(2);
  public static final Duration DEFAULT_BODY_IDLE_TIMEOUT = Duration.ofMinutes(5);
  public static final int DEFAULT_MAX_ATTEMPTS = 5;
  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(500);
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);
  public static final Duration DEFAULT_CALL_DEADLINE = Duration.ofMinutes(5);
  public static final int DEFAULT_QUERY_BATCH_SIZE = 2000;
  public static final long MAX_UPLOAD_BYTES = 100L * 1000 * 1000;
  public static final Duration DEFAULT_JOB_POLL_INITIAL = Duration.ofSeconds(1);
  public static final Duration DEFAULT_JOB_POLL_MAX = Duration.ofSeconds(20);
  public static final String DEFAULT_CALL_OPTIONS_CLIENT = "ferry";

  private static final Pattern API_VERSION = Pattern.compile("[1-9][0-9]\\.0");

  public SalesforceConfig {
    List<String> problems = new ArrayList<>();
    if (loginUrl == null) {
      problems.add("loginUrl is required");
    } else if (!isHttpUrl(loginUrl)) {
      problems.add("loginUrl must be an absolute http(s) URL, got '" + loginUrl + "'");
    }
    if (credentials == null) problems.add("credentials are required");
    if (apiVersion == null || !API_VERSION.matcher(apiVersion).matches()) {
      problems.add("apiVersion must look like 62.0, got '" + apiVersion + "'");
    } else if (Double.parseDouble(apiVersion) < Double.parseDouble(MIN_API_VERSION)) {
      problems.add(
          "apiVersion must be at least "
              + MIN_API_VERSION
              + " (Bulk API 2.0 query), got "
              + apiVersion);
    }
    positive(problems, "connectTimeout", connectTimeout);
    positive(problems, "requestTimeout", requestTimeout);
    positive(problems, "bodyIdleTimeout", bodyIdleTimeout);
    if (maxAttempts < 1 || maxAttempts > 20) {
      problems.add("maxAttempts must be between 1 and 20, got " + maxAttempts);
    }
    positive(problems, "initialBackoff", initialBackoff);
    positive(problems, "maxBackoff", maxBackoff);
    positive(problems, "callDeadline", callDeadline);
    if (initialBackoff != null && maxBackoff != null && initialBackoff.compareTo(maxBackoff) > 0) {
      problems.add(
          "initialBackoff (" + initialBackoff + ") exceeds maxBackoff (" + maxBackoff + ")");
    }
    if (queryBatchSize < 200 || queryBatchSize > 2000) {
      problems.add("queryBatchSize must be between 200 and 2000, got " + queryBatchSize);
    }
    if (uploadLimitBytes < 1 || uploadLimitBytes > MAX_UPLOAD_BYTES) {
      problems.add(
          "uploadLimitBytes must be between 1 and "
              + MAX_UPLOAD_BYTES
              + ", got "
              + uploadLimitBytes);
    }
    positive(problems, "jobPollInitial", jobPollInitial);
    positive(problems, "jobPollMax", jobPollMax);
    if (jobPollInitial != null && jobPollMax != null && jobPollInitial.compareTo(jobPollMax) > 0) {
      problems.add(
          "jobPollInitial (" + jobPollInitial + ") exceeds jobPollMax (" + jobPollMax + ")");
    }
    if (callOptionsClient != null && !callOptionsClient.matches("[A-Za-z0-9_./:-]{1,64}")) {
      problems.add(
          "callOptionsClient must be 1-64 characters of [A-Za-z0-9_./:-], got '"
              + callOptionsClient
              + "'");
    }
    if (clock == null) problems.add("clock is required");
    if (sleeper == null) problems.add("sleeper is required");
    if (callListener == null) problems.add("callListener is required");
    if (!problems.isEmpty()) {
      throw new ConfigException(problems.stream().map(p -> "salesforce: " + p).toList());
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .loginUrl(loginUrl)
        .credentials(credentials)
        .apiVersion(apiVersion)
        .connectTimeout(connectTimeout)
        .requestTimeout(requestTimeout)
        .bodyIdleTimeout(bodyIdleTimeout)
        .maxAttempts(maxAttempts)
        .initialBackoff(initialBackoff)
        .maxBackoff(maxBackoff)
        .callDeadline(callDeadline)
        .queryBatchSize(queryBatchSize)
        .uploadLimitBytes(uploadLimitBytes)
        .jobPollInitial(jobPollInitial)
        .jobPollMax(jobPollMax)
        .callOptionsClient(callOptionsClient)
        .acceptGzip(acceptGzip)
        .clock(clock)
        .sleeper(sleeper)
        .callListener(callListener)
        .expectedOrganizationId(expectedOrganizationId)
        .pubSub(pubSub);
  }

  /** {@code /services/data/v62.0}. */
  public String dataPath() {
    return "/services/data/v" + apiVersion;
  }

  private static boolean isHttpUrl(URI url) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    return url.isAbsolute()
        && url.getHost() != null
        && (scheme.equals("https") || scheme.equals("http"));
  }

  private static void positive(List<String> problems, String name, @Nullable Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      problems.add(name + " must be a positive duration, got " + d);
    }
  }

  /** Builder with the documented defaults; {@link #build} validates. */
  public static final class Builder {
    private URI loginUrl = DEFAULT_LOGIN_URL;
    private Credentials credentials;
    private String apiVersion = DEFAULT_API_VERSION;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private Duration bodyIdleTimeout = DEFAULT_BODY_IDLE_TIMEOUT;
    private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
    private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
    private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
    private Duration callDeadline = DEFAULT_CALL_DEADLINE;
    private int queryBatchSize = DEFAULT_QUERY_BATCH_SIZE;
    private long uploadLimitBytes = MAX_UPLOAD_BYTES;
    private Duration jobPollInitial = DEFAULT_JOB_POLL_INITIAL;
    private Duration jobPollMax = DEFAULT_JOB_POLL_MAX;
    private @Nullable String callOptionsClient = DEFAULT_CALL_OPTIONS_CLIENT;
    private boolean acceptGzip = true;
    private InstantSource clock = InstantSource.system();
    private Sleeper sleeper = Sleeper.system();
    private CallListener callListener = CallListener.NONE;
    private PubSubSettings pubSub = PubSubSettings.defaults();
    private @Nullable String expectedOrganizationId;

    private Builder() {}

    public Builder loginUrl(URI v) {
      loginUrl = v;
      return this;
    }

    public Builder loginUrl(String v) {
      loginUrl = URI.create(v);
      return this;
    }

    public Builder credentials(Credentials v) {
      credentials = v;
      return this;
    }

    public Builder apiVersion(String v) {
      apiVersion = v;
      return this;
    }

    public Builder connectTimeout(Duration v) {
      connectTimeout = v;
      return this;
    }

    public Builder requestTimeout(Duration v) {
      requestTimeout = v;
      return this;
    }

    public Builder bodyIdleTimeout(Duration v) {
      bodyIdleTimeout = v;
      return this;
    }

    public Builder maxAttempts(int v) {
      maxAttempts = v;
      return this;
    }

    public Builder initialBackoff(Duration v) {
      initialBackoff = v;
      return this;
    }

    public Builder maxBackoff(Duration v) {
      maxBackoff = v;
      return this;
    }

    public Builder callDeadline(Duration v) {
      callDeadline = v;
      return this;
    }

    public Builder queryBatchSize(int v) {
      queryBatchSize = v;
      return this;
    }

    public Builder uploadLimitBytes(long v) {
      uploadLimitBytes = v;
      return this;
    }

    public Builder jobPollInitial(Duration v) {
      jobPollInitial = v;
      return this;
    }

    public Builder jobPollMax(Duration v) {
      jobPollMax = v;
      return this;
    }

    public Builder callOptionsClient(@Nullable String v) {
      callOptionsClient = v;
      return this;
    }

    public Builder acceptGzip(boolean v) {
      acceptGzip = v;
      return this;
    }

    public Builder clock(InstantSource v) {
      clock = v;
      return this;
    }

    public Builder sleeper(Sleeper v) {
      sleeper = v;
      return this;
    }

    /** Default: {@link CallListener#NONE}. */
    public Builder callListener(CallListener v) {
      callListener = v;
      return this;
    }

    /** Default: null (any org). */
    public Builder expectedOrganizationId(@Nullable String v) {
      expectedOrganizationId = v;
      return this;
    }

    /** Default: {@link PubSubSettings#defaults()} (Salesforce's own endpoint, TLS). */
    public Builder pubSub(PubSubSettings v) {
      pubSub = v;
      return this;
    }

    public SalesforceConfig build() {
      return new SalesforceConfig(
          loginUrl,
          credentials,
          apiVersion,
          connectTimeout,
          requestTimeout,
          bodyIdleTimeout,
          maxAttempts,
          initialBackoff,
          maxBackoff,
          callDeadline,
          queryBatchSize,
          uploadLimitBytes,
          jobPollInitial,
          jobPollMax,
          callOptionsClient,
          acceptGzip,
          clock,
          sleeper,
          callListener,
          expectedOrganizationId,
          pubSub);
    }
  }
}
