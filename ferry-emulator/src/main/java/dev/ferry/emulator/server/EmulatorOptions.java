package dev.ferry.emulator.server;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How an emulator runs. Build with {@link #builder()}; {@link #defaults()} gives the documented
 * defaults (127.0.0.1:8484, admin@example.com / password, emulator-client / emulator-secret).
 *
 * @param host interface to bind
 * @param port TCP port, 0 for a random free one
 * @param orgFile JSON org definition, or null for the built-in default org
 * @param generate records to generate per object, e.g. {Account=1000, Contact=100000}
 * @param seed seed for ids and generated data
 * @param apiLimit DailyApiRequests maximum
 * @param username the API user's username
 * @param password the API user's password (a security token may be appended, see securityToken)
 * @param securityToken appended to the password by clients that use one; empty: none required
 * @param clientId connected app consumer key
 * @param clientSecret connected app consumer secret
 * @param tokenTtl session timeout, counted from the last activity
 * @param jwtCertificate PEM certificate or public key verifying JWT bearer assertions; null: JWT
 *     bearer refused
 * @param bulkBatchTimeout time limit of one internal Bulk batch before it is retried
 * @param bulkMinProcessing minimum time a Bulk job stays InProgress (so polling gets tested)
 * @param bulkQueryPageSize rows per Bulk query result page when the client sends no maxRecords
 * @param bulkDailyRecordLimit Bulk API 2.0 records per rolling 24 h
 * @param queryLocatorTtl idle lifetime of a REST query locator
 * @param clock time source for timestamps, token expiry and late commits
 * @param pubSubPort Pub/Sub API (gRPC) port: 0 for a random free one, -1 for none
 * @param pubSubPlaintext serve Pub/Sub without TLS (default: TLS with a self-signed certificate)
 * @param pubSubKeepalive how long an idle Subscribe stream waits before an empty keepalive response
 * @param eventRetention how long change events stay replayable
 * @param deliveryAllocation event deliveries per 24 hours (the org's daily allocation)
 * @param changeEventEntities entities selected for Change Data Capture at start, e.g.
 *     AccountChangeEvent
 */
public record EmulatorOptions(
    String host,
    int port,
    @Nullable Path orgFile,
    Map<String, Integer> generate,
    long seed,
    long apiLimit,
    String username,
    String password,
    String securityToken,
    String clientId,
    String clientSecret,
    Duration tokenTtl,
    @Nullable Path jwtCertificate,
    Duration bulkBatchTimeout,
    Duration bulkMinProcessing,
    int bulkQueryPageSize,
    long bulkDailyRecordLimit,
    Duration queryLocatorTtl,
    InstantSource clock,
    int pubSubPort,
    boolean pubSubPlaintext,
    Duration pubSubKeepalive,
    Duration eventRetention,
    long deliveryAllocation,
    Set<String> changeEventEntities) {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8484;
  public static final long DEFAULT_SEED = 42;
  public static final long DEFAULT_API_LIMIT = 100_000;
  public static final String DEFAULT_USERNAME = "admin@example.com";
  public static final String DEFAULT_PASSWORD = "password";
  public static final String DEFAULT_CLIENT_ID = "emulator-client";
  public static final String DEFAULT_CLIENT_SECRET = "emulator-secret";
  public static final Duration DEFAULT_TOKEN_TTL = Duration.ofHours(2);
  public static final Duration DEFAULT_BULK_BATCH_TIMEOUT = Duration.ofMinutes(10);
  public static final Duration DEFAULT_BULK_MIN_PROCESSING = Duration.ofMillis(200);
  public static final int DEFAULT_BULK_QUERY_PAGE_SIZE = 50_000;
  public static final long DEFAULT_BULK_DAILY_RECORD_LIMIT = 150_000_000L;
  public static final Duration DEFAULT_QUERY_LOCATOR_TTL = Duration.ofMinutes(15);
  public static final Duration DEFAULT_PUBSUB_KEEPALIVE = Duration.ofSeconds(270);
  public static final Duration DEFAULT_EVENT_RETENTION = Duration.ofHours(72);
  public static final long DEFAULT_DELIVERY_ALLOCATION = 50_000;

  public EmulatorOptions {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(securityToken, "securityToken");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(clientSecret, "clientSecret");
    Objects.requireNonNull(clock, "clock");
    generate = Map.copyOf(new LinkedHashMap<>(generate));
    changeEventEntities = Set.copyOf(changeEventEntities);
    if (pubSubPort < -1 || pubSubPort > 65535) {
      throw new IllegalArgumentException("pubSubPort must be -1..65535, got " + pubSubPort);
    }
    requirePositive(pubSubKeepalive, "pubSubKeepalive");
    requirePositive(eventRetention, "eventRetention");
    if (deliveryAllocation < 0) {
      throw new IllegalArgumentException("deliveryAllocation must not be negative");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, got " + port);
    }
    if (apiLimit < 0) {
      throw new IllegalArgumentException("apiLimit must not be negative, got " + apiLimit);
    }
    requirePositive(tokenTtl, "tokenTtl");
    requirePositive(bulkBatchTimeout, "bulkBatchTimeout");
    requirePositive(queryLocatorTtl, "queryLocatorTtl");
    if (bulkMinProcessing.isNegative()) {
      throw new IllegalArgumentException("bulkMinProcessing must not be negative");
    }
    if (bulkQueryPageSize < 1) {
      throw new IllegalArgumentException("bulkQueryPageSize must be at least 1");
    }
    if (bulkDailyRecordLimit < 0) {
      throw new IllegalArgumentException("bulkDailyRecordLimit must not be negative");
    }
    for (Map.Entry<String, Integer> e : generate.entrySet()) {
      if (e.getValue() < 0) {
        throw new IllegalArgumentException("generate count of " + e.getKey() + " is negative");
      }
    }
  }

  private static void requirePositive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive, got " + d);
    }
  }

  public static EmulatorOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.host = host;
    b.port = port;
    b.orgFile = orgFile;
    b.generate = new LinkedHashMap<>(generate);
    b.seed = seed;
    b.apiLimit = apiLimit;
    b.username = username;
    b.password = password;
    b.securityToken = securityToken;
    b.clientId = clientId;
    b.clientSecret = clientSecret;
    b.tokenTtl = tokenTtl;
    b.jwtCertificate = jwtCertificate;
    b.bulkBatchTimeout = bulkBatchTimeout;
    b.bulkMinProcessing = bulkMinProcessing;
    b.bulkQueryPageSize = bulkQueryPageSize;
    b.bulkDailyRecordLimit = bulkDailyRecordLimit;
    b.queryLocatorTtl = queryLocatorTtl;
    b.clock = clock;
    b.pubSubPort = pubSubPort;
    b.pubSubPlaintext = pubSubPlaintext;
    b.pubSubKeepalive = pubSubKeepalive;
    b.eventRetention = eventRetention;
    b.deliveryAllocation = deliveryAllocation;
    b.changeEventEntities = new LinkedHashSet<>(changeEventEntities);
    return b;
  }

  /** Fluent builder starting from the defaults. */
  public static final class Builder {
    private String host = DEFAULT_HOST;
    private int port = DEFAULT_PORT;
    private @Nullable Path orgFile;
    private Map<String, Integer> generate = new LinkedHashMap<>();
    private long seed = DEFAULT_SEED;
    private long apiLimit = DEFAULT_API_LIMIT;
    private String username = DEFAULT_USERNAME;
    private String password = DEFAULT_PASSWORD;
    private String securityToken = "";
    private String clientId = DEFAULT_CLIENT_ID;
    private String clientSecret = DEFAULT_CLIENT_SECRET;
    private Duration tokenTtl = DEFAULT_TOKEN_TTL;
    private @Nullable Path jwtCertificate;
    private Duration bulkBatchTimeout = DEFAULT_BULK_BATCH_TIMEOUT;
    private Duration bulkMinProcessing = DEFAULT_BULK_MIN_PROCESSING;
    private int bulkQueryPageSize = DEFAULT_BULK_QUERY_PAGE_SIZE;
    private long bulkDailyRecordLimit = DEFAULT_BULK_DAILY_RECORD_LIMIT;
    private Duration queryLocatorTtl = DEFAULT_QUERY_LOCATOR_TTL;
    private InstantSource clock = InstantSource.system();
    private int pubSubPort = 0;
    private boolean pubSubPlaintext;
    private Duration pubSubKeepalive = DEFAULT_PUBSUB_KEEPALIVE;
    private Duration eventRetention = DEFAULT_EVENT_RETENTION;
    private long deliveryAllocation = DEFAULT_DELIVERY_ALLOCATION;
    private Set<String> changeEventEntities = new LinkedHashSet<>();

    private Builder() {}

    public Builder pubSubPort(int v) {
      pubSubPort = v;
      return this;
    }

    public Builder pubSubPlaintext(boolean v) {
      pubSubPlaintext = v;
      return this;
    }

    public Builder pubSubKeepalive(Duration v) {
      pubSubKeepalive = v;
      return this;
    }

    public Builder eventRetention(Duration v) {
      eventRetention = v;
      return this;
    }

    public Builder deliveryAllocation(long v) {
      deliveryAllocation = v;
      return this;
    }

    /** Entities selected for Change Data Capture at start ({@code AccountChangeEvent}). */
    public Builder changeEventEntities(Set<String> v) {
      changeEventEntities = new LinkedHashSet<>(v);
      return this;
    }

    public Builder host(String v) {
      host = v;
      return this;
    }

    public Builder port(int v) {
      port = v;
      return this;
    }

    public Builder orgFile(@Nullable Path v) {
      orgFile = v;
      return this;
    }

    public Builder generate(Map<String, Integer> v) {
      generate = new LinkedHashMap<>(v);
      return this;
    }

    public Builder generate(String object, int count) {
      generate.put(object, count);
      return this;
    }

    public Builder seed(long v) {
      seed = v;
      return this;
    }

    public Builder apiLimit(long v) {
      apiLimit = v;
      return this;
    }

    public Builder username(String v) {
      username = v;
      return this;
    }

    public Builder password(String v) {
      password = v;
      return this;
    }

    public Builder securityToken(String v) {
      securityToken = v;
      return this;
    }

    public Builder clientId(String v) {
      clientId = v;
      return this;
    }

    public Builder clientSecret(String v) {
      clientSecret = v;
      return this;
    }

    public Builder tokenTtl(Duration v) {
      tokenTtl = v;
      return this;
    }

    public Builder jwtCertificate(@Nullable Path v) {
      jwtCertificate = v;
      return this;
    }

    public Builder bulkBatchTimeout(Duration v) {
      bulkBatchTimeout = v;
      return this;
    }

    public Builder bulkMinProcessing(Duration v) {
      bulkMinProcessing = v;
      return this;
    }

    public Builder bulkQueryPageSize(int v) {
      bulkQueryPageSize = v;
      return this;
    }

    public Builder bulkDailyRecordLimit(long v) {
      bulkDailyRecordLimit = v;
      return this;
    }

    public Builder queryLocatorTtl(Duration v) {
      queryLocatorTtl = v;
      return this;
    }

    public Builder clock(InstantSource v) {
      clock = v;
      return this;
    }

    public EmulatorOptions build() {
      return new EmulatorOptions(
          host,
          port,
          orgFile,
          generate,
          seed,
          apiLimit,
          username,
          password,
          securityToken,
          clientId,
          clientSecret,
          tokenTtl,
          jwtCertificate,
          bulkBatchTimeout,
          bulkMinProcessing,
          bulkQueryPageSize,
          bulkDailyRecordLimit,
          queryLocatorTtl,
          clock,
          pubSubPort,
          pubSubPlaintext,
          pubSubKeepalive,
          eventRetention,
          deliveryAllocation,
          changeEventEntities);
    }
  }
}
