package dev.ferry.emulator.cdc;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * The org's event bus: published change events in order, each with a replay id, kept for the
 * retention period (72 h by default) on the emulator's clock. Replay ids grow but are not
 * contiguous (like Salesforce's, clients must not compute them). Subscribers register a wake-up to
 * hear of new events.
 */
public final class EventLog {
  /** One stored event. */
  public record Entry(
      long replayId,
      String channel,
      String schemaId,
      String eventId,
      byte[] payload,
      Instant storedAt,
      long storedNanos) {}

  private final InstantSource clock;
  private final Random steps;
  private final List<Entry> entries = new ArrayList<>();
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private volatile Duration retention;
  private long latest;
  private long trimmedUpTo;

  public EventLog(InstantSource clock, Duration retention, long seed) {
    this.clock = clock;
    this.retention = retention;
    this.steps = new Random(seed);
    this.latest = 1_000_000L + Math.floorMod(seed, 1000) * 1000L;
    this.trimmedUpTo = latest;
  }

  /** Stores an event and wakes the subscribers; returns its replay id. */
  public long append(String channel, String schemaId, String eventId, byte[] payload) {
    long id;
    synchronized (this) {
      trim();
      latest += 1 + steps.nextInt(3);
      id = latest;
      entries.add(
          new Entry(id, channel, schemaId, eventId, payload, clock.instant(), System.nanoTime()));
    }
    listeners.forEach(Runnable::run);
    return id;
  }

  /** Up to max events after replayId that pass the filter (oldest first). */
  public synchronized List<Entry> after(long replayId, Predicate<Entry> filter, int max) {
    trim();
    List<Entry> out = new ArrayList<>();
    int i = firstAfter(replayId);
    for (; i < entries.size() && out.size() < max; i++) {
      Entry e = entries.get(i);
      if (filter.test(e)) {
        out.add(e);
      }
    }
    return out;
  }

  private int firstAfter(long replayId) {
    int lo = 0;
    int hi = entries.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (entries.get(mid).replayId() <= replayId) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * Where an idle subscriber stands: the newest replay id when no event after its position passes
   * its filter (so a resume skips other entities' events), else its position unchanged.
   */
  public synchronized long positionIfNothingAfter(long position, Predicate<Entry> filter) {
    trim();
    for (int i = firstAfter(position); i < entries.size(); i++) {
      if (filter.test(entries.get(i))) {
        return position;
      }
    }
    return Math.max(position, latest);
  }

  /** The newest replay id handed out (LATEST subscriptions start after it). */
  public synchronized long latest() {
    return latest;
  }

  /** The position before the oldest retained event (EARLIEST subscriptions start after it). */
  public synchronized long earliest() {
    trim();
    return trimmedUpTo;
  }

  /**
   * Whether a client may resume after this replay id: it must have been handed out and must not lie
   * before events that retention has dropped.
   */
  public synchronized boolean resumable(long replayId) {
    trim();
    return replayId >= trimmedUpTo && replayId <= latest;
  }

  public synchronized int size() {
    trim();
    return entries.size();
  }

  public void retention(Duration retention) {
    this.retention = retention;
  }

  public Duration retention() {
    return retention;
  }

  /** Forgets every event (emulator reset); replay ids keep growing. */
  public synchronized void clear() {
    entries.clear();
    trimmedUpTo = latest;
  }

  public void onAppend(Runnable listener) {
    listeners.add(listener);
  }

  public void removeListener(Runnable listener) {
    listeners.remove(listener);
  }

  private void trim() {
    Instant horizon = clock.instant().minus(retention);
    int n = 0;
    while (n < entries.size() && entries.get(n).storedAt().isBefore(horizon)) {
      n++;
    }
    if (n > 0) {
      trimmedUpTo = entries.get(n - 1).replayId();
      entries.subList(0, n).clear();
    }
  }
}
