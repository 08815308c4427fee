package dev.ferry.emulator.bulk;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Knobs that chaos tests turn: failing or slowing the next internal batches, holding jobs in
 * InProgress, and the rolling 24-hour record limit.
 */
public final class BulkControls {
  private final InstantSource clock;
  private final long defaultDailyLimit;
  private long failBatches;
  private long slowBatches;
  private long slowBatchMillis;
  private boolean hold;
  private long dailyLimit;
  private final Deque<long[]> processed = new ArrayDeque<>(); // {epochMillis, records}

  public BulkControls(InstantSource clock, long dailyLimit) {
    this.clock = clock;
    this.defaultDailyLimit = dailyLimit;
    this.dailyLimit = dailyLimit;
  }

  public synchronized void failNextBatches(long count) {
    this.failBatches = count;
  }

  public synchronized void slowNextBatches(long count, Duration delay) {
    this.slowBatches = count;
    this.slowBatchMillis = delay.toMillis();
  }

  /** True when this batch attempt is to fail (consumes one). */
  synchronized boolean takeFailure() {
    if (failBatches > 0) {
      failBatches--;
      return true;
    }
    return false;
  }

  /** Extra processing time for this batch attempt, 0 for none (consumes one). */
  synchronized long takeDelayMillis() {
    if (slowBatches > 0) {
      slowBatches--;
      return slowBatchMillis;
    }
    return 0;
  }

  public synchronized long pendingFailures() {
    return failBatches;
  }

  public synchronized void hold(boolean on) {
    this.hold = on;
    notifyAll();
  }

  public synchronized boolean holding() {
    return hold;
  }

  /** Blocks while jobs are held in InProgress. */
  synchronized void awaitRelease() throws InterruptedException {
    while (hold) {
      wait();
    }
  }

  public synchronized void dailyLimit(long limit) {
    this.dailyLimit = limit;
  }

  public synchronized long dailyLimit() {
    return dailyLimit;
  }

  /** Records processed in the last 24 hours. */
  public synchronized long processedToday() {
    long horizon = clock.instant().minus(Duration.ofDays(1)).toEpochMilli();
    while (!processed.isEmpty() && processed.peekFirst()[0] < horizon) {
      processed.pollFirst();
    }
    long sum = 0;
    for (long[] e : processed) {
      sum += e[1];
    }
    return sum;
  }

  /** Reserves records against the daily limit; false when they would exceed it. */
  synchronized boolean reserve(long records) {
    if (processedToday() + records > dailyLimit) {
      return false;
    }
    processed.addLast(new long[] {clock.instant().toEpochMilli(), records});
    return true;
  }

  public synchronized void reset() {
    failBatches = 0;
    slowBatches = 0;
    slowBatchMillis = 0;
    hold = false;
    dailyLimit = defaultDailyLimit;
    processed.clear();
    notifyAll();
  }
}
