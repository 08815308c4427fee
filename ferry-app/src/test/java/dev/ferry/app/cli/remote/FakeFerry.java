package dev.ferry.app.cli.remote;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ferry.app.cli.FerryCli;
import dev.ferry.app.hc.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

/**
 * A stand-in for {@code ferry serve}'s API in unit tests of the CLI: answers scripted per {@code
 * "METHOD /path?query"} (the last one repeats), every request recorded. Unscripted requests get
 * Ferry's 404 body.
 */
final class FakeFerry implements AutoCloseable {
  static final String TOKEN = "fake-token-0123456789";
  static final String C1 = "11111111-1111-1111-1111-111111111111";
  static final String C2 = "22222222-2222-2222-2222-222222222222";
  static final String M1 = "aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa";

  record Request(String method, String target, String body, @Nullable String authorization) {
    JsonNode json() {
      return Json.parse(body, "the request body");
    }
  }

  record Answer(int status, String body) {}

  record Run(int exit, String out, String err) {}

  private final HttpServer server;
  private final Map<String, Deque<Answer>> answers = new HashMap<>();
  final List<Request> requests = new ArrayList<>();

  FakeFerry() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Scripts the answers to {@code "METHOD /path?query"}, in order; the last one repeats. */
  FakeFerry on(String request, int status, String body) {
    answers.computeIfAbsent(request, k -> new ArrayDeque<>()).add(new Answer(status, body));
    return this;
  }

  /** One connection named "default" with a Contact mapping. */
  FakeFerry oneConnection() {
    on(
        "GET /api/v3/connections",
        200,
        "{\"count\": 1, \"results\": [" + connection(C1, "default") + "]}");
    on(
        "GET /api/v3/connections/" + C1 + "?deep=true",
        200,
        connection(C1, "default")
            .replace(
                "\"mapping_count\": 1",
                "\"mapping_count\": 1, \"mappings\": [{\"id\": \""
                    + M1
                    + "\", \"object_name\": \"Contact\", \"state\": \"DATA_SYNCED\"}]"));
    return this;
  }

  FakeFerry twoConnections() {
    return on(
        "GET /api/v3/connections",
        200,
        "{\"count\": 2, \"results\": ["
            + connection(C1, "default")
            + ", "
            + connection(C2, "eu")
            + "]}");
  }

  static String connection(String id, String name) {
    return """
    {"id": "%s", "name": "%s", "schema_name": "salesforce", "db_key": "DATABASE_URL",
     "state": "IDLE", "mapping_count": 1}\
    """
        .formatted(id, name);
  }

  /** Runs {@code ferry args...} in-process against this server. */
  Run ferry(String... args) {
    return ferry(
        new CliEnvironment(Map.of("FERRY_URL", url(), "FERRY_API_TOKEN", TOKEN), p -> null), args);
  }

  Run ferry(CliEnvironment env, String... args) {
    CommandLine cli = FerryCli.commandLine(env);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  Map<String, String> env(Map<String, String> extra) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("FERRY_URL", url());
    env.put("FERRY_API_TOKEN", TOKEN);
    env.putAll(extra);
    return env;
  }

  /** The requests other than the GETs that find the connection and mapping. */
  List<Request> actions() {
    return requests.stream()
        .filter(r ->
            !(r.method().equals("GET")
                && r.target().startsWith("/api/v3/connections")
                && (r.target().equals("/api/v3/connections") || r.target().endsWith("?deep=true"))))
        .toList();
  }

  private synchronized void handle(HttpExchange ex) throws IOException {
    String target = ex.getRequestURI().getRawPath();
    if (ex.getRequestURI().getRawQuery() != null) target += "?" + ex.getRequestURI().getRawQuery();
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String method = ex.getRequestMethod();
    requests.add(
        new Request(method, target, body, ex.getRequestHeaders().getFirst("Authorization")));
    Deque<Answer> queue = answers.get(method + " " + target);
    Answer a =
        queue == null
            ? new Answer(404, "{\"message\": \"Not found: " + method + " " + target + "\"}")
            : queue.size() > 1 ? queue.poll() : queue.peek();
    byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    if (a.status() == 204 || bytes.length == 0) {
      ex.sendResponseHeaders(a.status(), -1);
    } else {
      ex.sendResponseHeaders(a.status(), bytes.length);
      ex.getResponseBody().write(bytes);
    }
    ex.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
