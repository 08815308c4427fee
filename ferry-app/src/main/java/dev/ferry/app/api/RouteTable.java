package dev.ferry.app.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Registers the API's routes with Javalin and remembers each (method, path), so the OpenAPI
 * document can be checked against exactly what is served. Without a {@link RoutesConfig} it only
 * records (to list the routes without a server).
 */
final class RouteTable {
  record Route(String method, String path) {}

  private final @Nullable RoutesConfig routes;
  private final List<Route> declared = new ArrayList<>();

  RouteTable(@Nullable RoutesConfig routes) {
    this.routes = routes;
  }

  void get(String path, Handler h) {
    declared.add(new Route("GET", path));
    if (routes != null) routes.get(path, h);
  }

  void post(String path, Handler h) {
    declared.add(new Route("POST", path));
    if (routes != null) routes.post(path, h);
  }

  void patch(String path, Handler h) {
    declared.add(new Route("PATCH", path));
    if (routes != null) routes.patch(path, h);
  }

  void delete(String path, Handler h) {
    declared.add(new Route("DELETE", path));
    if (routes != null) routes.delete(path, h);
  }

  List<Route> declared() {
    return List.copyOf(declared);
  }
}
