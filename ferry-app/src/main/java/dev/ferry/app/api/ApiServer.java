package dev.ferry.app.api;

import dev.ferry.app.dashboard.Dashboard;
import dev.ferry.core.control.FerryService;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.InstantSource;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP front of {@code ferry serve}: the management API under {@code /api/v3} (bearer token
 * required), {@code /health} and the dashboard under {@code /dashboard} (login required), on
 * Javalin with virtual threads.
 */
public final class ApiServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ApiServer.class);

  private final Javalin app;

  public ApiServer(
      FerryService service,
      DataSource dataSource,
      DatabaseInfo database,
      ApiToken apiToken,
      InstantSource clock,
      Dashboard dashboard) {
    ApiRoutes routes = new ApiRoutes(service, new ApiViews(database), clock);
    HealthCheck health = new HealthCheck(dataSource);
    BearerAuth auth = new BearerAuth(apiToken);
    this.app =
        Javalin.create(cfg -> {
          cfg.startup.showJavalinBanner = false;
          cfg.startup.showOldJavalinVersionWarning = false;
          cfg.concurrency.useVirtualThreads = true;
          cfg.http.maxRequestSize = 10L * 1024 * 1024;
          cfg.router.ignoreTrailingSlashes = true;
          cfg.routes.before(ApiViews.BASE + "/*", auth);
          cfg.routes.get("/health", health::handle);
          routes.register(cfg.routes);
          dashboard.register(cfg.routes);
          ErrorMapper.register(cfg.routes);
          cfg.routes.error(404, ApiServer::notFound);
          cfg.routes.after(ApiServer::logRequest);
        });
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
  }

  /** Unknown paths get the same JSON error body as everything else (the dashboard's own pages). */
  private static void notFound(Context ctx) {
    String result = ctx.result();
    boolean rendered = result != null && !result.isEmpty();
    if (rendered && Dashboard.owns(ctx)) return;
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
    line.addKeyValue("method", ctx.method().name())
        .addKeyValue("path", ctx.path())
        .addKeyValue("status", ctx.status().getCode())
        .log("API request");
  }
}
