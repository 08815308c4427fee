package dev.ferry.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.app.config.ConfigSources;
import dev.ferry.app.hc.Json;
import dev.ferry.app.secret.Keysets;
import dev.ferry.app.wiring.FerryNode;
import dev.ferry.app.wiring.Production;
import dev.ferry.app.wiring.Serve;
import dev.ferry.emulator.Emulator;
import dev.ferry.emulator.server.EmulatorOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A real {@code ferry serve} for tests: the emulator over HTTP with generated data, and a Ferry
 * node started through {@link Serve} (configuration from an environment map, real engine, real
 * Salesforce client, the test's PostgreSQL), plus a small HTTP client for the management API.
 */
final class FerryServer implements AutoCloseable {
  static final String TOKEN = "test-token-0123456789abcdef";

  final Emulator emulator;
  final FerryNode node;
  final Map<String, String> env;
  private final HttpClient http = HttpClient.newHttpClient();

  private FerryServer(Emulator emulator, FerryNode node, Map<String, String> env) {
    this.emulator = emulator;
    this.node = node;
    this.env = env;
  }

  /** The environment of a server whose connection from the environment is the emulator's. */
  static Map<String, String> environment(String databaseUrl, Emulator emulator, Path dataDir) {
    EmulatorOptions o = emulator.options();
    Map<String, String> env = new LinkedHashMap<>();
    env.put("DATABASE_URL", databaseUrl);
    env.put("FERRY_PORT", "0");
    env.put("FERRY_API_TOKEN", TOKEN);
    env.put("FERRY_SECRET_KEY", Keysets.toBase64(Keysets.generate()));
    env.put("FERRY_DATA_DIR", dataDir.toString());
    env.put("FERRY_SF_LOGIN_URL", emulator.baseUrl().toString());
    env.put("FERRY_SF_CLIENT_ID", o.clientId());
    env.put("FERRY_SF_CLIENT_SECRET", o.clientSecret());
    env.put("FERRY_SF_USERNAME", o.username());
    env.put("FERRY_SF_PASSWORD", o.password());
    env.put("FERRY_SCHEDULER_POLL_MS", "200");
    env.put("FERRY_BULK_STATUS_POLL_MS", "100");
    return env;
  }

  static Emulator emulator(Map<String, Integer> generate) {
    return Emulator.start(emulatorOptions(generate).build());
  }

  static EmulatorOptions.Builder emulatorOptions(Map<String, Integer> generate) {
    return EmulatorOptions.builder()
        .port(0)
        .seed(11)
        .generate(generate)
        .bulkMinProcessing(Duration.ofMillis(50));
  }

  static FerryServer start(Emulator emulator, Map<String, String> env, @Nullable Path importFile) {
    FerryNode node =
        Serve.start(
            ConfigSources.of(Map.of(), env),
            importFile,
            Production.options(InstantSource.system()));
    return new FerryServer(emulator, node, env);
  }

  record Response(int status, JsonNode json, HttpResponse<String> raw) {
    String message() {
      return json.path("message").asString("");
    }
  }

  Response get(String path) {
    return send(request(path).GET());
  }

  Response post(String path, String body) {
    return send(request(path).POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  Response delete(String path) {
    return send(request(path).DELETE());
  }

  Response patch(String path, String body) {
    return send(request(path).method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
  }

  /** Any request with the given Authorization header value (null: none). */
  Response withAuthorization(String method, String path, @Nullable String authorization) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(url(path))
            .method(
                method,
                method.equals("GET") || method.equals("DELETE")
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString("{}"));
    if (authorization != null) b.header("Authorization", authorization);
    return send(b);
  }

  /** A request with the given Authorization header value (null: none). */
  Response getWithAuthorization(String path, @Nullable String authorization) {
    HttpRequest.Builder b = HttpRequest.newBuilder(url(path)).GET();
    if (authorization != null) b.header("Authorization", authorization);
    return send(b);
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(url(path))
        .header("Authorization", "Bearer " + TOKEN)
        .header("Content-Type", "application/json")
        .timeout(Duration.ofSeconds(60));
  }

  URI url(String path) {
    return URI.create(node.apiUrl() + path);
  }

  private Response send(HttpRequest.Builder b) {
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      boolean isJson =
          r.headers().firstValue("Content-Type").orElse("").startsWith("application/json");
      JsonNode json =
          r.body() == null || r.body().isBlank() || !isJson
              ? Json.object()
              : Json.MAPPER.readTree(r.body());
      return new Response(r.statusCode(), json, r);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  String connectionId() {
    return node.envConnection().orElseThrow().toString();
  }

  /** Waits (up to a minute) until the mapping's JSON satisfies the condition; returns it. */
  JsonNode awaitMapping(String mappingId, Predicate<JsonNode> condition) {
    JsonNode[] last = new JsonNode[1];
    Awaitility.await("mapping " + mappingId)
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> {
          Response r = get("/api/v3/mappings/" + mappingId);
          assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
          last[0] = r.json();
          return condition.test(r.json());
        });
    return last[0];
  }

  static Predicate<JsonNode> state(String state) {
    return m -> m.path("state").asString("").equals(state);
  }

  /** Stops the node; the emulator belongs to the test. */
  @Override
  public void close() {
    node.close();
  }
}
