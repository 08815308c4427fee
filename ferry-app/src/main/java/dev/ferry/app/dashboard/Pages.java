package dev.ferry.app.dashboard;

import dev.ferry.app.api.ApiException;
import dev.ferry.app.api.ErrorMapper;
import dev.ferry.app.log.RecentLogs;
import dev.ferry.core.control.ConflictException;
import dev.ferry.core.control.ConnectionView;
import dev.ferry.core.control.FerryService;
import dev.ferry.core.control.MappingView;
import dev.ferry.core.control.WriteErrors;
import dev.ferry.core.id.ConnectionId;
import dev.ferry.core.id.MappingId;
import dev.ferry.core.state.ConnectionState;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.function.Supplier;

/**
 * The dashboard's pages and the parts htmx refreshes every few seconds. Each reads through {@link
 * FerryService} and renders a template; a failure becomes an HTML error page with the status the
 * management API would answer ({@link ErrorMapper}).
 */
final class Pages {
  static final int HISTORY = 25;
  static final int POLLS = 20;
  static final int LOG_LINES = 300;

  /** Renders a refusal (403 and friends) as a page. */
  @FunctionalInterface
  interface Denied {
    void render(Context ctx, int status, String message);
  }

  private final FerryService service;
  private final Views views;
  private final Templates templates;
  private final RecentLogs logs;

  Pages(FerryService service, Views views, Templates templates, RecentLogs logs) {
    this.service = service;
    this.views = views;
    this.templates = templates;
    this.logs = logs;
  }

  // ---- connections

  void connections(Context ctx) {
    templates.render(
        ctx,
        200,
        "connections.jte",
        new Model.ConnectionsPage(
            chrome(ctx, "Connections"), views.connections(service.connections())));
  }

  void connectionsPart(Context ctx) {
    templates.render(ctx, 200, "part/connections.jte", views.connections(service.connections()));
  }

  void connection(Context ctx) {
    ConnectionId id = connectionId(ctx);
    ConnectionView view = service.connection(id);
    Model.Errors errors = writeErrors(() -> service.writeErrors(id));
    templates.render(
        ctx,
        200,
        "connection.jte",
        new Model.ConnectionPage(
            chrome(ctx, view.connection().name()),
            views.connectionPart(view),
            Views.usage(service.apiUsage(id)),
            errors,
            view.connection().state() == ConnectionState.PAUSED,
            Views.pausable(view.connection().state())));
  }

  void connectionPart(Context ctx) {
    templates.render(
        ctx,
        200,
        "part/connection.jte",
        views.connectionPart(service.connection(connectionId(ctx))));
  }

  void usagePart(Context ctx) {
    templates.render(ctx, 200, "part/usage.jte", Views.usage(service.apiUsage(connectionId(ctx))));
  }

  /** The write errors, or why there are none to show (a connection without a trigger log). */
  private static Model.Errors writeErrors(Supplier<WriteErrors> read) {
    try {
      return Views.errors(read.get());
    } catch (ConflictException e) {
      return Views.errorsUnavailable(e.getMessage());
    }
  }

  // ---- mappings

  void mapping(Context ctx) {
    MappingId id = mappingId(ctx);
    MappingView view = service.mapping(id);
    ConnectionView connection = service.connection(view.mapping().connectionId());
    Model.Errors errors = writeErrors(() -> service.writeErrors(id));
    templates.render(
        ctx,
        200,
        "mapping.jte",
        new Model.MappingPage(
            chrome(ctx, view.mapping().objectName()),
            connection.connection().id().toString(),
            connection.connection().name(),
            mappingPart(id, view),
            errors));
  }

  void mappingPart(Context ctx) {
    MappingId id = mappingId(ctx);
    templates.render(ctx, 200, "part/mapping.jte", mappingPart(id, service.mapping(id)));
  }

  private Model.MappingPart mappingPart(MappingId id, MappingView view) {
    return views.mappingPart(
        view, service.mappingHistory(id, HISTORY), service.recentPolls(id, POLLS));
  }

  // ---- logs

  void logs(Context ctx) {
    templates.render(
        ctx,
        200,
        "logs.jte",
        new Model.LogsPage(chrome(ctx, "Logs"), Views.logs(logs.lines(LOG_LINES))));
  }

  void logsPart(Context ctx) {
    templates.render(ctx, 200, "part/logs.jte", Views.logs(logs.lines(LOG_LINES)));
  }

  // ---- errors

  /** Wraps a page handler: an exception becomes an HTML error page. */
  Handler html(Handler page) {
    return ctx -> {
      try {
        page.handle(ctx);
      } catch (Exception e) {
        ErrorMapper.Mapped m = ErrorMapper.describe(e, ctx);
        error(ctx, m.status(), m.message());
      }
    };
  }

  void error(Context ctx, int status, String message) {
    Sessions.Session s = DashboardGuard.sessionOrNull(ctx);
    Model.Chrome chrome = new Model.Chrome("Error " + status, s == null ? "" : s.csrf(), null);
    templates.render(ctx, status, "error.jte", new Model.ErrorPage(chrome, status, message));
  }

  static Model.Chrome chrome(Context ctx, String title) {
    Sessions.Session s = DashboardGuard.session(ctx);
    return new Model.Chrome(title, s.csrf(), s.takeFlash());
  }

  static ConnectionId connectionId(Context ctx) {
    String raw = ctx.pathParam("connection");
    try {
      return ConnectionId.valueOf(raw);
    } catch (IllegalArgumentException e) {
      throw new ApiException(404, "No connection '" + raw + "' (connection ids are UUIDs)");
    }
  }

  static MappingId mappingId(Context ctx) {
    String raw = ctx.pathParam("mapping");
    try {
      return MappingId.valueOf(raw);
    } catch (IllegalArgumentException e) {
      throw new ApiException(404, "No mapping '" + raw + "' (mapping ids are UUIDs)");
    }
  }
}
