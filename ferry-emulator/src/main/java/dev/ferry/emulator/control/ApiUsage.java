package dev.ferry.emulator.control;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The DailyApiRequests budget: every authenticated REST and Bulk call counts; when it is used up
 * calls get 403 REQUEST_LIMIT_EXCEEDED. The window is the emulator's lifetime (or since the last
 * reset) rather than a rolling 24 hours.
 */
public final class ApiUsage {
  private final AtomicLong used = new AtomicLong();
  private volatile long limit;

  public ApiUsage(long limit) {
    this.limit = limit;
  }

  /** Counts one call; false (and not counted) when the budget is already used up. */
  public boolean tryConsume() {
    while (true) {
      long u = used.get();
      if (u >= limit) {
        return false;
      }
      if (used.compareAndSet(u, u + 1)) {
        return true;
      }
    }
  }

  public long used() {
    return used.get();
  }

  public long limit() {
    return limit;
  }

  public long remaining() {
    return Math.max(0, limit - used.get());
  }

  public void setLimit(long limit) {
    this.limit = limit;
  }

  public void setUsed(long value) {
    used.set(value);
  }

  /** The Sforce-Limit-Info header value. */
  public String header() {
    return "api-usage=" + used.get() + "/" + limit;
  }
}
