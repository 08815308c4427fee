package dev.ferry.app.metrics;

import dev.ferry.core.control.FerryService;
import dev.ferry.core.event.SyncEvents;
import dev.ferry.salesforce.CallListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The metrics of one {@code ferry serve} process, in Prometheus' text format ({@link #scrape()}):
 * the engine's events ({@link #syncEvents()}), Salesforce API calls by kind ({@link #apiCalls()}),
 * the stored state of every mapping and connection (read through {@link FerryService#vitals()},
 * cached a few seconds), the connection pool (HikariCP binds itself to {@link #registry()}) and JVM
 * basics. {@code docs/metrics.md} lists them all.
 */
public final class FerryMetrics implements AutoCloseable {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private final VitalsCache vitals;
  private final VitalsGauges gauges;
  private final SyncEvents events;
  private final Map<String, Counter> apiCalls = new ConcurrentHashMap<>();

  public FerryMetrics(InstantSource clock) {
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new JvmInfoMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    this.vitals = new VitalsCache(clock);
    this.gauges = new VitalsGauges(registry, clock);
    this.events = new MetricsSyncEvents(registry, vitals::objectName);
  }

  /** The registry (HikariCP: {@code HikariConfig.setMetricRegistry}). */
  public MeterRegistry registry() {
    return registry;
  }

  /** The engine's listener. */
  public SyncEvents syncEvents() {
    return events;
  }

  /** Counts every Salesforce request, by kind, in {@code ferry_salesforce_api_calls_total}. */
  public CallListener apiCalls() {
    return kind ->
        apiCalls
            .computeIfAbsent(
                kind,
                k ->
                    Counter.builder("ferry.salesforce.api.calls")
                        .description("HTTP requests sent to Salesforce, by kind")
                        .tag("kind", k)
                        .register(registry))
            .increment();
  }

  /** Once the engine runs: the stored state the gauges show. */
  public void bind(FerryService service) {
    vitals.bind(service);
  }

  /** Prometheus text format (0.0.4), the stored-state gauges refreshed first when stale. */
  public String scrape() {
    vitals.get().ifPresent(gauges::update);
    return registry.scrape();
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
