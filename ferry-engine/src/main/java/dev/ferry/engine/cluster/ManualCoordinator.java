package dev.ferry.engine.cluster;

import dev.ferry.core.id.MappingId;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * A coordinator that runs nothing by itself: tests (and tools) call {@link #runDue()} to run what
 * is due at the injected clock's now, or {@link #runMapping} to run one mapping at once, on the
 * calling thread. Deterministic: with a settable clock, time moves only when the test moves it.
 */
public final class ManualCoordinator implements Coordinator {
  private final InstantSource clock;
  private final AtomicReference<@Nullable Work> work = new AtomicReference<>();
  private final Map<MappingId, Instant> mappings = new ConcurrentHashMap<>();
  private final Map<MappingId, java.util.NavigableSet<Instant>> secondaries =
      new ConcurrentHashMap<>();

  public ManualCoordinator(InstantSource clock) {
    this.clock = clock;
  }

  /** Set by the engine when it starts. */
  public void bind(Work w) {
    work.set(w);
  }

  @Override
  public void ensureScheduled(MappingId id) {
    mappings.putIfAbsent(id, clock.instant());
  }

  @Override
  public boolean trigger(MappingId id) {
    mappings.put(id, clock.instant());
    return true;
  }

  @Override
  public void secondaryDue(MappingId id, Instant at, Duration batch) {
    secondaries
        .computeIfAbsent(id, k -> new java.util.concurrent.ConcurrentSkipListSet<>())
        .add(at);
  }

  @Override
  public void start() {}

  @Override
  public void stop() {}

  /** When the mapping runs next (null: not scheduled). */
  public @Nullable Instant nextRun(MappingId id) {
    return mappings.get(id);
  }

  /** Runs the mapping now, whatever its schedule; returns its next run. */
  public @Nullable Instant runMapping(MappingId id) {
    Instant next = requireWork().runMapping(id);
    if (next == null) mappings.remove(id);
    else mappings.put(id, next);
    return next;
  }

  /** Runs the mapping's due secondary polls now (like db-scheduler, one run per due batch). */
  public @Nullable Instant runSecondaries(MappingId id) {
    java.util.NavigableSet<Instant> due = secondaries.get(id);
    if (due != null) due.headSet(clock.instant(), true).clear();
    Instant next = requireWork().runSecondaries(id);
    if (next != null) secondaryDue(id, next, Duration.ZERO);
    return next;
  }

  /**
   * Runs every mapping and secondary poll due at the clock's now, once each (in due order); returns
   * how many ran.
   */
  public int runDue() {
    Instant now = clock.instant();
    int ran = 0;
    for (MappingId id : due(mappings, now)) {
      runMapping(id);
      ran++;
    }
    for (Map.Entry<MappingId, java.util.NavigableSet<Instant>> e : secondaries.entrySet()) {
      if (e.getValue().isEmpty() || e.getValue().first().isAfter(now)) continue;
      runSecondaries(e.getKey());
      ran++;
    }
    return ran;
  }

  /** Runs due work again and again while something is due now (at most {@code maxRounds}). */
  public int runUntilIdle(int maxRounds) {
    int total = 0;
    for (int i = 0; i < maxRounds; i++) {
      int ran = runDue();
      if (ran == 0) break;
      total += ran;
    }
    return total;
  }

  public void housekeeping() {
    requireWork().housekeeping();
  }

  private static List<MappingId> due(Map<MappingId, Instant> schedule, Instant now) {
    List<Map.Entry<MappingId, Instant>> entries = new ArrayList<>(schedule.entrySet());
    entries.sort(Map.Entry.comparingByValue());
    List<MappingId> out = new ArrayList<>();
    for (Map.Entry<MappingId, Instant> e : entries)
      if (!e.getValue().isAfter(now)) out.add(e.getKey());
    return out;
  }

  private Work requireWork() {
    Work w = work.get();
    if (w == null) throw new IllegalStateException("the engine has not started this coordinator");
    return w;
  }
}
