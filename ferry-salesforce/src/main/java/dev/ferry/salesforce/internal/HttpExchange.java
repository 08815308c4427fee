package dev.ferry.salesforce.internal;

import dev.ferry.salesforce.limits.ApiAccounting;
import dev.ferry.salesforce.limits.LimitInfoHeader;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one request, once: counts it, reads {@code Sforce-Limit-Info} from whatever comes back,
 * unzips gzip bodies, and turns anything but 2xx into a classified {@link CallFailure}. No retries
 * and no session handling here.
 */
public final class HttpExchange {
  private static final Logger log = LoggerFactory.getLogger(HttpExchange.class);

  /** Error bodies are short; a longer one is cut so a broken proxy cannot exhaust memory. */
  private static final int MAX_ERROR_BODY = 1 << 20;

  private final HttpClient http;
  private final ApiAccounting accounting;
  private final InstantSource clock;
  private final Duration requestTimeout;
  private final boolean acceptGzip;
  private final @Nullable String callOptionsClient;
  private final IdleWatchdog watchdog;

  public HttpExchange(
      HttpClient http,
      ApiAccounting accounting,
      InstantSource clock,
      Duration requestTimeout,
      boolean acceptGzip,
      @Nullable String callOptionsClient,
      IdleWatchdog watchdog) {
    this.http = http;
    this.accounting = accounting;
    this.clock = clock;
    this.requestTimeout = requestTimeout;
    this.acceptGzip = acceptGzip;
    this.callOptionsClient = callOptionsClient;
    this.watchdog = watchdog;
  }

  public ApiAccounting accounting() {
    return accounting;
  }

  /**
   * Sends the request to {@code base} + target with the bearer token (none for the token endpoint).
   * Returns the open response on 2xx; throws {@link CallFailure} otherwise.
   */
  public SfResponse send(SfRequest request, URI base, @Nullable String bearer) {
    HttpRequest httpRequest = build(request, base, bearer);
    accounting.count(request.kind().label());
    long started = System.nanoTime();
    HttpResponse<InputStream> response;
    try {
      response = http.send(httpRequest, HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw ErrorClassifier.forIo(e, request);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted during " + request.describe());
    }
    response
        .headers()
        .firstValue(LimitInfoHeader.NAME)
        .flatMap(h -> LimitInfoHeader.parse(h, clock.instant()))
        .ifPresent(accounting::observe);
    int status = response.statusCode();
    log.atDebug()
        .setMessage("salesforce call")
        .addKeyValue("call", request.describe())
        .addKeyValue("kind", request.kind().label())
        .addKeyValue("status", status)
        .addKeyValue("ms", (System.nanoTime() - started) / 1_000_000)
        .log();
    InputStream body;
    try {
      body = decode(response);
    } catch (IOException e) {
      closeQuietly(response.body());
      throw ErrorClassifier.forIo(e, request);
    }
    if (status >= 200 && status < 300) {
      return new SfResponse(status, response.headers(), body, request);
    }
    String text = readBounded(body);
    Duration retryAfter = retryAfter(response.headers().firstValue("Retry-After").orElse(null));
    if (request.kind() == CallKind.AUTH) {
      throw ErrorClassifier.forToken(status, text, request);
    }
    throw ErrorClassifier.forResponse(status, text, request, retryAfter);
  }

  private HttpRequest build(SfRequest request, URI base, @Nullable String bearer) {
    URI uri =
        request.target().startsWith("http://") || request.target().startsWith("https://")
            ? URI.create(request.target())
            : URI.create(stripSlash(base.toString()) + request.target());
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(requestTimeout);
    HttpRequest.BodyPublisher publisher =
        request.body() == null ? HttpRequest.BodyPublishers.noBody() : request.body().get();
    b.method(request.method(), publisher);
    if (bearer != null) b.header("Authorization", "Bearer " + bearer);
    if (acceptGzip) b.header("Accept-Encoding", "gzip");
    if (callOptionsClient != null && request.kind() != CallKind.AUTH) {
      b.header("Sforce-Call-Options", "client=" + callOptionsClient);
    }
    if (!request.headers().containsKey("Accept")) b.header("Accept", "application/json");
    for (Map.Entry<String, String> h : request.headers().entrySet()) {
      b.header(h.getKey(), h.getValue());
    }
    return b.build();
  }

  private InputStream decode(HttpResponse<InputStream> response) throws IOException {
    InputStream body = watchdog.watch(response.body());
    String encoding = response.headers().firstValue("Content-Encoding").orElse("");
    return encoding.equalsIgnoreCase("gzip") ? new GZIPInputStream(body, 64 * 1024) : body;
  }

  private static String readBounded(InputStream body) {
    try (InputStream in = body) {
      return new String(in.readNBytes(MAX_ERROR_BODY), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  static @Nullable Duration retryAfter(@Nullable String header) {
    if (header == null) return null;
    try {
      long seconds = Long.parseLong(header.trim());
      return seconds >= 0 ? Duration.ofSeconds(seconds) : null;
    } catch (NumberFormatException e) {
      return null; // an HTTP-date; the backoff policy decides instead
    }
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException ignored) {
      // nothing left to release
    }
  }
}
