package dev.ferry.app.demo;

import dev.ferry.emulator.Emulator;
import dev.ferry.emulator.cdc.EntityChannels;
import dev.ferry.emulator.org.DataGenerator;
import dev.ferry.emulator.server.EmulatorOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ferry emulator}: a Salesforce org on this machine, in the foreground, until Ctrl-C. Prints
 * the URL and credentials clients need.
 */
@Command(
    name = "emulator",
    mixinStandardHelpOptions = true,
    description = {
      "Run a Salesforce org emulator (OAuth, REST, Bulk API 2.0, Pub/Sub API) in the foreground.",
      "Clients log in at the printed URL with the printed credentials; Ctrl-C stops it."
    })
public final class EmulatorCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--host",
      defaultValue = EmulatorOptions.DEFAULT_HOST,
      description = "Interface to bind (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(
      names = "--port",
      defaultValue = "8484",
      description = "TCP port, 0 for a random free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--org",
      paramLabel = "FILE",
      description = "JSON org definition (default: the built-in org).")
  Path org;

  @Option(
      names = "--generate",
      paramLabel = "OBJ=N[,OBJ=N...]",
      description = "Records to generate, e.g. Account=1000,Contact=100000.")
  String generate;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Seed for ids and generated data (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--api-limit",
      defaultValue = "100000",
      description = "DailyApiRequests maximum (default: ${DEFAULT-VALUE}).")
  long apiLimit;

  @Option(
      names = "--username",
      defaultValue = EmulatorOptions.DEFAULT_USERNAME,
      description = "API user (default: ${DEFAULT-VALUE}).")
  String username;

  @Option(
      names = "--password",
      defaultValue = EmulatorOptions.DEFAULT_PASSWORD,
      description = "API user's password (default: ${DEFAULT-VALUE}).")
  String password;

  @Option(
      names = "--client-id",
      defaultValue = EmulatorOptions.DEFAULT_CLIENT_ID,
      description = "Connected app consumer key (default: ${DEFAULT-VALUE}).")
  String clientId;

  @Option(
      names = "--client-secret",
      defaultValue = EmulatorOptions.DEFAULT_CLIENT_SECRET,
      description = "Connected app consumer secret (default: ${DEFAULT-VALUE}).")
  String clientSecret;

  @Option(
      names = "--token-ttl",
      defaultValue = "2h",
      converter = DurationConverter.class,
      description = "Session timeout after the last call (default: ${DEFAULT-VALUE}).")
  Duration tokenTtl;

  @Option(
      names = "--jwt-cert",
      paramLabel = "PEM",
      description = "Certificate or public key that verifies JWT bearer assertions.")
  Path jwtCert;

  @Option(
      names = "--bulk-batch-timeout",
      defaultValue = "10m",
      converter = DurationConverter.class,
      description = "Time limit of one internal Bulk batch (default: ${DEFAULT-VALUE}).")
  Duration bulkBatchTimeout;

  @Option(
      names = "--bulk-min-processing",
      defaultValue = "200ms",
      converter = DurationConverter.class,
      description = "Minimum time a Bulk job stays InProgress (default: ${DEFAULT-VALUE}).")
  Duration bulkMinProcessing;

  @Option(
      names = "--pubsub-port",
      defaultValue = "0",
      description =
          "Pub/Sub API (gRPC) port: 0 for a random free one, -1 for none (default: ${DEFAULT-VALUE}).")
  int pubSubPort;

  @Option(
      names = "--pubsub-plaintext",
      description = "Serve the Pub/Sub API without TLS (default: TLS, self-signed certificate).")
  boolean pubSubPlaintext;

  @Option(
      names = "--pubsub-keepalive",
      defaultValue = "270s",
      converter = DurationConverter.class,
      description =
          "Idle time before a Subscribe stream gets a keepalive (default: ${DEFAULT-VALUE}).")
  Duration pubSubKeepalive;

  @Option(
      names = "--event-retention",
      defaultValue = "72h",
      converter = DurationConverter.class,
      description = "How long change events stay replayable (default: ${DEFAULT-VALUE}).")
  Duration eventRetention;

  @Option(
      names = "--delivery-allocation",
      defaultValue = "50000",
      description = "Event deliveries allowed per 24 hours (default: ${DEFAULT-VALUE}).")
  long deliveryAllocation;

  @Option(
      names = "--cdc",
      paramLabel = "OBJ[,OBJ...]",
      split = ",",
      description = "Objects selected for Change Data Capture at start, e.g. Account,Invoice__c.")
  List<String> cdcObjects = List.of();

  private final CountDownLatch stop = new CountDownLatch(1);
  private volatile Emulator running;

  @Override
  public Integer call() throws Exception {
    Map<String, Integer> counts;
    try {
      counts = DataGenerator.parseSpec(generate);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    EmulatorOptions options =
        EmulatorOptions.builder()
            .host(host)
            .port(port)
            .orgFile(org)
            .generate(counts)
            .seed(seed)
            .apiLimit(apiLimit)
            .username(username)
            .password(password)
            .clientId(clientId)
            .clientSecret(clientSecret)
            .tokenTtl(tokenTtl)
            .jwtCertificate(jwtCert)
            .bulkBatchTimeout(bulkBatchTimeout)
            .bulkMinProcessing(bulkMinProcessing)
            .pubSubPort(pubSubPort)
            .pubSubPlaintext(pubSubPlaintext)
            .pubSubKeepalive(pubSubKeepalive)
            .eventRetention(eventRetention)
            .deliveryAllocation(deliveryAllocation)
            .changeEventEntities(
                cdcObjects.stream()
                    .map(String::trim)
                    .filter(s -> !s.isEmpty())
                    .map(EntityChannels::channelOf)
                    .collect(Collectors.toSet()))
            .build();
    PrintWriter out = spec.commandLine().getOut();
    if (!counts.isEmpty()) {
      out.println("Generating " + counts + " (seed " + seed + ") ...");
      out.flush();
    }
    Emulator emulator;
    try {
      emulator = Emulator.start(options);
    } catch (IllegalArgumentException | IllegalStateException e) {
      spec.commandLine().getErr().println("ferry emulator: " + e.getMessage());
      return 1;
    }
    running = emulator;
    Thread hook = new Thread(this::stop, "ferry-emulator-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    printBanner(out, emulator);
    try {
      stop.await();
    } finally {
      emulator.close();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the JVM is already exiting through the hook
      }
    }
    return 0;
  }

  /** Stops a running emulator (Ctrl-C, or tests). */
  void stop() {
    stop.countDown();
    Emulator e = running;
    if (e != null) {
      e.close();
    }
  }

  /** {@code 127.0.0.1:PORT (TLS, self-signed: ...)} for banners. */
  static String pubSubEndpoint(Emulator emulator) {
    String host = emulator.baseUrl().getHost();
    return host
        + ":"
        + emulator.pubSubPort()
        + (emulator.pubSub().tls()
            ? " (TLS, self-signed; certificate: GET " + emulator.baseUrl() + "/__emulator/pubsub)"
            : " (plaintext)");
  }

  private static List<String> selected(Emulator emulator) {
    List<String> s = emulator.changeEventEntities();
    return s.isEmpty() ? List.of("none") : s;
  }

  /** The base URL once started, for tests. */
  String baseUrl() {
    Emulator e = running;
    return e == null ? null : e.baseUrl().toString();
  }

  private void printBanner(PrintWriter out, Emulator emulator) {
    String base = emulator.baseUrl().toString();
    out.println("Salesforce emulator running at " + base);
    out.println("  login / instance URL : " + base);
    out.println("  username / password  : " + username + " / " + password);
    out.println("  client id / secret   : " + clientId + " / " + clientSecret);
    out.println("  API versions         : 31.0 .. 66.0 (e.g. " + base + "/services/data/v59.0)");
    out.println("  controls             : " + base + "/__emulator/stats (see docs/emulator.md)");
    if (emulator.pubSub() != null) {
      out.println("  Pub/Sub API (gRPC)   : " + pubSubEndpoint(emulator));
      out.println(
          "  CDC entities         : "
              + String.join(", ", selected(emulator))
              + " (select: POST "
              + base
              + "/__emulator/pubsub/entities)");
    }
    out.println("Get a token:");
    out.println(
        "  curl -s "
            + base
            + "/services/oauth2/token -d grant_type=password -d client_id="
            + clientId
            + " -d client_secret="
            + clientSecret
            + " -d username="
            + username
            + " -d password="
            + password);
    out.println(
        "Then: curl -s -H \"Authorization: Bearer $TOKEN\" "
            + base
            + "/services/data/v59.0/limits");
    out.println("Press Ctrl-C to stop.");
    out.flush();
  }
}
