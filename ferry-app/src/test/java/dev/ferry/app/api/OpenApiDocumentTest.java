package dev.ferry.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.app.hc.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The hand-written OpenAPI document lists exactly the routes the server registers. */
class OpenApiDocumentTest {
  private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

  private final JsonNode doc = Json.parse(OpenApi.document(), "openapi.json");

  @Test
  void everyRegisteredRouteIsDocumentedAndNothingElse() {
    Set<String> registered = new TreeSet<>();
    for (RouteTable.Route r : ApiServer.declaredRoutes()) {
      assertThat(r.path()).startsWith(ApiViews.BASE + "/");
      registered.add(r.method() + " " + r.path().substring(ApiViews.BASE.length()));
    }
    Set<String> documented = new TreeSet<>();
    doc.path("paths")
        .forEachEntry((path, item) ->
            item.forEachEntry((method, op) -> {
              if (METHODS.contains(method)) {
                documented.add(method.toUpperCase(Locale.ROOT) + " " + path);
              }
            }));
    assertThat(registered).hasSizeGreaterThan(20);
    assertThat(documented).isEqualTo(registered);
  }

  @Test
  void theDocumentIsOpenApi3WithTheBaseAsServerAndEveryReferenceResolves() {
    assertThat(doc.path("openapi").asString()).startsWith("3.");
    assertThat(doc.path("servers").get(0).path("url").asString()).isEqualTo(ApiViews.BASE);
    Matcher m = Pattern.compile("\"\\$ref\"\\s*:\\s*\"#/([^\"]+)\"").matcher(OpenApi.document());
    List<String> unresolved = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    while (m.find()) {
      String pointer = "/" + m.group(1);
      if (seen.add(pointer) && doc.at(pointer).isMissingNode()) unresolved.add(pointer);
    }
    assertThat(seen).isNotEmpty();
    assertThat(unresolved).isEmpty();
  }

  @Test
  void everyPathParameterIsDeclared() {
    List<String> missing = new ArrayList<>();
    doc.path("paths")
        .forEachEntry((path, item) -> {
          Matcher p = Pattern.compile("\\{([a-z]+)}").matcher(path);
          while (p.find()) {
            String name = p.group(1);
            item.forEachEntry((method, op) -> {
              if (!METHODS.contains(method)) return;
              boolean declared = false;
              for (JsonNode param : op.path("parameters")) {
                if (param.path("in").asString().equals("path")
                    && param.path("name").asString().equals(name)) declared = true;
              }
              if (!declared) missing.add(method + " " + path + " {" + name + "}");
            });
          }
        });
    assertThat(missing).isEmpty();
  }
}
