package dev.ferry.app.demo;

import com.google.crypto.tink.KeysetHandle;
import dev.ferry.app.config.AppSettings;
import dev.ferry.app.config.ConfigLoader;
import dev.ferry.app.config.ConfigSources;
import dev.ferry.app.config.DatabaseUrl;
import dev.ferry.app.config.EffectiveConfig;
import dev.ferry.app.config.EnvConnection;
import dev.ferry.app.config.FerrySettings;
import dev.ferry.app.config.ServeConfig;
import dev.ferry.app.log.LogSetup;
import dev.ferry.app.secret.Keysets;
import dev.ferry.app.wiring.FerryNode;
import dev.ferry.app.wiring.Production;
import dev.ferry.app.wiring.StartupImport;
import dev.ferry.core.config.Settings;
import dev.ferry.core.id.ConnectionId;
import dev.ferry.emulator.Emulator;
import dev.ferry.emulator.server.EmulatorOptions;
import dev.ferry.engine.env.EngineSettings;
import dev.ferry.salesforce.SalesforceSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code ferry demo} without the console: a Salesforce emulator with generated data, a database
 * (DATABASE_URL, or an embedded PostgreSQL), and a Ferry node whose connection from the environment
 * points at the emulator, with mappings for Account, Contact and the custom object Invoice__c (read
 * -write: a small {@link DemoApplication} inserts and updates invoices in Postgres).
 */
public final class Demo implements AutoCloseable {
  /** The mappings the demo imports unless it is given others. */
  public static final String MAPPINGS_RESOURCE = "demo-mappings.json";

  /** The demo objects an admin would select in Setup > Change Data Capture. */
  private static final Set<String> DEMO_CHANGE_EVENTS =
      Set.of("AccountChangeEvent", "ContactChangeEvent", "Invoice__ChangeEvent");

  /**
   * @param mappings an export JSON to import instead of the built-in mappings, or null
   * @param churn records changed in the emulator every {@code churnEvery} (0: none)
   * @param appInserts Invoice rows the demo application inserts in Postgres every {@code
   *     churnEvery} (0: none), written to Salesforce by Ferry
   * @param logFile where the logs go (the console stays for the progress), or null: stderr
   */
  public record Options(
      int accounts,
      int contacts,
      int invoices,
      long seed,
      String host,
      int port,
      int churn,
      Duration churnEvery,
      int appInserts,
      StartupImport.@Nullable Document mappings,
      @Nullable Path logFile) {}

  private final Deque<AutoCloseable> closeables;
  private final Emulator emulator;
  private final FerryNode node;
  private final DatabaseUrl database;
  private final boolean embeddedDatabase;
  private final @Nullable DemoChurn churn;
  private final @Nullable DemoApplication application;

  private Demo(
      Deque<AutoCloseable> closeables,
      Emulator emulator,
      FerryNode node,
      DatabaseUrl database,
      boolean embeddedDatabase,
      @Nullable DemoChurn churn,
      @Nullable DemoApplication application) {
    this.closeables = closeables;
    this.emulator = emulator;
    this.node = node;
    this.database = database;
    this.embeddedDatabase = embeddedDatabase;
    this.churn = churn;
    this.application = application;
  }

  public static Demo start(Options options, Map<String, String> environment, InstantSource clock) {
    Deque<AutoCloseable> closeables = new ArrayDeque<>();
    try {
      String databaseUrl = environment.get(AppSettings.DATABASE_URL.env());
      EmbeddedDatabase embedded = null;
      if (databaseUrl == null || databaseUrl.isBlank()) {
        embedded = EmbeddedDatabase.start();
        closeables.push(embedded);
      }
      Emulator emulator =
          Emulator.start(
              EmulatorOptions.builder()
                  .port(0)
                  // accelerated polling: change events over the Pub/Sub API (plaintext on
                  // loopback), the demo's objects selected for Change Data Capture as in Setup
                  .pubSubPort(0)
                  .pubSubPlaintext(true)
                  .changeEventEntities(DEMO_CHANGE_EVENTS)
                  .seed(options.seed())
                  .generate(
                      orderedCounts(options.accounts(), options.contacts(), options.invoices()))
                  .clock(clock)
                  .build());
      closeables.push(emulator);

      Settings settings =
          ConfigLoader.load(
              FerrySettings.all(),
              new ConfigSources(
                  demoFlags(options, emulator, environment),
                  withoutSalesforce(environment),
                  Map.of(),
                  null),
              List.of(EnvConnection.CHECK));
      ServeConfig config = ServeConfig.from(settings, embedded == null ? null : embedded.url());
      LogSetup.apply(config.logFormat(), config.logLevel(), options.logFile());
      EffectiveConfig.log(settings, FerrySettings.all());
      // An embedded database lives as long as the demo, and so can its key.
      KeysetHandle keyset = embedded != null ? Keysets.generate() : null;
      StartupImport.Document mappings =
          options.mappings() != null ? options.mappings() : builtInMappings();
      FerryNode node =
          FerryNode.start(
              config, Production.options(clock).withKeyset(keyset).withImport(mappings));
      closeables.push(node);

      DemoChurn churn = null;
      if (options.churn() > 0) {
        churn =
            DemoChurn.start(
                Production.salesforceConnector(settings, clock)
                    .open(config.envCredentials().orElseThrow()),
                options.churn(),
                options.churnEvery());
        closeables.push(churn);
      }
      DemoApplication application = null;
      if (options.appInserts() > 0 && options.mappings() == null) {
        application =
            DemoApplication.start(
                config.database(), options.appInserts(), options.churnEvery(), clock);
        closeables.push(application);
      }
      return new Demo(
          closeables, emulator, node, config.database(), embedded != null, churn, application);
    } catch (RuntimeException e) {
      closeAll(closeables);
      throw e;
    }
  }

  private static Map<String, Integer> orderedCounts(int accounts, int contacts, int invoices) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    counts.put("Account", accounts);
    counts.put("Contact", contacts);
    counts.put("Invoice__c", invoices);
    return counts;
  }

  /** The connection from the environment, pointed at the emulator. */
  private static Map<String, String> demoFlags(
      Options options, Emulator emulator, Map<String, String> environment) {
    EmulatorOptions e = emulator.options();
    Map<String, String> flags = new LinkedHashMap<>();
    flags.put(AppSettings.HOST.key(), options.host());
    flags.put(AppSettings.PORT.key(), Integer.toString(options.port()));
    flags.put(AppSettings.CONNECTION_NAME.key(), "demo");
    flags.put(AppSettings.SF_LOGIN_URL.key(), emulator.baseUrl().toString());
    flags.put(AppSettings.SF_CLIENT_ID.key(), e.clientId());
    flags.put(AppSettings.SF_CLIENT_SECRET.key(), e.clientSecret());
    flags.put(AppSettings.SF_USERNAME.key(), e.username());
    flags.put(AppSettings.SF_PASSWORD.key(), e.password());
    flags.put(SalesforceSettings.PUBSUB_ENDPOINT.key(), "127.0.0.1:" + emulator.pubSubPort());
    flags.put(SalesforceSettings.PUBSUB_PLAINTEXT.key(), "true");
    // the progress lines show Salesforce's count: refresh it (and the describe) often
    if (!environment.containsKey(EngineSettings.DESCRIBE_CHECK.env())) {
      flags.put(EngineSettings.DESCRIBE_CHECK.key(), "20");
    }
    return flags;
  }

  /** The demo's connection is the emulator's: Salesforce variables of the shell do not apply. */
  private static Map<String, String> withoutSalesforce(Map<String, String> environment) {
    Map<String, String> env = new LinkedHashMap<>(environment);
    env.keySet().removeIf(k -> k.startsWith("FERRY_SF_"));
    return env;
  }

  static StartupImport.Document builtInMappings() {
    try (InputStream in = Demo.class.getResourceAsStream(MAPPINGS_RESOURCE)) {
      if (in == null)
        throw new IllegalStateException(MAPPINGS_RESOURCE + " is not on the classpath");
      return new StartupImport.Document(
          MAPPINGS_RESOURCE, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public FerryNode node() {
    return node;
  }

  public ConnectionId connection() {
    return node.envConnection().orElseThrow();
  }

  public Emulator emulator() {
    return emulator;
  }

  public DatabaseUrl database() {
    return database;
  }

  public boolean embeddedDatabase() {
    return embeddedDatabase;
  }

  public @Nullable DemoChurn churn() {
    return churn;
  }

  /** The application writing to the read-write Invoice__c table, or null. */
  public @Nullable DemoApplication application() {
    return application;
  }

  @Override
  public void close() {
    closeAll(closeables);
  }

  private static void closeAll(Deque<AutoCloseable> closeables) {
    while (!closeables.isEmpty()) {
      try {
        closeables.pop().close();
      } catch (Exception e) {
        // keep closing the rest; the demo is going away
      }
    }
  }
}
