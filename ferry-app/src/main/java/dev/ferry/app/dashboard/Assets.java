package dev.ferry.app.dashboard;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The dashboard's two static files, read once from the classpath: htmx from its webjar (no CDN, no
 * JavaScript build) and the stylesheet. Public, like any stylesheet: they hold nothing secret.
 */
final class Assets {
  static final String HTMX_VERSION = "2.0.10";
  static final String BASE = Dashboard.BASE + "/assets/";

  private record Asset(byte[] bytes, String contentType) {}

  private final Map<String, Asset> assets =
      Map.of(
          "htmx.min.js",
          new Asset(
              read("/META-INF/resources/webjars/htmx.org/" + HTMX_VERSION + "/dist/htmx.min.js"),
              "text/javascript; charset=utf-8"),
          "dashboard.css",
          new Asset(read("/dev/ferry/app/dashboard/dashboard.css"), "text/css; charset=utf-8"));

  void serve(Context ctx) {
    Asset a = assets.get(ctx.pathParam("name"));
    if (a == null) {
      ctx.status(404).contentType("text/plain").result("no such asset");
      return;
    }
    ctx.header("Cache-Control", "public, max-age=3600");
    ctx.contentType(a.contentType()).result(a.bytes());
  }

  private static byte[] read(String resource) {
    try (InputStream in = Assets.class.getResourceAsStream(resource)) {
      if (in == null) throw new IllegalStateException(resource + " is not on the classpath");
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
