package dev.ferry.app.api;

import static dev.ferry.app.api.PathIds.C;
import static dev.ferry.app.api.PathIds.M;
import static dev.ferry.app.api.PathIds.connection;
import static dev.ferry.app.api.PathIds.mapping;
import static dev.ferry.app.api.PathIds.scoped;

import dev.ferry.app.hc.ConfigFile;
import dev.ferry.app.hc.InvalidDocumentException;
import dev.ferry.app.hc.Json;
import dev.ferry.app.hc.MappingJson;
import dev.ferry.core.control.ConnectionUpdate;
import dev.ferry.core.control.ConnectionView;
import dev.ferry.core.control.FerryService;
import dev.ferry.core.control.ImportPlan;
import dev.ferry.core.control.MappingDefinition;
import dev.ferry.core.control.MappingView;
import dev.ferry.core.control.SalesforceCredentials;
import dev.ferry.core.id.ConnectionId;
import io.javalin.http.Context;
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

  private final FerryService service;
  private final ApiViews views;
  private final InstantSource clock;

  ApiRoutes(FerryService service, ApiViews views, InstantSource clock) {
    this.service = service;
    this.views = views;
    this.clock = clock;
  }

  void register(RouteTable r) {
    r.get(ApiViews.BASE + "/connections", this::listConnections);
    r.post(ApiViews.BASE + "/connections", this::createConnection);
    r.get(C, scoped(this::getConnection));
    r.patch(C, scoped(this::updateConnection));
    r.post(C + "/actions/authorize", scoped(this::authorize));
    r.get(C + "/schemas/{object}", scoped(this::schema));
    r.get(C + "/schema-diff", scoped(this::schemaDiff));
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

  /** Heroku Connect's {@code connect:db:set}: {@code {"name", "schema_name", "db_key"}}. */
  private void updateConnection(Context ctx) {
    ConnectionUpdate update = NewConnectionJson.readUpdate(Json.parse(ctx.body(), "the body"));
    ConnectionView updated = service.updateConnection(connection(ctx), update);
    log.atInfo()
        .addKeyValue("schema", updated.connection().schemaName())
        .log("connection updated through the API");
    Responses.json(ctx, 200, views.connection(updated, false));
  }

  /** New credentials; the body is {@code {"credentials": {...}}} or the credentials object. */
  private void authorize(Context ctx) {
    SalesforceCredentials credentials =
        NewConnectionJson.readCredentials(Json.parse(ctx.body(), "the body"));
    ConnectionView view = service.authorize(connection(ctx), credentials);
    log.atInfo()
        .addKeyValue("flow", credentials.flow())
        .log("connection re-authorized through the API");
    Responses.json(ctx, 202, views.connection(view, false));
  }

  private void schema(Context ctx) {
    String object = ctx.pathParam("object");
    if (!object.matches("[A-Za-z][A-Za-z0-9_]{0,79}")) {
      throw new ApiException(400, "'" + object + "' is not a Salesforce object name");
    }
    Responses.json(ctx, 200, OperationsViews.schema(service.describe(connection(ctx), object)));
  }

  private void schemaDiff(Context ctx) {
    String target = QueryParams.text(ctx, "target_version");
    if (target == null) {
      throw new ApiException(400, "target_version is required, e.g. ?target_version=62.0");
    }
    if (!target.matches("[1-9][0-9]\\.0")) {
      throw new ApiException(400, "target_version must look like 62.0, got '" + target + "'");
    }
    Responses.json(
        ctx, 200, OperationsViews.schemaDiff(service.schemaDiff(connection(ctx), target)));
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
}
