package dev.ferry.app.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * Pages served beside the API on the same port (the dashboard). The API server mounts them without
 * knowing them, so the dashboard can build on the API's errors and token without a package cycle.
 */
public interface WebPages {
  void register(RoutesConfig routes);

  /**
   * True for responses these pages rendered themselves (the API's 404 handler leaves them alone).
   */
  boolean owns(Context ctx);
}
