package dev.ferry.emulator;

import dev.ferry.emulator.server.EmulatorOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A running emulator (random port) and a small HTTP client for tests: login, JSON and CSV requests,
 * controls. Deliberately independent of Ferry's own Salesforce client.
 */
public final class TestOrg implements AutoCloseable {
  public static final JsonMapper JSON = JsonMapper.builder().build();
  public static final String V = "/services/data/v59.0";

  private final Emulator emulator;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private String token;

  private TestOrg(Emulator emulator) {
    this.emulator = emulator;
  }

  public static TestOrg start() {
    return start(b -> {});
  }

  public static TestOrg start(Consumer<EmulatorOptions.Builder> options) {
    EmulatorOptions.Builder b = EmulatorOptions.builder().port(0).bulkMinProcessing(Duration.ZERO);
    options.accept(b);
    return new TestOrg(Emulator.start(b.build()));
  }

  public Emulator emulator() {
    return emulator;
  }

  public URI base() {
    return emulator.baseUrl();
  }

  /** An access token from the password flow (cached; {@link #relogin} gets a new one). */
  public String token() {
    if (token == null) {
      relogin();
    }
    return token;
  }

  public String relogin() {
    Res r =
        form(
            "/services/oauth2/token",
            Map.of(
                "grant_type", "password",
                "client_id", "emulator-client",
                "client_secret", "emulator-secret",
                "username", "admin@example.com",
                "password", "password"));
    if (r.status() != 200) {
      throw new IllegalStateException("login failed: " + r.text());
    }
    token = r.json().path("access_token").asString();
    return token;
  }

  /** Resets the org (controls endpoint); the cached token stays valid. */
  public void reset() {
    Res r = control("POST", "/reset", "{}");
    if (r.status() != 200) {
      throw new IllegalStateException("reset failed: " + r.text());
    }
  }

  // --- requests -------------------------------------------------------------------------

  public Res get(String path, String... headers) {
    return send("GET", path, null, null, true, headers);
  }

  public Res delete(String path, String... headers) {
    return send("DELETE", path, null, null, true, headers);
  }

  public Res post(String path, String json, String... headers) {
    return send("POST", path, json, "application/json", true, headers);
  }

  public Res patch(String path, String json, String... headers) {
    return send("PATCH", path, json, "application/json", true, headers);
  }

  public Res putCsv(String path, String csv, String... headers) {
    return send("PUT", path, csv, "text/csv", true, headers);
  }

  public Res anonymous(String method, String path, String body, String... headers) {
    return send(method, path, body, body == null ? null : "application/json", false, headers);
  }

  public Res control(String method, String path, String json) {
    return send(
        method, "/__emulator" + path, json, json == null ? null : "application/json", false);
  }

  public Res form(String path, Map<String, String> params, String... headers) {
    StringBuilder sb = new StringBuilder();
    params.forEach((k, v) -> {
      if (!sb.isEmpty()) {
        sb.append('&');
      }
      sb.append(enc(k)).append('=').append(enc(v));
    });
    return send("POST", path, sb.toString(), "application/x-www-form-urlencoded", false, headers);
  }

  public static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  public Res send(
      String method,
      String path,
      String body,
      String contentType,
      boolean auth,
      String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base().resolve(path)).timeout(Duration.ofSeconds(60));
    if (auth) {
      b.header("Authorization", "Bearer " + token());
    }
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    try {
      HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Res(r.statusCode(), r.headers().map(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Polls a Bulk job until it leaves UploadComplete / InProgress. */
  public JsonNode awaitJob(String jobPath) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode info = get(jobPath).json();
      String state = info.path("state").asString();
      if (!state.equals("UploadComplete") && !state.equals("InProgress") && !state.equals("Open")) {
        return info;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException("job did not finish: " + jobPath);
  }

  @Override
  public void close() {
    emulator.close();
  }

  /** A response. */
  public record Res(int status, Map<String, List<String>> headers, byte[] body) {
    public String text() {
      try {
        if ("gzip".equals(header("Content-Encoding"))) {
          return new String(
              new GZIPInputStream(new java.io.ByteArrayInputStream(body)).readAllBytes(),
              StandardCharsets.UTF_8);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return new String(body, StandardCharsets.UTF_8);
    }

    public JsonNode json() {
      return JSON.readTree(text());
    }

    public String header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          return e.getValue().get(0);
        }
      }
      return null;
    }

    /** The error code of a Salesforce error array. */
    public String errorCode() {
      return json().get(0).path("errorCode").asString();
    }

    public List<String> csvLines() {
      List<String> out = new ArrayList<>(List.of(text().split("\n", -1)));
      if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
        out.remove(out.size() - 1);
      }
      return out;
    }

    @Override
    public String toString() {
      return status + " " + text();
    }
  }
}
