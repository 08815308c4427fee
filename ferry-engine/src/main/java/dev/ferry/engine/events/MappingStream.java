package dev.ferry.engine.events;

import dev.ferry.core.cdc.CdcStatus;
import dev.ferry.core.cdc.ChangeEvent;
import dev.ferry.core.cdc.ChangeStreamListener;
import dev.ferry.core.cdc.ReplayFrom;
import dev.ferry.core.cdc.ReplayId;
import dev.ferry.core.cdc.StreamFailure;
import dev.ferry.core.id.MappingId;
import dev.ferry.core.port.ChangeEventSource;
import dev.ferry.core.store.Mapping;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One mapping's change-event stream, as a trigger: events are gathered for a short debounce, then
 * their record ids are read back from Salesforce, the resume position is stored, and the mapping's
 * window poll is run early. Gap events are re-read like any other; GAP_OVERFLOW, wildcard ids and
 * unreadable events only run the poll. Final stream failures are handled here: an invalid replay id
 * restarts at LATEST with an immediate poll; an object that is not selected is selected through the
 * Tooling API when the connection allows it; anything else falls back to polling, says so, and is
 * tried again later.
 */
final class MappingStream implements ChangeStreamListener {
  private static final Logger log = LoggerFactory.getLogger(MappingStream.class);

  private final StreamContext ctx;
  private final ConnectionStreams owner;
  private final Mapping mapping;
  private final String channel;
  private final Object lock = new Object();

  private @Nullable ChangeEventSource source;
  private ChangeEventSource.@Nullable Subscription subscription;
  private CdcStatus status = CdcStatus.STARTING;
  private @Nullable Instant retryAt;
  private boolean selectTried;
  private boolean closed;

  // gathered since the last flush
  private final Set<String> ids = new LinkedHashSet<>();
  private boolean fullPoll;
  private int events;
  private @Nullable ReplayId lastReplay;
  private @Nullable Instant newestCommit;
  private @Nullable Instant lastEventAt;
  private boolean flushQueued;

  MappingStream(StreamContext ctx, ConnectionStreams owner, Mapping mapping) {
    this.ctx = ctx;
    this.owner = owner;
    this.mapping = mapping;
    this.channel = ChangeEventSource.channelOf(mapping.objectName());
  }

  MappingId id() {
    return mapping.id();
  }

  /** Subscribes from the stored replay id (LATEST when there is none). */
  void open(@Nullable ChangeEventSource source) {
    synchronized (lock) {
      if (closed) return;
      retryAt = null;
      this.source = source;
      if (source == null) {
        fallback("this Salesforce client cannot subscribe to change events", null);
        return;
      }
      if (!selected(source)) return;
      ReplayId stored = ctx.cdc().find(mapping.id()).map(s -> s.replayId()).orElse(null);
      ReplayFrom from = stored == null ? ReplayFrom.latest() : ReplayFrom.after(stored);
      setStatus(
          CdcStatus.STARTING,
          stored == null ? "subscribing at LATEST" : "resuming after " + stored.hex());
      subscribe(from);
    }
  }

  /** False (and handled) when the object is known not to be selected for Change Data Capture. */
  private boolean selected(ChangeEventSource source) {
    java.util.Optional<Boolean> selected;
    try {
      selected = source.isSelected(mapping.objectName());
    } catch (RuntimeException e) {
      selected = java.util.Optional.empty(); // the stream will tell
    }
    if (selected.orElse(true)) return true;
    onFailed(
        new StreamFailure(
            StreamFailure.Reason.NOT_SELECTED,
            "no PlatformEventChannelMember selects " + mapping.objectName(),
            null));
    return false;
  }

  private void subscribe(ReplayFrom from) {
    try {
      subscription = source.subscribe(channel, from, this);
    } catch (RuntimeException e) {
      fallback("could not subscribe: " + e.getMessage(), null);
    }
  }

  /** True when the stream ended and its retry is due (the supervisor re-opens it). */
  boolean retryDue(Instant now) {
    synchronized (lock) {
      return !closed && retryAt != null && !now.isBefore(retryAt);
    }
  }

  void close() {
    ChangeEventSource.Subscription s;
    synchronized (lock) {
      closed = true;
      s = subscription;
      subscription = null;
    }
    if (s != null) s.close();
  }

  // ---- the stream's callbacks (on the client's thread: short)

  @Override
  public void onSubscribed(boolean resumed) {
    synchronized (lock) {
      if (closed) return;
      setStatus(CdcStatus.LISTENING, null);
    }
    // Started at LATEST: changes made before the stream existed were not announced.
    if (!resumed) ctx.catchUpPoll(mapping.id());
  }

  @Override
  public void onEvent(ChangeEvent e) {
    synchronized (lock) {
      if (closed) return;
      if (e.needsFullPoll()) fullPoll = true;
      else ids.addAll(e.recordIds());
      events++;
      lastReplay = e.replayId();
      lastEventAt = ctx.clock().instant();
      if (newestCommit == null || e.commitTimestamp().isAfter(newestCommit)) {
        newestCommit = e.commitTimestamp();
      }
      if (!flushQueued) {
        flushQueued = true;
        ctx.scheduler()
            .schedule(this::flushSafely, ctx.config().debounce().toMillis(), TimeUnit.MILLISECONDS);
      }
    }
  }

  @Override
  public void onKeepalive(ReplayId latest) {
    synchronized (lock) {
      if (closed || flushQueued) return; // a pending flush stores a newer position
    }
    ctx.scheduler().execute(() -> store(() -> ctx.cdc().advance(mapping.id(), latest, 0, null)));
  }

  @Override
  public void onInterrupted(String why, int failures) {
    synchronized (lock) {
      if (closed) return;
      if (failures >= ctx.config().fallbackAfter()) {
        if (status != CdcStatus.FALLBACK) fallback("Pub/Sub API unreachable: " + why, null);
      } else if (status != CdcStatus.FALLBACK) {
        setStatus(CdcStatus.STARTING, "reconnecting: " + why);
      }
    }
  }

  @Override
  public void onFailed(StreamFailure f) {
    synchronized (lock) {
      if (closed) return;
      subscription = null;
      switch (f.reason()) {
        case REPLAY_ID_INVALID -> {
          log.atWarn()
              .addKeyValue("mapping", mapping.id())
              .log("stored replay id refused ({}); restarting at LATEST and polling", f.message());
          store(() -> ctx.cdc().forgetReplay(mapping.id()));
          setStatus(CdcStatus.STARTING, "replay id refused; subscribing at LATEST");
          subscribe(ReplayFrom.latest()); // onSubscribed(false) runs the catch-up poll
        }
        case NOT_SELECTED -> {
          if (!selectTried && owner.maySelectEntities()) {
            selectTried = true;
            ctx.selectAsync(this, source, mapping.objectName());
          } else {
            fallback(
                mapping.objectName()
                    + " is not selected for Change Data Capture ("
                    + f.message()
                    + "); select it in Setup > Change Data Capture, or allow Ferry to select it"
                    + " (connection feature "
                    + ConnectionStreams.SELECT_FEATURE
                    + ")",
                f);
          }
        }
        case NO_PERMISSION ->
            fallback(
                "the connection's user may not subscribe to " + channel + ": " + f.message(), f);
        case ALLOCATION_SPENT ->
            fallback("the org's daily event-delivery allocation is spent: " + f.message(), f);
        case AUTH -> fallback("Salesforce refused the session: " + f.message(), f);
        case UNREACHABLE, OTHER -> fallback("change events unavailable: " + f.message(), f);
      }
    }
  }

  /** After a Tooling API selection: subscribe again, or fall back. */
  void selected(boolean ok, @Nullable String error) {
    synchronized (lock) {
      if (closed) return;
      if (ok) {
        log.atInfo()
            .addKeyValue("mapping", mapping.id())
            .log("selected {} for Change Data Capture; subscribing", mapping.objectName());
        setStatus(
            CdcStatus.STARTING, "selected " + mapping.objectName() + " for Change Data Capture");
        subscribe(ReplayFrom.latest());
      } else {
        fallback(
            "could not select " + mapping.objectName() + " for Change Data Capture: " + error,
            null);
      }
    }
  }

  // ---- gathering and flushing

  private void flushSafely() {
    ctx.worker().execute(this::flush);
  }

  private void flush() {
    List<String> batch;
    boolean poll;
    int n;
    ReplayId replay;
    Instant commit;
    Instant eventAt;
    synchronized (lock) {
      batch = new ArrayList<>(ids);
      poll = fullPoll;
      n = events;
      replay = lastReplay;
      commit = newestCommit;
      eventAt = lastEventAt;
      ids.clear();
      fullPoll = false;
      events = 0;
      newestCommit = null;
      flushQueued = false;
      if (closed && n == 0) return;
    }
    if (n == 0 || replay == null) return;
    ctx.events().changeEventsReceived(mapping.id(), n);
    try {
      if (!batch.isEmpty()) {
        long changed = owner.reread(mapping, batch);
        Duration latency = Duration.between(commit, ctx.clock().instant());
        ctx.events().changeEventApplied(mapping.id(), latency);
        store(() -> ctx.cdc().latency(mapping.id(), latency));
        log.atDebug()
            .addKeyValue("mapping", mapping.id())
            .addKeyValue("ids", batch.size())
            .addKeyValue("changed", changed)
            .addKeyValue("latency_ms", latency.toMillis())
            .log("change events applied");
      }
    } catch (RuntimeException e) {
      log.atWarn()
          .addKeyValue("mapping", mapping.id())
          .log("reading changed records back failed ({}); the poll catches up", e.toString());
    }
    // the window poll runs early too, once the safety lag has passed over the change (for
    // overflow and wildcards it is the only read)
    ctx.pollAfterLag(mapping.id());
    store(() -> ctx.cdc().advance(mapping.id(), replay, n, eventAt));
  }

  // ---- status

  private void fallback(String reason, @Nullable StreamFailure f) {
    boolean changed = status != CdcStatus.FALLBACK;
    setStatus(CdcStatus.FALLBACK, reason);
    retryAt = ctx.clock().instant().plus(ctx.retryFallbackAfter());
    if (changed) {
      log.atWarn()
          .addKeyValue("mapping", mapping.id())
          .addKeyValue("reason", f == null ? null : f.reason())
          .log(
              "change events off for {}, polling every {} s: {}",
              mapping.objectName(),
              mapping.config().sfPollingSeconds(),
              reason);
      store(() ->
          ctx.stores()
              .notifications()
              .add(
                  mapping.connectionId(),
                  mapping.id(),
                  "change_events_unavailable",
                  "Change events for "
                      + mapping.objectName()
                      + " are unavailable; polling every "
                      + mapping.config().sfPollingSeconds()
                      + " s instead: "
                      + reason));
      ctx.catchUpPoll(mapping.id()); // back to the regular cadence at once
    }
  }

  private void setStatus(CdcStatus to, @Nullable String reason) {
    CdcStatus from = status;
    status = to;
    store(() ->
        ctx.cdc().status(mapping.id(), channel, to, reason, owner.holder(), ctx.clock().instant()));
    if (from != to) ctx.events().changeStreamStatus(mapping.id(), to, reason);
  }

  private void store(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      log.atWarn()
          .addKeyValue("mapping", mapping.id())
          .log("could not store change-event state: {}", e.toString());
    }
  }
}
