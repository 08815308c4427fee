package dev.ferry.app.wiring;

import com.google.crypto.tink.KeysetHandle;
import com.zaxxer.hikari.HikariDataSource;
import dev.ferry.app.api.ApiServer;
import dev.ferry.app.api.ApiToken;
import dev.ferry.app.api.DatabaseInfo;
import dev.ferry.app.config.AppSettings;
import dev.ferry.app.config.ServeConfig;
import dev.ferry.app.dashboard.Dashboard;
import dev.ferry.app.hc.ConfigFile;
import dev.ferry.app.log.RecentLogs;
import dev.ferry.app.metrics.FerryMetrics;
import dev.ferry.app.secret.KeysetSource;
import dev.ferry.app.secret.TinkSecretBox;
import dev.ferry.core.config.Settings;
import dev.ferry.core.control.FerryService;
import dev.ferry.core.error.ConfigException;
import dev.ferry.core.id.ConnectionId;
import dev.ferry.core.port.SalesforceConnector;
import dev.ferry.salesforce.CallListener;
import dev.ferry.store.JdbcStores;
import java.net.URI;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of {@code ferry serve}, wired by hand in dependency order: pool → Flyway →
 * stores → secret box (re-sealing what an older key sealed) → Salesforce connector → engine → the
 * environment's connection → {@code --import} → the management API. Closing stops them in reverse
 * order.
 */
public final class FerryNode implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FerryNode.class);

  /** How a node is built besides its configuration (tests and the demo vary these). */
  public record Options(
      InstantSource clock,
      EngineStarter engine,
      SalesforceConnectors salesforce,
      @Nullable KeysetHandle keyset,
      StartupImport.@Nullable Document importDocument) {

    public Options withImport(StartupImport.@Nullable Document document) {
      return new Options(clock, engine, salesforce, keyset, document);
    }

    public Options withKeyset(@Nullable KeysetHandle k) {
      return new Options(clock, engine, salesforce, k, importDocument);
    }
  }

  /**
   * Builds the connector that opens a Salesforce client per connection's credentials; {@code calls}
   * counts every request (metrics).
   */
  @FunctionalInterface
  public interface SalesforceConnectors {
    SalesforceConnector create(Settings settings, InstantSource clock, CallListener calls);
  }

  private final Deque<AutoCloseable> closeables;
  private final FerryService service;
  private final URI apiUrl;
  private final String apiToken;
  private final boolean tokenGenerated;
  private final @Nullable ConnectionId envConnection;
  private final HikariDataSource dataSource;

  private FerryNode(
      Deque<AutoCloseable> closeables,
      FerryService service,
      URI apiUrl,
      String apiToken,
      boolean tokenGenerated,
      @Nullable ConnectionId envConnection,
      HikariDataSource dataSource) {
    this.closeables = closeables;
    this.service = service;
    this.apiUrl = apiUrl;
    this.apiToken = apiToken;
    this.tokenGenerated = tokenGenerated;
    this.envConnection = envConnection;
    this.dataSource = dataSource;
  }

  public static FerryNode start(ServeConfig config, Options options) {
    StartupImport.Document document = options.importDocument();
    ConfigFile.Parsed toImport = document == null ? null : StartupImport.parse(document);
    Deque<AutoCloseable> closeables = new ArrayDeque<>();
    try {
      InstantSource clock = options.clock();
      FerryMetrics metrics = new FerryMetrics(clock);
      closeables.push(metrics);
      HikariDataSource dataSource =
          Database.open(config.database(), config.poolSize(), metrics.registry());
      closeables.push(dataSource);
      log.atInfo()
          .addKeyValue("database", config.database().display())
          .addKeyValue("pool_size", config.poolSize())
          .log("database pool open");

      JdbcStores stores = new JdbcStores(dataSource, clock);
      stores.migrate();

      KeysetHandle keyset =
          options.keyset() != null
              ? options.keyset()
              : KeysetSource.resolve(config.secretKey(), config.dataDir());
      TinkSecretBox secretBox = new TinkSecretBox(keyset);
      StoredCredentials storedCredentials = new StoredCredentials(secretBox);
      storedCredentials.resealOlder(stores.connections());
      SalesforceConnector salesforce =
          options.salesforce().create(config.settings(), clock, metrics.apiCalls());

      EngineStarter.RunningEngine engine =
          options
              .engine()
              .start(
                  new NodeInfrastructure(
                      config.settings(),
                      dataSource,
                      stores,
                      secretBox,
                      salesforce,
                      clock,
                      metrics.syncEvents()));
      closeables.push(engine.stop());
      FerryService service = engine.service();
      metrics.bind(service);

      Optional<ConnectionId> envConnection =
          EnvConnectionBootstrap.ensure(
              service,
              config.connectionName(),
              config.schema(),
              config.envCredentials(),
              storedCredentials::of);
      if (toImport != null) {
        StartupImport.apply(service, document, toImport, envConnection);
      }

      boolean generated = config.apiToken() == null;
      String token = generated ? generateToken() : config.apiToken();
      ApiToken apiToken = new ApiToken(token);
      ApiServer api =
          new ApiServer(
              service,
              dataSource,
              new DatabaseInfo(
                  config.database().host(), config.database().port(), config.database().database()),
              apiToken,
              config.settings().get(AppSettings.METRICS_TOKEN),
              metrics,
              clock,
              new Dashboard(service, apiToken, clock, RecentLogs.install()));
      closeables.push(api);
      int port;
      try {
        port = api.start(config.host(), config.port());
      } catch (RuntimeException e) {
        throw new ConfigException(
            "cannot listen on "
                + config.host()
                + ":"
                + config.port()
                + " ("
                + rootMessage(e)
                + "); choose another port with --port or FERRY_PORT");
      }
      URI url = URI.create("http://" + displayHost(config.host()) + ":" + port);
      log.atInfo()
          .addKeyValue("url", url)
          .addKeyValue(
              "token", generated ? "generated (printed on the console)" : "FERRY_API_TOKEN")
          .log("management API listening");
      log.atInfo().addKeyValue("url", url + Dashboard.BASE).log("dashboard listening");
      return new FerryNode(
          closeables, service, url, token, generated, envConnection.orElse(null), dataSource);
    } catch (RuntimeException e) {
      closeAll(closeables);
      throw e;
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) t = t.getCause();
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  private static String generateToken() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String displayHost(String host) {
    if (host.equals("0.0.0.0") || host.equals("::")) return "127.0.0.1";
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  public FerryService service() {
    return service;
  }

  /** Base URL of the management API, e.g. {@code http://127.0.0.1:8080}. */
  public URI apiUrl() {
    return apiUrl;
  }

  /** The dashboard's login page, e.g. {@code http://127.0.0.1:8080/dashboard}. */
  public URI dashboardUrl() {
    return URI.create(apiUrl + Dashboard.BASE);
  }

  public String apiToken() {
    return apiToken;
  }

  /** True when FERRY_API_TOKEN was unset and the token was generated at start. */
  public boolean tokenGenerated() {
    return tokenGenerated;
  }

  public Optional<ConnectionId> envConnection() {
    return Optional.ofNullable(envConnection);
  }

  public HikariDataSource dataSource() {
    return dataSource;
  }

  @Override
  public void close() {
    closeAll(closeables);
    log.info("stopped");
  }

  private static void closeAll(Deque<AutoCloseable> closeables) {
    while (!closeables.isEmpty()) {
      AutoCloseable c = closeables.pop();
      try {
        c.close();
      } catch (Exception e) {
        log.atWarn().setCause(e).log("error while stopping " + c.getClass().getSimpleName());
      }
    }
  }
}
