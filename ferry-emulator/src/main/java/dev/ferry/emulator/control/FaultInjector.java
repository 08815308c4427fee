package dev.ferry.emulator.control;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;

/** The active fault rules; decides per request whether it fails. Seeded, so runs repeat. */
public final class FaultInjector {
  private final List<FaultRule> rules = new CopyOnWriteArrayList<>();
  private final SplittableRandom random;

  public FaultInjector(long seed) {
    this.random = new SplittableRandom(seed ^ 0x5DEECE66DL);
  }

  public void add(List<FaultRule> newRules) {
    rules.addAll(newRules);
  }

  public void clear() {
    rules.clear();
  }

  public List<FaultRule> rules() {
    return List.copyOf(rules);
  }

  /**
   * The fault this request gets: latency is applied by the caller; a status of 0 means latency
   * only. Empty when the request passes untouched.
   */
  public Optional<FaultRule> decide(EndpointClass endpoint) {
    for (FaultRule r : rules) {
      if (!r.matches(endpoint) || r.exhausted()) {
        continue;
      }
      double draw;
      synchronized (random) {
        draw = random.nextDouble();
      }
      if (draw < r.rate() && r.take()) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
