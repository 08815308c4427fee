package dev.ferry.app.cli.remote;

import dev.ferry.app.hc.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The CLI's client of Ferry's management API ({@code /api/v3}): JSON in and out, the bearer token
 * on every request, and every failure turned into an {@link ApiError} with the exit code that says
 * what kind it is. The token is never part of a message.
 */
public final class ApiClient {
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  private final String baseUrl;
  private final @Nullable String token;
  private final HttpClient http;

  /**
   * @param baseUrl the server's root, e.g. {@code http://127.0.0.1:8080} (a trailing {@code
   *     /api/v3} is accepted too)
   */
  public ApiClient(String baseUrl, @Nullable String token) {
    this.baseUrl = root(baseUrl);
    this.token = token;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  private static String root(String url) {
    String u = url.strip();
    while (u.endsWith("/")) u = u.substring(0, u.length() - 1);
    if (u.endsWith("/api/v3")) u = u.substring(0, u.length() - "/api/v3".length());
    return u;
  }

  public String baseUrl() {
    return baseUrl;
  }

  /** A response with a 2xx status; {@code json} is an empty object when there was no body. */
  public record Response(int status, JsonNode json) {}

  /**
   * The path (and query) of a URL the server returned, e.g. a {@code result_url}, to be asked of
   * this client's server: the token never travels to a host the user did not name.
   */
  public String pathOf(String url) {
    if (url.startsWith("/")) return url;
    try {
      URI u = URI.create(url);
      String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
      return u.getRawQuery() == null ? path : path + "?" + u.getRawQuery();
    } catch (IllegalArgumentException e) {
      throw ApiError.unexpected("GET", url, 0, "the server returned a malformed URL");
    }
  }

  public JsonNode get(String path) {
    return send("GET", path, null).json();
  }

  public Response post(String path, @Nullable JsonNode body) {
    return send("POST", path, body == null ? null : Json.write(body));
  }

  /** POSTs text that is already JSON (an import document is sent as the user wrote it). */
  public Response postText(String path, String json) {
    return send("POST", path, json);
  }

  public Response patch(String path, JsonNode body) {
    return send("PATCH", path, Json.write(body));
  }

  public Response delete(String path) {
    return send("DELETE", path, null);
  }

  /**
   * Sends one request. {@code path} starts with {@code /} and is relative to the server's root
   * (e.g. {@code /api/v3/connections}).
   */
  public Response send(String method, String path, @Nullable String body) {
    URI uri;
    try {
      uri = URI.create(baseUrl + path);
    } catch (IllegalArgumentException e) {
      throw CliException.usage("Not a valid URL: " + baseUrl + path);
    }
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .timeout(TIMEOUT)
            .header("Accept", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (body != null) b.header("Content-Type", "application/json");
    if (token != null) b.header("Authorization", "Bearer " + token);
    HttpResponse<String> r;
    try {
      r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpConnectTimeoutException e) {
      throw ApiError.unreachable(baseUrl, "connection timed out");
    } catch (HttpTimeoutException e) {
      throw ApiError.unreachable(baseUrl, "no answer within " + TIMEOUT.toSeconds() + " s");
    } catch (ConnectException e) {
      throw ApiError.unreachable(baseUrl, "connection refused");
    } catch (IOException e) {
      throw ApiError.unreachable(baseUrl, describe(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApiError.unreachable(baseUrl, "interrupted");
    } catch (IllegalArgumentException e) {
      throw CliException.usage("Not a valid URL: " + baseUrl + " (" + e.getMessage() + ")");
    }
    int status = r.statusCode();
    JsonNode json = parse(method, path, r);
    if (status >= 200 && status < 300) return new Response(status, json);
    throw ApiError.of(method, path, status, message(json, r.body()));
  }

  private static JsonNode parse(String method, String path, HttpResponse<String> r) {
    String text = r.body();
    if (text == null || text.isBlank()) return Json.object();
    try {
      return Json.MAPPER.readTree(text);
    } catch (JacksonException e) {
      if (r.statusCode() >= 200 && r.statusCode() < 300) {
        throw ApiError.unexpected(
            method, path, r.statusCode(), "the body is not JSON; is --url Ferry's API?");
      }
      return Json.object();
    }
  }

  /** Heroku Connect's error body {@code {"message", "errors"?}}, as one human message. */
  private static String message(JsonNode json, @Nullable String raw) {
    String message = json.path("message").asString("");
    List<String> errors = new ArrayList<>();
    json.path("errors").forEach(e -> errors.add(e.asString("")));
    if (!errors.isEmpty()) {
      StringBuilder s = new StringBuilder(errors.size() + " problems:");
      errors.forEach(e -> s.append(System.lineSeparator()).append("  - ").append(e));
      return s.toString();
    }
    if (!message.isBlank()) return message;
    if (raw == null || raw.isBlank()) return "no message";
    String oneLine = raw.strip().replaceAll("\\s+", " ");
    return oneLine.length() > 200 ? oneLine.substring(0, 200) + "…" : oneLine;
  }

  private static String describe(IOException e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }
}
