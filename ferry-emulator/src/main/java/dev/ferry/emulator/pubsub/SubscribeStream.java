package dev.ferry.emulator.pubsub;

import com.google.protobuf.ByteString;
import dev.ferry.emulator.cdc.ChangeDataCapture;
import dev.ferry.emulator.cdc.EntityChannels;
import dev.ferry.emulator.cdc.EventLog;
import dev.ferry.emulator.pubsub.proto.ConsumerEvent;
import dev.ferry.emulator.pubsub.proto.FetchRequest;
import dev.ferry.emulator.pubsub.proto.FetchResponse;
import dev.ferry.emulator.pubsub.proto.ProducerEvent;
import dev.ferry.emulator.pubsub.proto.ReplayPreset;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * One Subscribe call: reads FetchRequests (the first names the topic and where to start; each adds
 * to the events requested, at most 100 outstanding) and sends events from the log as they are
 * requested and due, an empty keepalive with the latest replay id when idle, and ends with a
 * Salesforce error on bad requests, an expired session, a spent delivery allocation or a drop.
 */
final class SubscribeStream implements StreamObserver<FetchRequest> {
  static final int MAX_PENDING = 100;

  /** Stay well under the 4 MB gRPC message limit. */
  private static final int MAX_RESPONSE_BYTES = 3 * 1024 * 1024;

  /** What an open subscription looks like to the controls. */
  record Info(
      String id, String topic, long replayId, int pending, long delivered, Instant openedAt) {}

  private final String id = UUID.randomUUID().toString();
  private final String rpcId;
  private final String token;
  private final ServerCallStreamObserver<FetchResponse> out;
  private final ChangeDataCapture cdc;
  private final PubSubServer.Callers verifier;
  private final ScheduledExecutorService scheduler;
  private final Duration keepalive;
  private final Runnable onClose;
  private final Runnable wakeUp = this::scheduleDrain;
  private final Instant openedAt;

  private @Nullable String topic;
  private @Nullable Predicate<EventLog.Entry> filter;
  private long position;
  private int pending;
  private long delivered;
  private long lastSentNanos = System.nanoTime();
  private boolean closed;
  private @Nullable ScheduledFuture<?> ticker;
  private @Nullable ScheduledFuture<?> delayedDrain;

  SubscribeStream(
      String rpcId,
      String token,
      ServerCallStreamObserver<FetchResponse> out,
      ChangeDataCapture cdc,
      PubSubServer.Callers verifier,
      ScheduledExecutorService scheduler,
      Duration keepalive,
      Instant openedAt,
      Runnable onClose) {
    this.rpcId = rpcId;
    this.token = token;
    this.out = out;
    this.cdc = cdc;
    this.verifier = verifier;
    this.scheduler = scheduler;
    this.keepalive = keepalive;
    this.openedAt = openedAt;
    this.onClose = onClose;
    out.setOnCancelHandler(this::cancelled);
  }

  String id() {
    return id;
  }

  synchronized Info info() {
    return new Info(id, topic == null ? "" : topic, position, pending, delivered, openedAt);
  }

  @Override
  public void onNext(FetchRequest request) {
    try {
      synchronized (this) {
        if (closed) {
          return;
        }
        if (!verifier.live(token)) {
          throw error(
              Status.Code.UNAUTHENTICATED, PubSubErrors.AUTH_ERROR, "session expired or invalid");
        }
        if (topic == null) {
          start(request);
        } else if (!request.getTopicName().isEmpty() && !request.getTopicName().equals(topic)) {
          throw error(
              Status.Code.INVALID_ARGUMENT,
              PubSubErrors.TOPIC_MISMATCH,
              "this stream is subscribed to " + topic + ", not " + request.getTopicName());
        }
        if (request.getNumRequested() <= 0) {
          throw error(
              Status.Code.INVALID_ARGUMENT,
              PubSubErrors.REQUESTED_INVALID,
              "num_requested must be positive, got " + request.getNumRequested());
        }
        pending = Math.min(MAX_PENDING, pending + request.getNumRequested());
      }
      scheduleDrain();
    } catch (StatusRuntimeException e) {
      fail(e);
    }
  }

  private void start(FetchRequest request) {
    String name = request.getTopicName();
    if (name.isEmpty()) {
      throw error(Status.Code.INVALID_ARGUMENT, PubSubErrors.TOPIC_EMPTY, "topic_name is required");
    }
    if (name.equals(EntityChannels.ALL_TOPIC)) {
      filter = e -> true;
    } else {
      String channel = EntityChannels.entityOfTopic(name);
      if (channel == null || cdc.objectOfChannel(channel) == null) {
        throw error(Status.Code.NOT_FOUND, PubSubErrors.TOPIC_NOT_FOUND, "no topic " + name);
      }
      filter = e -> e.channel().equalsIgnoreCase(channel);
    }
    EventLog log = cdc.log();
    ReplayPreset preset = request.getReplayPreset();
    position =
        switch (preset) {
          case EARLIEST -> log.earliest();
          case CUSTOM -> customStart(request.getReplayId(), log);
          default -> log.latest();
        };
    topic = name;
    log.onAppend(wakeUp);
    long period = Math.max(100, Math.min(1000, keepalive.toMillis()));
    ticker = scheduler.scheduleWithFixedDelay(this::tick, period, period, TimeUnit.MILLISECONDS);
  }

  private long customStart(ByteString replayId, EventLog log) {
    if (replayId.isEmpty()) {
      throw error(
          Status.Code.INVALID_ARGUMENT,
          PubSubErrors.REPLAY_VALIDATION,
          "replay_id is required with replay_preset CUSTOM");
    }
    OptionalLong id = ReplayIds.decode(replayId);
    if (id.isEmpty() || !log.resumable(id.getAsLong())) {
      throw error(
          Status.Code.INVALID_ARGUMENT,
          PubSubErrors.REPLAY_CORRUPTED,
          "The replay ID validation failed. Ensure that the replay ID is valid and within the"
              + " retention window.");
    }
    return id.getAsLong();
  }

  private void scheduleDrain() {
    scheduler.execute(this::drain);
  }

  /** Sends what is requested and due. */
  private void drain() {
    try {
      synchronized (this) {
        if (closed || topic == null || pending <= 0) {
          return;
        }
        List<EventLog.Entry> ready = cdc.log().after(position, filter, pending);
        long delayNanos = cdc.deliveryDelay().toNanos();
        long now = System.nanoTime();
        int due = 0;
        int bytes = 0;
        for (EventLog.Entry e : ready) {
          if (e.storedNanos() + delayNanos - now > 0
              || bytes + e.payload().length > MAX_RESPONSE_BYTES && due > 0) {
            break;
          }
          bytes += e.payload().length;
          due++;
        }
        if (due < ready.size()) {
          long wait = ready.get(due).storedNanos() + delayNanos - now;
          if (delayedDrain == null || delayedDrain.isDone()) {
            delayedDrain = scheduler.schedule(this::drain, Math.max(1, wait), TimeUnit.NANOSECONDS);
          }
        }
        if (due == 0) {
          return;
        }
        int allowed = cdc.allocation().take(due);
        if (allowed > 0) {
          send(ready.subList(0, allowed));
        }
        if (allowed < due) {
          throw error(
              Status.Code.RESOURCE_EXHAUSTED,
              PubSubErrors.LIMIT_EXCEEDED,
              "The org's daily event delivery allocation is used up.");
        }
        if (due < ready.size()) {
          scheduleDrain(); // more is ready beyond this response's size cap (or waits for its delay)
        }
      }
    } catch (StatusRuntimeException e) {
      fail(e);
    } catch (RuntimeException e) {
      fail(error(Status.Code.INTERNAL, "subscription.internal.error", e.toString()));
    }
  }

  private void send(List<EventLog.Entry> events) {
    FetchResponse.Builder r = FetchResponse.newBuilder().setRpcId(rpcId);
    for (EventLog.Entry e : events) {
      r.addEvents(
          ConsumerEvent.newBuilder()
              .setReplayId(ReplayIds.encode(e.replayId()))
              .setEvent(
                  ProducerEvent.newBuilder()
                      .setId(e.eventId())
                      .setSchemaId(e.schemaId())
                      .setPayload(ByteString.copyFrom(e.payload()))));
      position = e.replayId();
    }
    pending -= events.size();
    delivered += events.size();
    r.setLatestReplayId(ReplayIds.encode(position)).setPendingNumRequested(pending);
    out.onNext(r.build());
    lastSentNanos = System.nanoTime();
  }

  /** Ends streams whose session died; sends a keepalive when nothing was sent for a while. */
  private void tick() {
    try {
      synchronized (this) {
        if (closed) {
          return;
        }
        if (!verifier.live(token)) {
          throw error(
              Status.Code.UNAUTHENTICATED, PubSubErrors.AUTH_ERROR, "session expired or invalid");
        }
        if (System.nanoTime() - lastSentNanos < keepalive.toNanos()) {
          return;
        }
        position = cdc.log().positionIfNothingAfter(position, filter);
        out.onNext(
            FetchResponse.newBuilder()
                .setRpcId(rpcId)
                .setLatestReplayId(ReplayIds.encode(position))
                .setPendingNumRequested(pending)
                .build());
        lastSentNanos = System.nanoTime();
      }
    } catch (StatusRuntimeException e) {
      fail(e);
    } catch (RuntimeException e) {
      fail(error(Status.Code.INTERNAL, "subscription.internal.error", e.toString()));
    }
  }

  /** Ends the stream with an error status (drop, limits); no-op once closed. */
  void fail(StatusRuntimeException e) {
    synchronized (this) {
      if (closed) {
        return;
      }
      close();
    }
    try {
      out.onError(e);
    } catch (RuntimeException ignored) {
      // the call is already gone
    }
  }

  /** The server drops the stream, as a Salesforce restart would. */
  void drop() {
    fail(
        error(
            Status.Code.UNAVAILABLE,
            PubSubErrors.UNAVAILABLE,
            "The service is unavailable. Retry later."));
  }

  private StatusRuntimeException error(Status.Code code, String errorCode, String message) {
    return PubSubErrors.of(code, errorCode, message, rpcId);
  }

  @Override
  public void onError(Throwable t) {
    cancelled();
  }

  @Override
  public void onCompleted() {
    boolean wasOpen;
    synchronized (this) {
      wasOpen = !closed;
      close();
    }
    if (wasOpen) {
      out.onCompleted();
    }
  }

  private void cancelled() {
    synchronized (this) {
      close();
    }
  }

  private void close() {
    if (closed) {
      return;
    }
    closed = true;
    cdc.log().removeListener(wakeUp);
    if (ticker != null) {
      ticker.cancel(false);
    }
    if (delayedDrain != null) {
      delayedDrain.cancel(false);
    }
    onClose.run();
  }
}
