package dev.ferry.app.api;

import dev.ferry.app.hc.ConfigFile;
import dev.ferry.app.hc.InvalidDocumentException;
import dev.ferry.app.hc.Json;
import dev.ferry.app.hc.MappingJson;
import dev.ferry.app.log.LogContext;
import dev.ferry.core.control.ConnectionView;
import dev.ferry.core.control.FerryService;
import dev.ferry.core.control.ImportPlan;
import dev.ferry.core.control.MappingDefinition;
import dev.ferry.core.control.MappingView;
import dev.ferry.core.id.ConnectionId;
import dev.ferry.core.id.MappingId;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.InstantSource;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The management API's endpoints (Heroku Connect API v3 paths, §8.1). Each handler parses the
 * request, calls {@link FerryService} once and renders the result: no logic lives here.
 */
final class ApiRoutes {
  private static final Logger log = LoggerFactory.getLogger(ApiRoutes.class);
  private static final String C = ApiViews.BASE + "/connections/{connection}";
  private static final String M = ApiViews.BASE + "/mappings/{mapping}";

  private final FerryService service;
  private final ApiViews views;
  private final InstantSource clock;

  ApiRoutes(FerryService service, ApiViews views, InstantSource clock) {
    this.service = service;
    this.views = views;
    this.clock = clock;
  }

  void register(RoutesConfig r) {
    r.get(ApiViews.BASE + "/connections", this::listConnections);
    r.post(ApiViews.BASE + "/connections", this::createConnection);
    r.get(C, scoped(this::getConnection));
    r.get(C + "/actions/export", scoped(this::export));
    r.post(C + "/actions/import", scoped(this::importConfig));
    r.post(C + "/actions/pause", scoped(ctx -> act(ctx, () -> service.pause(connection(ctx)))));
    r.post(C + "/actions/resume", scoped(ctx -> act(ctx, () -> service.resume(connection(ctx)))));
    r.post(C + "/actions/restart", scoped(ctx -> act(ctx, () -> service.recover(connection(ctx)))));
    r.post(C + "/mappings", scoped(this::createMapping));
    r.get(M, scoped(this::getMapping));
    r.delete(M, scoped(this::deleteMapping));
    r.post(M + "/actions/reload", scoped(ctx -> act(ctx, () -> service.reload(mapping(ctx)))));
    r.post(M + "/actions/abort", scoped(ctx -> act(ctx, () -> service.abort(mapping(ctx)))));
  }

  private void listConnections(Context ctx) {
    Responses.json(ctx, 200, views.connections(service.connections(), deep(ctx)));
  }

  private void createConnection(Context ctx) {
    ConnectionView created =
        service.createConnection(NewConnectionJson.read(Json.parse(ctx.body(), "the body")));
    log.atInfo()
        .addKeyValue("connection", created.connection().id())
        .addKeyValue("schema", created.connection().schemaName())
        .log("connection created through the API");
    Responses.json(ctx, 201, views.connection(created, true));
  }

  private void getConnection(Context ctx) {
    Responses.json(ctx, 200, views.connection(service.connection(connection(ctx)), deep(ctx)));
  }

  private void export(Context ctx) {
    ConnectionId id = connection(ctx);
    ConnectionView view = service.connection(id);
    List<MappingDefinition> mappings = service.export(id);
    Responses.json(ctx, 200, ConfigFile.export(view.connection(), mappings, clock.instant()));
  }

  /** Like Heroku Connect's import, a PATCH: listed mappings are created or updated, others stay. */
  private void importConfig(Context ctx) {
    ConnectionId id = connection(ctx);
    ConfigFile.Parsed parsed = ConfigFile.parse(ctx.body(), "the import document");
    boolean dryRun = "true".equalsIgnoreCase(ctx.queryParam("dry_run"));
    ImportPlan plan =
        dryRun
            ? service.planImport(id, parsed.mappings())
            : service.applyImport(id, parsed.mappings());
    parsed.warnings().forEach(w -> log.atWarn().addKeyValue("connection", id).log("import: " + w));
    Responses.json(ctx, 200, views.importPlan(plan, parsed.warnings(), !dryRun));
  }

  private void createMapping(Context ctx) {
    MappingJson.Findings findings = new MappingJson.Findings();
    MappingDefinition d = MappingJson.read(Json.parse(ctx.body(), "the body"), "mapping", findings);
    if (!findings.problems().isEmpty()) throw new InvalidDocumentException(findings.problems());
    MappingView created = service.createMapping(connection(ctx), d.objectName(), d.config());
    Responses.json(ctx, 201, views.mapping(created));
  }

  private void getMapping(Context ctx) {
    Responses.json(ctx, 200, views.mapping(service.mapping(mapping(ctx))));
  }

  private void deleteMapping(Context ctx) {
    service.deleteMapping(mapping(ctx));
    ctx.status(204);
  }

  private static void act(Context ctx, Runnable action) {
    action.run();
    Responses.accepted(ctx);
  }

  private static boolean deep(Context ctx) {
    return "true".equalsIgnoreCase(ctx.queryParam("deep"));
  }

  private static ConnectionId connection(Context ctx) {
    String raw = ctx.pathParam("connection");
    try {
      return ConnectionId.valueOf(raw);
    } catch (IllegalArgumentException e) {
      throw new ApiException(404, "No connection '" + raw + "' (connection ids are UUIDs)");
    }
  }

  private static MappingId mapping(Context ctx) {
    String raw = ctx.pathParam("mapping");
    try {
      return MappingId.valueOf(raw);
    } catch (IllegalArgumentException e) {
      throw new ApiException(404, "No mapping '" + raw + "' (mapping ids are UUIDs)");
    }
  }

  /** Runs the handler with the connection/mapping id of the path in the log context. */
  private static Handler scoped(Handler handler) {
    return ctx -> {
      String c = ctx.pathParamMap().get("connection");
      String m = ctx.pathParamMap().get("mapping");
      try (LogContext lc = c != null ? LogContext.connection(c) : LogContext.mapping(m)) {
        handler.handle(ctx);
      }
    };
  }
}
