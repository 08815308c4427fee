package dev.ferry.salesforce.limits;

import dev.ferry.core.sf.ApiUsage;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Counts every HTTP request the client sends, by kind, and keeps the newest org-wide API usage
 * Salesforce reported. Thread-safe; the engine's budget governor reads it.
 */
public final class ApiAccounting {
  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
  private final AtomicReference<ApiUsage> usage = new AtomicReference<>();
  private final Consumer<String> listener;

  public ApiAccounting() {
    this(kind -> {});
  }

  /** Also tells {@code listener} of every call counted (e.g. process-wide metrics). */
  public ApiAccounting(Consumer<String> listener) {
    this.listener = listener;
  }

  public void count(String kind) {
    counts.computeIfAbsent(kind, k -> new LongAdder()).increment();
    try {
      listener.accept(kind);
    } catch (RuntimeException e) {
      // counting must never fail a call
    }
  }

  /** Keeps the report unless a newer one is already known (responses can finish out of order). */
  public void observe(ApiUsage reported) {
    usage.accumulateAndGet(
        reported,
        (old, now) -> old == null || !now.observedAt().isBefore(old.observedAt()) ? now : old);
  }

  public Optional<ApiUsage> apiUsage() {
    return Optional.ofNullable(usage.get());
  }

  /** A sorted snapshot of call counts by kind. */
  public Map<String, Long> callCounts() {
    Map<String, Long> snapshot = new TreeMap<>();
    counts.forEach((k, v) -> snapshot.put(k, v.sum()));
    return snapshot;
  }

  public long total() {
    return counts.values().stream().mapToLong(LongAdder::sum).sum();
  }
}
