package dev.ferry.salesforce.pubsub;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where and how the client reaches Salesforce's Pub/Sub API (Change Data Capture events).
 *
 * @param host {@code api.pubsub.salesforce.com} (EU: {@code api.deu.pubsub.salesforce.com}), or the
 *     emulator's host
 * @param plaintext no TLS (for tests against a local emulator only)
 * @param trustPem PEM certificates to trust instead of the JDK's (a self-signed emulator); null:
 *     the default trust store
 * @param silence a stream that hears nothing (no event, no keepalive) this long is re-opened;
 *     Salesforce sends a keepalive within 270 s
 * @param initialBackoff first wait before re-opening a dropped stream (doubles, with jitter)
 * @param maxBackoff cap on that wait
 */
public record PubSubSettings(
    String host,
    int port,
    boolean plaintext,
    @Nullable Path trustPem,
    Duration silence,
    Duration initialBackoff,
    Duration maxBackoff) {

  public static final String DEFAULT_HOST = "api.pubsub.salesforce.com";
  public static final int DEFAULT_PORT = 7443;
  public static final Duration DEFAULT_SILENCE = Duration.ofSeconds(300);

  /** Events requested per stream; Salesforce keeps at most 100 outstanding. */
  public static final int BATCH = 100;

  /** Fewer outstanding than this and the client asks for more (back up to {@link #BATCH}). */
  public static final int TOP_UP_BELOW = 50;

  public PubSubSettings {
    Objects.requireNonNull(host, "host");
    if (port < 1 || port > 65535) throw new IllegalArgumentException("port must be 1-65535");
    Objects.requireNonNull(silence, "silence");
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
  }

  public static PubSubSettings defaults() {
    return new PubSubSettings(
        DEFAULT_HOST,
        DEFAULT_PORT,
        false,
        null,
        DEFAULT_SILENCE,
        Duration.ofSeconds(1),
        Duration.ofSeconds(60));
  }

  /** Parses {@code host:port} (the port defaults to 7443). */
  public PubSubSettings withEndpoint(String endpoint) {
    String e = endpoint.trim();
    int colon = e.lastIndexOf(':');
    if (colon < 0)
      return new PubSubSettings(
          e, DEFAULT_PORT, plaintext, trustPem, silence, initialBackoff, maxBackoff);
    return new PubSubSettings(
        e.substring(0, colon),
        Integer.parseInt(e.substring(colon + 1)),
        plaintext,
        trustPem,
        silence,
        initialBackoff,
        maxBackoff);
  }

  public String endpoint() {
    return host + ":" + port;
  }
}
