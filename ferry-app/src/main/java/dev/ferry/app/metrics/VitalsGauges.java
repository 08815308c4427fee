package dev.ferry.app.metrics;

import dev.ferry.core.control.Vitals;
import dev.ferry.core.store.Backlog;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * The gauges read from the stored {@link Vitals} (the same on every Ferry process): each mapping's
 * state and poll lag, each connection's state and trigger-log backlog. Rows of mappings and
 * connections that are gone disappear at the next update. Ages are computed at scrape time.
 */
final class VitalsGauges {
  private final InstantSource clock;
  private final MultiGauge mappingState;
  private final MultiGauge pollLag;
  private final MultiGauge connectionState;
  private final MultiGauge backlogEntries;
  private final MultiGauge backlogAge;

  VitalsGauges(MeterRegistry registry, InstantSource clock) {
    this.clock = clock;
    this.mappingState =
        MultiGauge.builder("ferry.mapping.state")
            .description("1 for the mapping's current state (Heroku Connect's state name)")
            .register(registry);
    this.pollLag =
        MultiGauge.builder("ferry.mapping.poll.lag")
            .baseUnit("seconds")
            .description(
                "Seconds between now and the SystemModstamp up to which the table holds"
                    + " Salesforce's data (the mapping's watermark)")
            .register(registry);
    this.connectionState =
        MultiGauge.builder("ferry.connection.state")
            .description("1 for the connection's current state")
            .register(registry);
    this.backlogEntries =
        MultiGauge.builder("ferry.trigger.log.entries")
            .description("Entries of the connection's _trigger_log waiting (NEW) or in flight")
            .register(registry);
    this.backlogAge =
        MultiGauge.builder("ferry.trigger.log.oldest.age")
            .baseUnit("seconds")
            .description("Age of the oldest NEW or PENDING _trigger_log entry (0 when none)")
            .register(registry);
  }

  void update(Vitals v) {
    List<MultiGauge.Row<?>> states = new ArrayList<>();
    List<MultiGauge.Row<?>> lags = new ArrayList<>();
    for (Vitals.MappingVitals m : v.mappings()) {
      Tags tags = Tags.of("mapping", m.id().toString(), "object", m.objectName());
      states.add(MultiGauge.Row.of(tags.and("state", m.state().name()), 1));
      Instant watermark = m.watermark();
      if (watermark != null) lags.add(MultiGauge.Row.of(tags, () -> secondsSince(watermark)));
    }
    mappingState.register(states, true);
    pollLag.register(lags, true);

    List<MultiGauge.Row<?>> connections = new ArrayList<>();
    List<MultiGauge.Row<?>> entries = new ArrayList<>();
    List<MultiGauge.Row<?>> ages = new ArrayList<>();
    for (Vitals.ConnectionVitals c : v.connections()) {
      Tags tags = Tags.of("connection", c.id().toString(), "schema", c.schemaName());
      connections.add(MultiGauge.Row.of(tags.and("name", c.name(), "state", c.state().name()), 1));
      Backlog b = c.backlog();
      if (b == null) continue;
      entries.add(MultiGauge.Row.of(tags.and("state", "NEW"), b.newEntries()));
      entries.add(MultiGauge.Row.of(tags.and("state", "PENDING"), b.pendingEntries()));
      Instant oldest = b.oldestCreatedAt();
      ages.add(MultiGauge.Row.of(tags, () -> oldest == null ? 0.0 : secondsSince(oldest)));
    }
    connectionState.register(connections, true);
    backlogEntries.register(entries, true);
    backlogAge.register(ages, true);
  }

  private double secondsSince(Instant t) {
    Duration d = Duration.between(t, clock.instant());
    return Math.max(0, d.toMillis() / 1000.0);
  }
}
