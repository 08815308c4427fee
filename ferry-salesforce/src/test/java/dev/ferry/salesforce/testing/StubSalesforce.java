package dev.ferry.salesforce.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;

/**
 * A scripted HTTP server for unit tests of the client's own behaviour (retries, session renewal,
 * paging, gzip) where the emulator cannot produce the exact failure. Routes answer with queued
 * responses, the last one repeating; every request is recorded. Protocol behaviour is proven
 * against the emulator in the contract suite, not here.
 */
public final class StubSalesforce implements AutoCloseable {
  /** A recorded request. */
  public record Request(String method, URI uri, Map<String, List<String>> headers, byte[] body) {
    public String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }

    public String header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) return e.getValue().get(0);
      }
      return null;
    }
  }

  /** A canned response. */
  public record Response(
      int status,
      Map<String, String> headers,
      byte[] body,
      boolean gzip,
      int truncateAt,
      boolean stall) {
    public Response(int status, Map<String, String> headers, byte[] body, boolean gzip) {
      this(status, headers, body, gzip, -1, false);
    }

    public static Response json(int status, String json) {
      return new Response(
          status,
          Map.of("Content-Type", "application/json;charset=UTF-8"),
          json.getBytes(StandardCharsets.UTF_8),
          false);
    }

    public static Response csv(String csv, Map<String, String> headers) {
      Map<String, String> h = new LinkedHashMap<>(headers);
      h.put("Content-Type", "text/csv");
      return new Response(200, h, csv.getBytes(StandardCharsets.UTF_8), false);
    }

    public static Response empty(int status) {
      return new Response(status, Map.of(), new byte[0], false);
    }

    public Response withHeader(String name, String value) {
      Map<String, String> h = new LinkedHashMap<>(headers);
      h.put(name, value);
      return new Response(status, h, body, gzip, truncateAt, stall);
    }

    public Response gzipped() {
      return new Response(status, headers, body, true, truncateAt, stall);
    }

    /** Announces the full length but breaks the connection after {@code bytes} bytes. */
    public Response brokenAfter(int bytes) {
      return new Response(status, headers, body, gzip, bytes, false);
    }

    /** Sends {@code bytes} bytes, then goes silent with the connection open (until close). */
    public Response stallAfter(int bytes) {
      return new Response(status, headers, body, gzip, bytes, true);
    }
  }

  private final HttpServer server;
  private final Map<String, Deque<Function<Request, Response>>> routes = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private volatile String limitInfo = "api-usage=1/15000";
  private final java.util.concurrent.CountDownLatch closed =
      new java.util.concurrent.CountDownLatch(1);

  public StubSalesforce() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::handle);
    server.start();
  }

  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Answers a token request with a token pointing back at this server. */
  public StubSalesforce tokens() {
    int[] n = {0};
    return on(
        "POST",
        "/services/oauth2/token",
        r -> {
          synchronized (n) {
            n[0]++;
            return Response.json(
                200,
                "{\"access_token\":\"00D000000000001!token"
                    + n[0]
                    + "\",\"instance_url\":\""
                    + baseUrl()
                    + "\",\"id\":\""
                    + baseUrl()
                    + "/id/00D000000000001EAA/005000000000001AAA\",\"token_type\":\"Bearer\","
                    + "\"issued_at\":\"1296509381665\",\"signature\":\"x\"}");
          }
        });
  }

  /** Queues responses for METHOD path (path without query); the last one repeats. */
  @SafeVarargs
  public final StubSalesforce on(
      String method, String path, Function<Request, Response>... answers) {
    Deque<Function<Request, Response>> q = new ArrayDeque<>();
    for (Function<Request, Response> a : answers) q.add(a);
    routes.put(method + " " + path, q);
    return this;
  }

  public StubSalesforce on(String method, String path, Response... answers) {
    List<Function<Request, Response>> fns = new ArrayList<>();
    for (Response r : answers) fns.add(req -> r);
    routes.put(method + " " + path, new ArrayDeque<>(fns));
    return this;
  }

  public void limitInfo(String header) {
    this.limitInfo = header;
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  public List<Request> requests(String method, String path) {
    return requests.stream()
        .filter(r -> r.method().equals(method) && r.uri().getPath().equals(path))
        .toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    Request request =
        new Request(
            exchange.getRequestMethod(),
            exchange.getRequestURI(),
            Map.copyOf(exchange.getRequestHeaders()),
            body);
    requests.add(request);
    Deque<Function<Request, Response>> q =
        routes.get(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
    Response response;
    if (q == null) {
      response =
          Response.json(
              404,
              "[{\"errorCode\":\"NOT_FOUND\",\"message\":\"The requested resource does not exist\"}]");
    } else {
      Function<Request, Response> next;
      synchronized (q) {
        next = q.size() > 1 ? q.poll() : q.peek();
      }
      response = next.apply(request);
    }
    byte[] out = response.body();
    if (response.gzip()) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
        gz.write(out);
      }
      out = bytes.toByteArray();
      exchange.getResponseHeaders().add("Content-Encoding", "gzip");
    }
    response.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
    exchange.getResponseHeaders().add("Sforce-Limit-Info", limitInfo);
    exchange.sendResponseHeaders(response.status(), out.length == 0 ? -1 : out.length);
    if (response.truncateAt() >= 0) {
      OutputStream os = exchange.getResponseBody();
      os.write(out, 0, Math.min(out.length, response.truncateAt()));
      os.flush();
      if (response.stall()) {
        try {
          closed.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      // a handler that fails makes the JDK server drop the connection mid-body
      throw new IOException("stub breaks the connection after " + response.truncateAt() + " bytes");
    }
    try (OutputStream os = exchange.getResponseBody()) {
      os.write(out);
    }
  }

  @Override
  public void close() {
    closed.countDown();
    server.stop(0);
  }
}
