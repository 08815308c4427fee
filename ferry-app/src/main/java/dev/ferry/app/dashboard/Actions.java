package dev.ferry.app.dashboard;

import dev.ferry.app.api.ApiException;
import dev.ferry.app.api.ErrorMapper;
import dev.ferry.core.control.FerryService;
import dev.ferry.core.control.RetryResult;
import dev.ferry.core.id.ConnectionId;
import dev.ferry.core.id.MappingId;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's buttons: each POST (CSRF-checked by {@link DashboardGuard}) calls {@link
 * FerryService} once, leaves a flash message saying what happened (or why not: a 409 "nothing to
 * abort" is a message, not an error page) and redirects back to the page (POST-redirect-GET).
 */
final class Actions {
  private static final Logger log = LoggerFactory.getLogger(Actions.class);

  private final FerryService service;

  Actions(FerryService service) {
    this.service = service;
  }

  // ---- connections

  void pause(Context ctx) {
    onConnection(
        ctx,
        "pause",
        id -> {
          service.pause(id);
          return "Connection paused: polls and writes stop; changes are still captured.";
        });
  }

  void resume(Context ctx) {
    onConnection(
        ctx,
        "resume",
        id -> {
          service.resume(id);
          return "Connection resumed.";
        });
  }

  void retryConnectionWrites(Context ctx) {
    onConnection(ctx, "retry_writes", id -> retried(service.retryWrites(id)));
  }

  void retryConnectionWrite(Context ctx) {
    onConnection(ctx, "retry_write", id -> retried(service.retryWrite(id, entryId(ctx))));
  }

  // ---- mappings

  void reload(Context ctx) {
    onMapping(
        ctx,
        "reload",
        id -> {
          service.reload(id);
          return "Reload requested: the table is cleared and loaded again.";
        });
  }

  void abort(Context ctx) {
    onMapping(
        ctx,
        "abort",
        id -> {
          service.abort(id);
          return "Abort requested.";
        });
  }

  void retryMappingWrites(Context ctx) {
    onMapping(ctx, "retry_writes", id -> retried(service.retryWrites(id)));
  }

  void retryMappingWrite(Context ctx) {
    onMapping(
        ctx,
        "retry_write",
        id ->
            retried(
                service.retryWrite(service.mapping(id).mapping().connectionId(), entryId(ctx))));
  }

  // ---- plumbing

  private void onConnection(Context ctx, String action, Function<ConnectionId, String> call) {
    run(
        ctx,
        action,
        () -> Dashboard.BASE + "/connections/" + Pages.connectionId(ctx),
        () -> call.apply(Pages.connectionId(ctx)));
  }

  private void onMapping(Context ctx, String action, Function<MappingId, String> call) {
    run(
        ctx,
        action,
        () -> Dashboard.BASE + "/mappings/" + Pages.mappingId(ctx),
        () -> call.apply(Pages.mappingId(ctx)));
  }

  /** Redirects to the page of the parsed id (never to raw input), or to the start page. */
  private static void run(
      Context ctx, String action, Supplier<String> page, Supplier<String> call) {
    Sessions.Session session = DashboardGuard.session(ctx);
    String back = Dashboard.BASE;
    try {
      back = page.get();
      String done = call.get();
      session.flash(new Model.Flash("ok", done));
      log.atInfo()
          .addKeyValue("action", action)
          .addKeyValue("path", ctx.path())
          .log("dashboard action");
    } catch (RuntimeException e) {
      ErrorMapper.Mapped m = ErrorMapper.describe(e, ctx);
      session.flash(new Model.Flash("error", m.message()));
      log.atInfo()
          .addKeyValue("action", action)
          .addKeyValue("path", ctx.path())
          .addKeyValue("status", m.status())
          .log("dashboard action refused");
    }
    ctx.redirect(back, HttpStatus.SEE_OTHER);
  }

  private static String retried(RetryResult r) {
    return "Queued again: "
        + r.requeued()
        + " failed "
        + (r.requeued() == 1 ? "write" : "writes")
        + " ("
        + r.captured()
        + (r.captured() == 1 ? " row" : " rows")
        + " captured anew).";
  }

  private static long entryId(Context ctx) {
    String raw = ctx.pathParam("entry");
    try {
      return Long.parseLong(raw);
    } catch (NumberFormatException e) {
      throw new ApiException(404, "No write error '" + raw + "'");
    }
  }
}
