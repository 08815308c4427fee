package dev.ferry.app.api;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /api/v3/openapi.json}: the management API's OpenAPI 3 document, written by hand in
 * {@code openapi.json} beside this class ({@code OpenApiDocumentTest} keeps it equal to the routes
 * actually registered). Served without the token: it describes the API and holds no data.
 */
final class OpenApi {
  static final String PATH = ApiViews.BASE + "/openapi.json";
  static final String RESOURCE = "openapi.json";

  private OpenApi() {}

  static String document() {
    try (InputStream in = OpenApi.class.getResourceAsStream(RESOURCE)) {
      if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the build");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void handle(Context ctx) {
    ctx.status(200).contentType("application/json").result(document());
  }
}
