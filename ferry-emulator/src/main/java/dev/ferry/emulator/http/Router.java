package dev.ferry.emulator.http;

import dev.ferry.emulator.control.EndpointClass;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Routes requests by method and path segments. Literal segments match case-insensitively; {@code
 * {name}} captures one segment; {@code {version}} captures an API version segment ({@code v59.0} or
 * {@code latest}). Trailing slashes are ignored.
 */
public final class Router {
  /** Handles one request. */
  @FunctionalInterface
  public interface Handler {
    void handle(Exchange ex) throws Exception;
  }

  /** Whether a route needs a session and counts against DailyApiRequests. */
  public enum Access {
    PUBLIC,
    /** Needs a valid access token; counts as an API call. */
    API,
    /** Needs a valid access token; not counted (identity endpoints). */
    SESSION
  }

  public record Route(
      String method, String[] segments, EndpointClass endpoint, Access access, Handler handler) {}

  /** A matched route and its captured parameters. */
  public record Match(Route route, Map<String, String> params, @Nullable String versionSegment) {}

  private static final java.util.regex.Pattern VERSION =
      java.util.regex.Pattern.compile("[vV]\\d+\\.\\d+");

  private final List<Route> routes = new ArrayList<>();

  public Router add(
      String method, String pattern, EndpointClass endpoint, Access access, Handler handler) {
    routes.add(new Route(method, split(pattern), endpoint, access, handler));
    return this;
  }

  static String[] split(String path) {
    List<String> out = new ArrayList<>();
    for (String s : path.split("/")) {
      if (!s.isEmpty()) {
        out.add(s);
      }
    }
    return out.toArray(String[]::new);
  }

  /** The route for method and path, or null; {@link #allowedMethods} tells 404 from 405. */
  public @Nullable Match match(String method, String[] path) {
    for (Route r : routes) {
      if (!r.method.equals(method)) {
        continue;
      }
      Match m = matchSegments(r, path);
      if (m != null) {
        return m;
      }
    }
    return null;
  }

  /** Methods that would match the path (empty: the path is unknown). */
  public Set<String> allowedMethods(String[] path) {
    Set<String> out = new LinkedHashSet<>();
    for (Route r : routes) {
      if (matchSegments(r, path) != null) {
        out.add(r.method);
      }
    }
    return out;
  }

  private static @Nullable Match matchSegments(Route r, String[] path) {
    if (r.segments.length != path.length) {
      return null;
    }
    Map<String, String> params = new LinkedHashMap<>();
    String version = null;
    for (int i = 0; i < path.length; i++) {
      String p = r.segments[i];
      String s = path[i];
      if (p.equals("{version}")) {
        if (!(s.equalsIgnoreCase("latest") || VERSION.matcher(s).matches())) {
          return null;
        }
        version = s;
      } else if (p.startsWith("{") && p.endsWith("}")) {
        params.put(p.substring(1, p.length() - 1), s);
      } else if (!p.toLowerCase(Locale.ROOT).equals(s.toLowerCase(Locale.ROOT))) {
        return null;
      }
    }
    return new Match(r, params, version);
  }
}
