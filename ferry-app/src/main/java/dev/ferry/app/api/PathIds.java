package dev.ferry.app.api;

import dev.ferry.core.id.ConnectionId;
import dev.ferry.core.id.MappingId;
import dev.ferry.core.log.LogContext;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/** The ids in an API path ({@code {connection}}, {@code {mapping}}), and their log context. */
final class PathIds {
  static final String C = ApiViews.BASE + "/connections/{connection}";
  static final String M = ApiViews.BASE + "/mappings/{mapping}";

  private PathIds() {}

  static ConnectionId connection(Context ctx) {
    String raw = ctx.pathParam("connection");
    try {
      return ConnectionId.valueOf(raw);
    } catch (IllegalArgumentException e) {
      throw new ApiException(404, "No connection '" + raw + "' (connection ids are UUIDs)");
    }
  }

  static MappingId mapping(Context ctx) {
    String raw = ctx.pathParam("mapping");
    try {
      return MappingId.valueOf(raw);
    } catch (IllegalArgumentException e) {
      throw new ApiException(404, "No mapping '" + raw + "' (mapping ids are UUIDs)");
    }
  }

  /** Runs the handler with the connection/mapping id of the path in the log context. */
  static Handler scoped(Handler handler) {
    return ctx -> {
      String c = ctx.pathParamMap().get("connection");
      String m = ctx.pathParamMap().get("mapping");
      try (LogContext lc = c != null ? LogContext.connection(c) : LogContext.mapping(m)) {
        handler.handle(ctx);
      }
    };
  }
}
