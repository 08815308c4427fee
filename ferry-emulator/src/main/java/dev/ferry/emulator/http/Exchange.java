package dev.ferry.emulator.http;

import dev.ferry.emulator.auth.Session;
import dev.ferry.emulator.control.EndpointClass;
import dev.ferry.emulator.org.ApiVersion;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * One request and its response, as the emulator's handlers see them: path parameters, the API
 * version, the session, and response writers that gzip when the client asks for it.
 */
public final class Exchange {
  public static final String JSON_TYPE = "application/json;charset=UTF-8";
  public static final String CSV_TYPE = "text/csv";

  private final Context ctx;
  private final Map<String, String> params;
  private final @Nullable ApiVersion version;
  private final EndpointClass endpoint;
  private @Nullable Session session;
  private byte @Nullable [] body;
  private boolean responded;

  Exchange(
      Context ctx,
      Map<String, String> params,
      @Nullable ApiVersion version,
      EndpointClass endpoint) {
    this.ctx = ctx;
    this.params = params;
    this.version = version;
    this.endpoint = endpoint;
  }

  public Context context() {
    return ctx;
  }

  public String method() {
    return ctx.req().getMethod();
  }

  public String path() {
    return ctx.req().getRequestURI();
  }

  public EndpointClass endpoint() {
    return endpoint;
  }

  /** A path parameter, percent-decoded leniently ('+' stays '+'). */
  public String param(String name) {
    String raw = params.get(name);
    if (raw == null) {
      throw new IllegalStateException("no path parameter " + name);
    }
    return decodePath(raw);
  }

  static String decodePath(String raw) {
    if (raw.indexOf('%') < 0) {
      return raw;
    }
    try {
      return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return raw;
    }
  }

  /** The API version of a /services/data/vNN.N path. */
  public ApiVersion version() {
    if (version == null) {
      throw new IllegalStateException("route has no version");
    }
    return version;
  }

  /** The path's version, or the newest one for versionless paths. */
  public ApiVersion versionOrLatest() {
    return version == null ? ApiVersion.LATEST : version;
  }

  /** The change events' origin of a write made through this request (REST). */
  public dev.ferry.emulator.org.ChangeOrigin changeOrigin() {
    return dev.ferry.emulator.org.ChangeOrigin.rest(
        versionOrLatest().number(),
        dev.ferry.emulator.org.ChangeOrigin.clientOf(header("Sforce-Call-Options")));
  }

  public @Nullable Session session() {
    return session;
  }

  void session(Session s) {
    this.session = s;
  }

  public Session requireSession() {
    if (session == null) {
      throw ApiException.invalidSession();
    }
    return session;
  }

  /** A query-string parameter ('+' decoded as space, as servlet containers do). */
  public @Nullable String query(String name) {
    return ctx.queryParam(name);
  }

  /** A form parameter from an urlencoded body, else from the query string. */
  public @Nullable String formOrQuery(String name) {
    String v = null;
    String type = ctx.contentType();
    if (type != null
        && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      v = formParams().get(name);
    }
    return v != null ? v : ctx.queryParam(name);
  }

  private @Nullable Map<String, String> form;

  private Map<String, String> formParams() {
    if (form == null) {
      Map<String, String> out = new LinkedHashMap<>();
      String text = new String(body(), StandardCharsets.UTF_8);
      for (String pair : text.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String k = eq < 0 ? pair : pair.substring(0, eq);
        String v = eq < 0 ? "" : pair.substring(eq + 1);
        try {
          out.putIfAbsent(
              URLDecoder.decode(k, StandardCharsets.UTF_8),
              URLDecoder.decode(v, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
          out.putIfAbsent(k, v);
        }
      }
      form = out;
    }
    return form;
  }

  public @Nullable String header(String name) {
    return ctx.req().getHeader(name);
  }

  /** The request body, un-gzipped when sent with Content-Encoding: gzip. */
  public byte[] body() {
    if (body == null) {
      try (InputStream in = ctx.req().getInputStream()) {
        byte[] raw = in.readAllBytes();
        String enc = header("Content-Encoding");
        if (enc != null && enc.toLowerCase(Locale.ROOT).contains("gzip") && raw.length > 0) {
          try (InputStream gz = new GZIPInputStream(new java.io.ByteArrayInputStream(raw))) {
            raw = gz.readAllBytes();
          }
        }
        body = raw;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return body;
  }

  /** The body as JSON; a Salesforce JSON_PARSER_ERROR when it is not. */
  public JsonNode jsonBody() {
    byte[] b = body();
    if (b.length == 0) {
      throw ApiException.badRequest(
          "JSON_PARSER_ERROR",
          "The HTTP entity body is required, but this request has no entity body.");
    }
    try {
      return Json.MAPPER.readTree(b);
    } catch (JacksonException e) {
      throw ApiException.badRequest(
          "JSON_PARSER_ERROR", "Unexpected character in JSON body: " + e.getOriginalMessage());
    }
  }

  // --- responses ------------------------------------------------------------------------

  public boolean responded() {
    return responded;
  }

  public void header(String name, String value) {
    ctx.res().setHeader(name, value);
  }

  public void json(int status, Object body) {
    bytes(status, JSON_TYPE, Json.write(body));
  }

  public void noContent() {
    responded = true;
    ctx.res().setStatus(204);
  }

  public void status(int status) {
    responded = true;
    ctx.res().setStatus(status);
  }

  public void bytes(int status, String contentType, byte[] data) {
    responded = true;
    HttpServletResponse res = ctx.res();
    res.setStatus(status);
    res.setContentType(contentType);
    try {
      if (wantsGzip() && data.length > 0) {
        res.setHeader("Content-Encoding", "gzip");
        try (OutputStream out = new GZIPOutputStream(res.getOutputStream(), 64 * 1024)) {
          out.write(data);
        }
      } else {
        res.setContentLength(data.length);
        OutputStream out = res.getOutputStream();
        out.write(data);
        out.flush();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Streams a large body; gzip applied when asked for. The stream must be closed by the caller. */
  public OutputStream stream(int status, String contentType) {
    responded = true;
    HttpServletResponse res = ctx.res();
    res.setStatus(status);
    res.setContentType(contentType);
    try {
      if (wantsGzip()) {
        res.setHeader("Content-Encoding", "gzip");
        return new GZIPOutputStream(res.getOutputStream(), 64 * 1024);
      }
      return res.getOutputStream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public boolean wantsGzip() {
    String ae = header("Accept-Encoding");
    if (ae == null) {
      return false;
    }
    for (String part : ae.toLowerCase(Locale.ROOT).split(",")) {
      String p = part.trim();
      if (p.equals("gzip") || (p.startsWith("gzip;") && !p.replace(" ", "").endsWith("q=0"))) {
        return true;
      }
    }
    return false;
  }

  public void redirect(String location) {
    responded = true;
    ctx.res().setStatus(302);
    ctx.res().setHeader("Location", location);
  }

  /** Salesforce's error array. */
  public void error(ApiException e) {
    e.headers().forEach(this::header);
    Map<String, Object> item = new LinkedHashMap<>();
    if (endpoint == EndpointClass.BULK && e.status() != 401) {
      item.put("errorCode", e.errorCode()); // Bulk API 2.0 writes the code first
      item.put("message", e.getMessage());
    } else {
      item.put("message", e.getMessage());
      item.put("errorCode", e.errorCode());
    }
    if (e.recordLevel()) {
      item.put("fields", e.fields());
    }
    json(e.status(), List.of(item));
  }

  public void oauthError(OAuthException e) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", e.error());
    body.put("error_description", e.getMessage());
    json(e.status(), body);
  }
}
