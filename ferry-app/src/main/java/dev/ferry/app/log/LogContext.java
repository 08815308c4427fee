package dev.ferry.app.log;

import java.util.HashMap;
import java.util.Map;
import org.slf4j.MDC;

/**
 * A try-with-resources MDC scope giving log lines their identity ({@code connection}, {@code
 * mapping}); closing restores what was there before, so scopes nest.
 */
public final class LogContext implements AutoCloseable {
  private final Map<String, String> previous = new HashMap<>();

  private LogContext(Map<String, String> values) {
    values.forEach((k, v) -> {
      previous.put(k, MDC.get(k));
      MDC.put(k, v);
    });
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
