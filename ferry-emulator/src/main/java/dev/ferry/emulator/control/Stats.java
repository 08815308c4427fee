package dev.ferry.emulator.control;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Counts of API calls by endpoint class, for {@code GET /__emulator/stats}. */
public final class Stats {
  private final Map<EndpointClass, AtomicLong> calls = new EnumMap<>(EndpointClass.class);

  public Stats() {
    for (EndpointClass c : EndpointClass.values()) {
      calls.put(c, new AtomicLong());
    }
  }

  public void count(EndpointClass c) {
    calls.get(c).incrementAndGet();
  }

  public Map<String, Long> snapshot() {
    Map<String, Long> out = new LinkedHashMap<>();
    for (Map.Entry<EndpointClass, AtomicLong> e : calls.entrySet()) {
      if (e.getKey() != EndpointClass.CONTROL) {
        out.put(e.getKey().wireName(), e.getValue().get());
      }
    }
    return out;
  }

  public void reset() {
    calls.values().forEach(a -> a.set(0));
  }
}
