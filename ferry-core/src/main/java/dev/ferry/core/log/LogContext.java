package dev.ferry.core.log;

import java.util.HashMap;
import java.util.Map;
import org.slf4j.MDC;

/**
 * A try-with-resources MDC scope giving log lines their identity ({@code connection}, {@code
 * mapping}); closing restores what was there before, so scopes nest. The engine and the app both
 * use it, so every line of a unit of work carries the same keys.
 */
public final class LogContext implements AutoCloseable {
  private final Map<String, String> previous = new HashMap<>();

  private LogContext(Map<String, String> values) {
    values.forEach(this::put);
  }

  private void put(String key, String value) {
    if (!previous.containsKey(key)) previous.put(key, MDC.get(key));
    MDC.put(key, value);
  }

  /** Adds the connection to this scope once it is known (restored on close with the rest). */
  public LogContext andConnection(Object connectionId) {
    put("connection", String.valueOf(connectionId));
    return this;
  }

  /** The task with the calling thread's context, for a worker thread (which starts with none). */
  public static Runnable carried(Runnable task) {
    Map<String, String> context = MDC.getCopyOfContextMap();
    return () -> {
      if (context != null) MDC.setContextMap(context);
      task.run();
    };
  }

  public static LogContext with(String key, String value) {
    return new LogContext(Map.of(key, value));
  }

  public static LogContext connection(Object connectionId) {
    return with("connection", String.valueOf(connectionId));
  }

  public static LogContext mapping(Object mappingId) {
    return with("mapping", String.valueOf(mappingId));
  }

  @Override
  public void close() {
    previous.forEach((k, v) -> {
      if (v == null) MDC.remove(k);
      else MDC.put(k, v);
    });
  }
}
