package dev.ferry.salesforce.pubsub;

import dev.ferry.core.cdc.ChangeStreamListener;
import dev.ferry.core.cdc.ReplayFrom;
import dev.ferry.core.error.ConfigException;
import dev.ferry.core.port.ChangeEventSource;
import dev.ferry.salesforce.auth.Session;
import dev.ferry.salesforce.pubsub.proto.PubSubGrpc;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * {@link ChangeEventSource} over Salesforce's Pub/Sub API (gRPC, TLS unless {@link
 * PubSubSettings#plaintext}): one channel per org connection, opened on the first subscription,
 * with the connection's session for auth. Selecting an object goes through {@code selector} (a
 * Tooling API call on the REST side).
 */
public final class PubSubClient implements ChangeEventSource, AutoCloseable {
  private final PubSubSettings settings;
  private final Session session;
  private final InstantSource clock;
  private final Predicate<String> selector;
  private final Function<String, Optional<Boolean>> selection;
  private final Set<EventStream> streams = ConcurrentHashMap.newKeySet();
  private final EventDecoder decoder;
  private @Nullable ManagedChannel channel;
  private @Nullable ScheduledExecutorService scheduler;
  private boolean closed;

  public PubSubClient(
      PubSubSettings settings,
      Session session,
      InstantSource clock,
      Predicate<String> selector,
      Function<String, Optional<Boolean>> selection) {
    this.selection = selection;
    this.settings = settings;
    this.session = session;
    this.clock = clock;
    this.selector = selector;
    this.decoder =
        new EventDecoder(() ->
            PubSubGrpc.newBlockingStub(channel())
                .withCallCredentials(SessionCallCredentials.current(session))
                .withDeadlineAfter(30, TimeUnit.SECONDS));
  }

  @Override
  public Subscription subscribe(
      String channelName, ReplayFrom from, ChangeStreamListener listener) {
    EventStream s = new EventStream(this, channelName, from, listener);
    synchronized (this) {
      if (closed) throw new IllegalStateException("the Pub/Sub client is closed");
      streams.add(s);
    }
    s.start();
    return s;
  }

  @Override
  public boolean selectEntity(String objectName) {
    return selector.test(objectName);
  }

  @Override
  public Optional<Boolean> isSelected(String objectName) {
    return selection.apply(objectName);
  }

  /** Streams open now. */
  public int openStreams() {
    return streams.size();
  }

  @Override
  public void close() {
    ManagedChannel c;
    ScheduledExecutorService s;
    synchronized (this) {
      closed = true;
      c = channel;
      s = scheduler;
    }
    for (EventStream stream : streams.toArray(EventStream[]::new)) stream.close();
    if (c != null) c.shutdownNow();
    if (s != null) s.shutdownNow();
  }

  PubSubSettings settings() {
    return settings;
  }

  Session session() {
    return session;
  }

  EventDecoder decoder() {
    return decoder;
  }

  Instant now() {
    return clock.instant();
  }

  void forget(EventStream s) {
    streams.remove(s);
  }

  synchronized ScheduledExecutorService scheduler() {
    if (scheduler == null) {
      scheduler =
          Executors.newSingleThreadScheduledExecutor(
              Thread.ofPlatform().name("ferry-pubsub-timer").daemon(true).factory());
    }
    return scheduler;
  }

  synchronized ManagedChannel channel() {
    if (channel == null) channel = open(settings);
    return channel;
  }

  private static ManagedChannel open(PubSubSettings s) {
    NettyChannelBuilder b = NettyChannelBuilder.forAddress(s.host(), s.port());
    if (s.plaintext()) {
      b.usePlaintext();
    } else if (s.trustPem() != null) {
      try {
        b.sslContext(GrpcSslContexts.forClient().trustManager(s.trustPem().toFile()).build());
      } catch (SSLException | IllegalArgumentException e) {
        throw new ConfigException(
            "Pub/Sub trust certificates " + s.trustPem() + " are unusable: " + e.getMessage());
      }
    } else {
      b.useTransportSecurity();
    }
    // Events can reach 1 MB and a response may carry several: Salesforce caps a message at 4 MB.
    return b.maxInboundMessageSize(8 * 1024 * 1024).build();
  }
}
