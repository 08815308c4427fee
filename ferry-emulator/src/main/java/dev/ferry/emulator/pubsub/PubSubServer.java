package dev.ferry.emulator.pubsub;

import dev.ferry.emulator.cdc.ChangeDataCapture;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptors;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The Pub/Sub API endpoint: gRPC over HTTP/2 on its own port, TLS with a self-signed loopback
 * certificate made at start (or plaintext, for tests and clients that offer it).
 */
public final class PubSubServer implements AutoCloseable {
  private final Server server;
  private final PubSubService service;
  private final ScheduledExecutorService scheduler;
  private final @Nullable LoopbackCertificate certificate;
  private volatile Duration keepalive;

  private PubSubServer(
      Server server,
      PubSubService service,
      ScheduledExecutorService scheduler,
      @Nullable LoopbackCertificate certificate) {
    this.server = server;
    this.service = service;
    this.scheduler = scheduler;
    this.certificate = certificate;
  }

  /** What the org says about a caller's {@code accesstoken} and {@code tenantid}. */
  public interface Callers {
    /** Empty when the token is live and belongs to the tenant; otherwise why not. */
    java.util.Optional<String> refuse(String accessToken, String tenantId);

    /** Whether the token is still live, without counting as activity. */
    boolean live(String accessToken);
  }

  /** Binds host:port (0: a free port) and serves. */
  public static PubSubServer start(
      String host,
      int port,
      boolean plaintext,
      Duration keepalive,
      ChangeDataCapture cdc,
      Callers callers,
      Supplier<String> orgId,
      InstantSource clock) {
    ScheduledExecutorService scheduler =
        Executors.newScheduledThreadPool(
            2, Thread.ofPlatform().name("pubsub-", 0).daemon().factory());
    LoopbackCertificate cert = plaintext ? null : LoopbackCertificate.create();
    ServerCredentials creds =
        plaintext
            ? InsecureServerCredentials.create()
            : TlsServerCredentials.newBuilder()
                .keyManager(cert.keyManagers().getKeyManagers())
                .build();
    PubSubServer[] self = new PubSubServer[1];
    PubSubService service =
        new PubSubService(cdc, callers, orgId, scheduler, () -> self[0].keepalive, clock);
    Server server =
        NettyServerBuilder.forAddress(new InetSocketAddress(host, port), creds)
            .addService(ServerInterceptors.intercept(service, new PubSubAuth(callers)))
            .build();
    try {
      server.start();
    } catch (IOException e) {
      scheduler.shutdownNow();
      throw new UncheckedIOException(
          "cannot listen for Pub/Sub on " + host + ":" + port + ": " + e.getMessage(), e);
    }
    self[0] = new PubSubServer(server, service, scheduler, cert);
    self[0].keepalive = keepalive;
    return self[0];
  }

  public int port() {
    return server.getPort();
  }

  public boolean tls() {
    return certificate != null;
  }

  /** The server certificate in PEM (null in plaintext mode). */
  public @Nullable String certificatePem() {
    return certificate == null ? null : certificate.pem();
  }

  /** Interval of keepalive responses on idle streams (applies to streams opened later). */
  public Duration keepalive() {
    return keepalive;
  }

  public void keepalive(Duration interval) {
    if (interval.isZero() || interval.isNegative()) {
      throw new IllegalArgumentException("keepalive must be positive");
    }
    this.keepalive = interval;
  }

  /** Open subscriptions, oldest first. */
  public List<Subscription> subscriptions() {
    return service.subscriptions().stream()
        .map(i ->
            new Subscription(
                i.id(), i.topic(), i.replayId(), i.pending(), i.delivered(), i.openedAt()))
        .toList();
  }

  /** Ends every open subscription with UNAVAILABLE; returns how many. */
  public int dropAll() {
    return service.dropAll();
  }

  /** An open subscription as the controls list it. */
  public record Subscription(
      String id,
      String topic,
      long replayId,
      int pendingNumRequested,
      long delivered,
      java.time.Instant openedAt) {}

  @Override
  public void close() {
    service.dropAll();
    server.shutdownNow();
    scheduler.shutdownNow();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
