package dev.ferry.app.api;

import dev.ferry.app.metrics.FerryMetrics;
import dev.ferry.core.control.FerryService;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.InstantSource;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP front of {@code ferry serve}: the management API under {@code /api/v3} (bearer token
 * required), {@code /metrics} (Prometheus text; the API token or the metrics token), {@code
 * /health} and the dashboard under {@code /dashboard} (login required), on Javalin with virtual
 * threads.
 */
public final class ApiServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ApiServer.class);

  /** Prometheus' text exposition format. */
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final Javalin app;
  private final Validations validations;

  public ApiServer(
      FerryService service,
      DataSource dataSource,
      DatabaseInfo database,
      ApiToken apiToken,
      @Nullable String metricsToken,
      FerryMetrics metrics,
      InstantSource clock,
      WebPages pages) {
    ApiRoutes routes = new ApiRoutes(service, new ApiViews(database), clock);
    this.validations = new Validations(service, clock);
    OperationsRoutes operations = new OperationsRoutes(service, validations);
    HealthCheck health = new HealthCheck(dataSource);
    BearerAuth auth = new BearerAuth(apiToken);
    BearerAuth metricsAuth =
        metricsToken == null
            ? auth
            : new BearerAuth(List.of(new ApiToken(metricsToken), apiToken), "FERRY_METRICS_TOKEN");
    this.app =
        Javalin.create(cfg -> {
          cfg.startup.showJavalinBanner = false;
          cfg.startup.showOldJavalinVersionWarning = false;
          cfg.concurrency.useVirtualThreads = true;
          cfg.http.maxRequestSize = 10L * 1024 * 1024;
          cfg.router.ignoreTrailingSlashes = true;
          cfg.routes.before(
              ApiViews.BASE + "/*",
              ctx -> {
                if (!ctx.path().equals(OpenApi.PATH)) auth.handle(ctx);
              });
          cfg.routes.get("/health", health::handle);
          cfg.routes.before("/metrics", metricsAuth);
          cfg.routes.get("/metrics", ctx -> scrape(ctx, metrics));
          register(new RouteTable(cfg.routes), routes, operations);
          pages.register(cfg.routes);
          ErrorMapper.register(cfg.routes);
          cfg.routes.error(404, ctx -> notFound(ctx, pages));
          cfg.routes.after(ApiServer::logRequest);
        });
  }

  private static void register(RouteTable table, ApiRoutes routes, OperationsRoutes operations) {
    routes.register(table);
    operations.register(table);
    table.get(OpenApi.PATH, OpenApi::handle);
  }

  /** Every (method, path) the API serves under {@code /api/v3}, without starting a server. */
  static List<RouteTable.Route> declaredRoutes() {
    RouteTable table = new RouteTable(null);
    register(
        table, new ApiRoutes(null, new ApiViews(null), null), new OperationsRoutes(null, null));
    return table.declared();
  }

  /** Binds and serves; returns the port (useful with port 0). */
  public int start(String host, int port) {
    app.start(host, port);
    return app.port();
  }

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
    validations.close();
  }

  private static void scrape(Context ctx, FerryMetrics metrics) {
    ctx.contentType(PROMETHEUS_TEXT).result(metrics.scrape());
  }

  /** Unknown paths get the same JSON error body as everything else (the dashboard's own pages). */
  private static void notFound(Context ctx, WebPages pages) {
    String result = ctx.result();
    boolean rendered = result != null && !result.isEmpty();
    if (rendered && pages.owns(ctx)) return;
    if (!rendered || !result.startsWith("{")) {
      Responses.json(
          ctx,
          404,
          Responses.error("Not found: " + ctx.method().name() + " " + ctx.path(), List.of()));
    }
  }

  /** One line per request: method, path, status, time. Never headers or bodies (secrets). */
  private static void logRequest(Context ctx) {
    boolean change = !ctx.method().name().equals("GET");
    var line = change ? log.atInfo() : log.atDebug();
    String connection = ctx.pathParamMap().get("connection");
    String mapping = ctx.pathParamMap().get("mapping");
    if (connection != null) line = line.addKeyValue("connection", connection);
    if (mapping != null) line = line.addKeyValue("mapping", mapping);
    line.addKeyValue("method", ctx.method().name())
        .addKeyValue("path", ctx.path())
        .addKeyValue("status", ctx.status().getCode())
        .log("API request");
  }
}
