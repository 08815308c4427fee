package dev.ferry.emulator.org;

import dev.ferry.emulator.soql.SoqlResult;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Open REST query cursors ("query locators"). A locator is {@code 01g…-offset}; cursors expire
 * after being idle for the configured time, and each user holds at most {@link #MAX_OPEN} (the
 * oldest is dropped, as Salesforce does).
 */
public final class QueryCursors {
  public static final int MAX_OPEN = 10;

  private final InstantSource clock;
  private final Duration idleTtl;
  private final IdGenerator ids;
  private final LinkedHashMap<String, Cursor> cursors = new LinkedHashMap<>();

  /** A query's result and how it is paged. */
  public static final class Cursor {
    final String id;
    final SoqlResult result;
    final int batchSize;
    final String userId;
    Instant lastAccess;

    Cursor(String id, SoqlResult result, int batchSize, String userId, Instant now) {
      this.id = id;
      this.result = result;
      this.batchSize = batchSize;
      this.userId = userId;
      this.lastAccess = now;
    }

    public String id() {
      return id;
    }

    public SoqlResult result() {
      return result;
    }

    public int batchSize() {
      return batchSize;
    }
  }

  public QueryCursors(InstantSource clock, Duration idleTtl, long seed) {
    this.clock = clock;
    this.idleTtl = idleTtl;
    this.ids = new IdGenerator(seed + 1);
  }

  public synchronized Cursor open(SoqlResult result, int batchSize, String userId) {
    expire();
    long open = cursors.values().stream().filter(c -> c.userId.equals(userId)).count();
    if (open >= MAX_OPEN) {
      Iterator<Map.Entry<String, Cursor>> it = cursors.entrySet().iterator();
      while (it.hasNext()) {
        if (it.next().getValue().userId.equals(userId)) {
          it.remove();
          break;
        }
      }
    }
    Cursor c = new Cursor(ids.next("01g"), result, batchSize, userId, clock.instant());
    cursors.put(c.id, c);
    return c;
  }

  public synchronized Optional<Cursor> get(String id) {
    expire();
    Cursor c = cursors.get(id);
    if (c != null) {
      c.lastAccess = clock.instant();
    }
    return Optional.ofNullable(c);
  }

  public synchronized void close(String id) {
    cursors.remove(id);
  }

  public synchronized void clear() {
    cursors.clear();
  }

  private void expire() {
    Instant horizon = clock.instant().minus(idleTtl);
    cursors.values().removeIf(c -> c.lastAccess.isBefore(horizon));
  }
}
