package dev.ferry.app.api;

import static dev.ferry.app.api.PathIds.C;
import static dev.ferry.app.api.PathIds.M;
import static dev.ferry.app.api.PathIds.connection;
import static dev.ferry.app.api.PathIds.mapping;
import static dev.ferry.app.api.PathIds.scoped;

import dev.ferry.app.hc.InvalidDocumentException;
import dev.ferry.app.hc.Json;
import dev.ferry.core.control.Diagnosis;
import dev.ferry.core.control.FerryService;
import dev.ferry.core.control.RetryResult;
import dev.ferry.core.id.ConnectionId;
import dev.ferry.core.store.NotificationFilter;
import io.javalin.http.Context;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The operations endpoints: write errors and their retry, diagnostics (validations), notifications,
 * and a mapping's state history. Each handler parses, calls {@link FerryService} once and renders.
 */
final class OperationsRoutes {
  private static final Logger log = LoggerFactory.getLogger(OperationsRoutes.class);

  static final int NOTIFICATIONS_MAX = 1000;
  static final int HISTORY_MAX = 1000;
  static final int HISTORY_DEFAULT = 50;

  private final FerryService service;
  private final Validations validations;

  OperationsRoutes(FerryService service, Validations validations) {
    this.service = service;
    this.validations = validations;
  }

  void register(RouteTable r) {
    r.get(
        C + "/errors",
        scoped(ctx -> ok(ctx, OperationsViews.writeErrors(service.writeErrors(connection(ctx))))));
    r.post(C + "/errors/retry", scoped(this::retryConnection));
    r.get(
        M + "/errors",
        scoped(ctx -> ok(ctx, OperationsViews.writeErrors(service.writeErrors(mapping(ctx))))));
    r.post(M + "/errors/retry", scoped(this::retryMapping));
    r.post(C + "/validations", scoped(this::startValidation));
    r.get(C + "/validations/{validation}", scoped(this::validationResult));
    r.get(
        M + "/validations",
        scoped(ctx -> ok(ctx, OperationsViews.mappingDiagnosis(service.diagnose(mapping(ctx))))));
    r.get(C + "/notifications", scoped(this::notifications));
    r.post(C + "/notifications/acknowledge", scoped(this::acknowledge));
    r.get(M + "/history", scoped(this::history));
  }

  private void retryConnection(Context ctx) {
    ConnectionId id = connection(ctx);
    Long entry = entryId(ctx);
    RetryResult r = entry == null ? service.retryWrites(id) : service.retryWrite(id, entry);
    log.atInfo()
        .addKeyValue("requeued", r.requeued())
        .addKeyValue("captured", r.captured())
        .log("failed writes queued again through the API");
    Responses.json(ctx, 202, OperationsViews.retry(r));
  }

  private void retryMapping(Context ctx) {
    JsonNode body = optionalBody(ctx);
    if (body != null && body.size() > 0) {
      throw new InvalidDocumentException(
          "POST /mappings/{id}/errors/retry takes no body; to retry one entry use POST"
              + " /connections/{id}/errors/retry with {\"entry_id\": N}");
    }
    RetryResult r = service.retryWrites(mapping(ctx));
    Responses.json(ctx, 202, OperationsViews.retry(r));
  }

  /** {@code {"entry_id": N}}, an empty object or no body at all. */
  private static @Nullable Long entryId(Context ctx) {
    JsonNode body = optionalBody(ctx);
    if (body == null) return null;
    for (String key : body.propertyNames()) {
      if (!key.equals("entry_id")) {
        throw new InvalidDocumentException(key + " is not a known key (known: entry_id)");
      }
    }
    JsonNode v = body.get("entry_id");
    if (v == null || v.isNull()) return null;
    if (!v.isIntegralNumber() || v.asLong() <= 0) {
      throw new InvalidDocumentException(
          "entry_id must be a positive whole number (a _trigger_log id), got " + v);
    }
    return v.asLong();
  }

  private static @Nullable JsonNode optionalBody(Context ctx) {
    String text = ctx.body();
    if (text == null || text.isBlank()) return null;
    JsonNode body = Json.parse(text, "the body");
    if (!body.isObject()) throw new InvalidDocumentException("the body must be a JSON object");
    return body;
  }

  private void startValidation(Context ctx) {
    ConnectionId id = connection(ctx);
    UUID run = validations.start(id);
    var body = Json.object();
    body.put("result_url", ApiViews.BASE + "/connections/" + id + "/validations/" + run);
    Responses.json(ctx, 202, body);
  }

  private void validationResult(Context ctx) {
    ConnectionId id = connection(ctx);
    String raw = ctx.pathParam("validation");
    UUID runId;
    try {
      runId = UUID.fromString(raw);
    } catch (IllegalArgumentException e) {
      throw new ApiException(404, "No validation '" + raw + "' (validation ids are UUIDs)");
    }
    Validations.Run run =
        validations
            .find(id, runId)
            .orElseThrow(() ->
                new ApiException(
                    404,
                    "No validation "
                        + runId
                        + " of connection "
                        + id
                        + " (results are kept for an hour by the Ferry process that ran"
                        + " them; start one with POST /connections/{id}/validations)"));
    if (!run.result().isDone()) {
      var body = Json.object();
      body.put("state", "RUNNING");
      body.put("result_url", ctx.path());
      Responses.json(ctx, 202, body);
      return;
    }
    Diagnosis d;
    try {
      d = run.result().join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : e;
    }
    Responses.json(ctx, 200, OperationsViews.diagnosis(d));
  }

  private void notifications(Context ctx) {
    ConnectionId id = connection(ctx);
    int size = QueryParams.integer(ctx, "page_size", 1, NOTIFICATIONS_MAX, NOTIFICATIONS_MAX);
    Responses.json(
        ctx, 200, OperationsViews.notifications(service.notifications(id, filter(ctx), size)));
  }

  private void acknowledge(Context ctx) {
    ConnectionId id = connection(ctx);
    int n = service.acknowledgeNotifications(id, filter(ctx));
    log.atInfo().addKeyValue("acknowledged", n).log("notifications acknowledged through the API");
    ctx.status(204);
  }

  private static NotificationFilter filter(Context ctx) {
    var after = QueryParams.instant(ctx, "after");
    var before = QueryParams.instant(ctx, "before");
    if (after != null && before != null && !after.isBefore(before)) {
      throw new ApiException(
          400, "after (" + after + ") must be earlier than before (" + before + ")");
    }
    return new NotificationFilter(after, before, QueryParams.text(ctx, "event_type"));
  }

  private void history(Context ctx) {
    int limit = QueryParams.integer(ctx, "limit", 1, HISTORY_MAX, HISTORY_DEFAULT);
    Responses.json(ctx, 200, OperationsViews.history(service.mappingHistory(mapping(ctx), limit)));
  }

  private static void ok(Context ctx, JsonNode body) {
    Responses.json(ctx, 200, body);
  }
}
