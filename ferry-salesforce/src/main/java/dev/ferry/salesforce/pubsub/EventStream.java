package dev.ferry.salesforce.pubsub;

import com.google.protobuf.ByteString;
import dev.ferry.core.cdc.ChangeEvent;
import dev.ferry.core.cdc.ChangeStreamListener;
import dev.ferry.core.cdc.ChangeType;
import dev.ferry.core.cdc.ReplayFrom;
import dev.ferry.core.cdc.ReplayId;
import dev.ferry.core.cdc.StreamFailure;
import dev.ferry.core.error.SalesforceAuthException;
import dev.ferry.core.port.ChangeEventSource;
import dev.ferry.salesforce.pubsub.proto.ConsumerEvent;
import dev.ferry.salesforce.pubsub.proto.FetchRequest;
import dev.ferry.salesforce.pubsub.proto.FetchResponse;
import dev.ferry.salesforce.pubsub.proto.PubSubGrpc;
import dev.ferry.salesforce.pubsub.proto.ReplayPreset;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Subscribe stream kept alive: flow control (asks for {@link PubSubSettings#BATCH} events and
 * tops up when fewer than {@link PubSubSettings#TOP_UP_BELOW} remain outstanding), session renewal
 * on an auth error, re-opening from the last replay id seen after a drop (exponential backoff with
 * jitter) or after {@link PubSubSettings#silence} without a message. Errors that re-opening cannot
 * cure end it ({@link ChangeStreamListener#onFailed}).
 *
 * <p>Every transition happens under one lock; gRPC callbacks of a stream that was replaced are
 * ignored (each open is a new generation).
 */
final class EventStream implements ChangeEventSource.Subscription {
  private static final Logger log = LoggerFactory.getLogger(EventStream.class);

  /** A stream that has not failed this long after opening counts as subscribed. */
  private static final Duration CONFIRM_AFTER = Duration.ofMillis(750);

  private final PubSubClient client;
  private final String channel;
  private final ChangeStreamListener listener;
  private final Object lock = new Object();

  private ReplayFrom from;
  private boolean closed;
  private int generation;
  private @Nullable ClientCallStreamObserver<FetchRequest> requests;
  private @Nullable SessionCallCredentials credentials;
  private boolean confirmed;
  private boolean resumed;
  private int pending;
  private Instant lastHeard;
  private int failures;
  private boolean renewedSinceResponse;
  private @Nullable ScheduledFuture<?> watchdog;

  EventStream(PubSubClient client, String channel, ReplayFrom from, ChangeStreamListener listener) {
    this.client = client;
    this.channel = channel;
    this.from = from;
    this.listener = listener;
    this.lastHeard = client.now();
  }

  void start() {
    Duration every = client.settings().silence().dividedBy(4);
    if (every.compareTo(Duration.ofSeconds(5)) > 0) every = Duration.ofSeconds(5);
    long ms = Math.max(50, every.toMillis());
    watchdog =
        client
            .scheduler()
            .scheduleWithFixedDelay(this::checkSilence, ms, ms, TimeUnit.MILLISECONDS);
    open();
  }

  @Override
  public void close() {
    synchronized (lock) {
      if (closed) return;
      closed = true;
      generation++;
      if (watchdog != null) watchdog.cancel(false);
      cancelCall("closed by Ferry");
    }
    client.forget(this);
  }

  private void open() {
    synchronized (lock) {
      if (closed) return;
      int gen = ++generation;
      try {
        credentials = SessionCallCredentials.current(client.session());
      } catch (SalesforceAuthException e) {
        fail(new StreamFailure(StreamFailure.Reason.AUTH, e.getMessage(), null));
        return;
      } catch (RuntimeException e) {
        retryLater("could not log in to Salesforce: " + e.getMessage());
        return;
      }
      confirmed = false;
      resumed = from instanceof ReplayFrom.After;
      lastHeard = client.now();
      PubSubGrpc.newStub(client.channel())
          .withCallCredentials(credentials)
          .subscribe(new Responses(gen));
      ClientCallStreamObserver<FetchRequest> out = requests;
      if (out == null) return;
      FetchRequest.Builder first =
          FetchRequest.newBuilder().setTopicName(channel).setNumRequested(PubSubSettings.BATCH);
      switch (from) {
        case ReplayFrom.Latest l -> first.setReplayPreset(ReplayPreset.LATEST);
        case ReplayFrom.Earliest e -> first.setReplayPreset(ReplayPreset.EARLIEST);
        case ReplayFrom.After a ->
            first
                .setReplayPreset(ReplayPreset.CUSTOM)
                .setReplayId(ByteString.copyFrom(a.id().bytes()));
      }
      out.onNext(first.build());
      pending = PubSubSettings.BATCH;
      client
          .scheduler()
          .schedule(() -> confirm(gen), CONFIRM_AFTER.toMillis(), TimeUnit.MILLISECONDS);
      log.atDebug()
          .addKeyValue("channel", channel)
          .addKeyValue("from", describe(from))
          .log("pub/sub stream opened");
    }
  }

  /** The stream answered, or did not fail for a moment: it is subscribed. */
  private void confirm(int gen) {
    synchronized (lock) {
      if (closed || gen != generation || confirmed) return;
      confirmed = true;
      listener.onSubscribed(resumed);
    }
  }

  private void onResponse(int gen, FetchResponse r) {
    synchronized (lock) {
      if (closed || gen != generation) return;
      lastHeard = client.now();
      failures = 0;
      renewedSinceResponse = false;
      if (!confirmed) {
        confirmed = true;
        listener.onSubscribed(resumed);
      }
      for (ConsumerEvent e : r.getEventsList()) {
        ChangeEvent event = decode(e);
        from = ReplayFrom.after(event.replayId());
        listener.onEvent(event);
        if (closed) return;
      }
      if (r.getEventsCount() == 0 && !r.getLatestReplayId().isEmpty()) {
        ReplayId latest = ReplayId.of(r.getLatestReplayId().toByteArray());
        from = ReplayFrom.after(latest);
        listener.onKeepalive(latest);
        if (closed) return;
      }
      pending = r.getPendingNumRequested();
      if (pending < PubSubSettings.TOP_UP_BELOW && requests != null) {
        int more = PubSubSettings.BATCH - pending;
        requests.onNext(
            FetchRequest.newBuilder().setTopicName(channel).setNumRequested(more).build());
        pending = PubSubSettings.BATCH;
      }
    }
  }

  private ChangeEvent decode(ConsumerEvent e) {
    try {
      return client.decoder().decode(e);
    } catch (RuntimeException ex) {
      // Still a trigger: an event we cannot read means "something changed" -> a full poll.
      log.atWarn()
          .addKeyValue("channel", channel)
          .log("could not read a change event, polling the object instead: {}", ex.getMessage());
      return new ChangeEvent(
          "",
          ChangeType.OTHER,
          List.of(),
          client.now(),
          "",
          ReplayId.of(e.getReplayId().toByteArray()));
    }
  }

  private void onError(int gen, Throwable t) {
    synchronized (lock) {
      if (closed || gen != generation) return;
      requests = null;
      PubSubError error =
          PubSubError.classify(Status.fromThrowable(t), Status.trailersFromThrowable(t));
      switch (error.action()) {
        case FAIL -> fail(error.failure());
        case RENEW_SESSION -> renewAndReopen(error);
        case RETRY -> retryLater(error.message());
      }
    }
  }

  private void renewAndReopen(PubSubError error) {
    SessionCallCredentials used = credentials;
    if (renewedSinceResponse || used == null) {
      fail(
          new StreamFailure(
              StreamFailure.Reason.AUTH,
              "rejected after renewing the session: " + error.message(),
              error.code()));
      return;
    }
    renewedSinceResponse = true;
    try {
      client.session().renew(used.token());
    } catch (SalesforceAuthException e) {
      fail(new StreamFailure(StreamFailure.Reason.AUTH, e.getMessage(), error.code()));
      return;
    } catch (RuntimeException e) {
      retryLater("could not renew the Salesforce session: " + e.getMessage());
      return;
    }
    log.atInfo().addKeyValue("channel", channel).log("pub/sub session renewed; re-subscribing");
    open();
  }

  private void retryLater(String why) {
    failures++;
    Duration wait = backoff(failures);
    log.atInfo()
        .addKeyValue("channel", channel)
        .addKeyValue("attempt", failures)
        .addKeyValue("retry_in_ms", wait.toMillis())
        .log("pub/sub stream interrupted: {}", why);
    listener.onInterrupted(why, failures);
    int gen = ++generation; // callbacks of the dead call are ignored from now on
    client
        .scheduler()
        .schedule(
            () -> {
              synchronized (lock) {
                if (gen == generation) open();
              }
            },
            wait.toMillis(),
            TimeUnit.MILLISECONDS);
  }

  private void checkSilence() {
    synchronized (lock) {
      if (closed || requests == null) return;
      Duration quiet = Duration.between(lastHeard, client.now());
      if (quiet.compareTo(client.settings().silence()) <= 0) return;
      cancelCall("silent for " + quiet.toSeconds() + " s");
      retryLater("no message for " + quiet.toSeconds() + " s");
    }
  }

  private void fail(StreamFailure failure) {
    closed = true;
    generation++;
    if (watchdog != null) watchdog.cancel(false);
    cancelCall("failed");
    log.atWarn()
        .addKeyValue("channel", channel)
        .addKeyValue("reason", failure.reason())
        .log("pub/sub stream ended: {}", failure.message());
    listener.onFailed(failure);
    client.forget(this);
  }

  private void cancelCall(String why) {
    ClientCallStreamObserver<FetchRequest> r = requests;
    requests = null;
    if (r != null) {
      try {
        r.cancel(why, null);
      } catch (RuntimeException ignored) {
        // already finished
      }
    }
  }

  /** Exponential, capped, with equal jitter: a cluster's streams do not reconnect in step. */
  Duration backoff(int attempt) {
    long base = client.settings().initialBackoff().toMillis();
    long cap = client.settings().maxBackoff().toMillis();
    long exp = Math.min(cap, base << Math.min(20, Math.max(0, attempt - 1)));
    long half = exp / 2;
    return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
  }

  private static String describe(ReplayFrom from) {
    return switch (from) {
      case ReplayFrom.Latest l -> "LATEST";
      case ReplayFrom.Earliest e -> "EARLIEST";
      case ReplayFrom.After a -> "CUSTOM " + a.id().hex();
    };
  }

  private final class Responses implements ClientResponseObserver<FetchRequest, FetchResponse> {
    private final int gen;

    Responses(int gen) {
      this.gen = gen;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<FetchRequest> stream) {
      requests = stream; // called synchronously inside subscribe(), under the lock
    }

    @Override
    public void onNext(FetchResponse value) {
      onResponse(gen, value);
    }

    @Override
    public void onError(Throwable t) {
      EventStream.this.onError(gen, t);
    }

    @Override
    public void onCompleted() {
      synchronized (lock) {
        if (closed || gen != generation) return;
        requests = null;
        retryLater("the server ended the stream");
      }
    }
  }
}
