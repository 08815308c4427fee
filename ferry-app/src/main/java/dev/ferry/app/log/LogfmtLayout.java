package dev.ferry.app.log;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.LayoutBase;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.event.KeyValuePair;

/**
 * One logfmt line per event in Heroku Connect's shape (heroku-connect.md §8.4): {@code time=...
 * event="RELOAD TABLE contact" connection=<id> mapping=<id> state=RELOAD_TABLE logger=MappingRunner
 * level=info}. The MDC comes first (so every line of a mapping carries its ids), then the event's
 * key-values; a throwable becomes {@code error="..."} and {@code stack="..."} with escaped
 * newlines, so one event stays one line.
 */
public final class LogfmtLayout extends LayoutBase<ILoggingEvent> {
  /** MDC keys shown first, in this order; the rest follow sorted. */
  private static final List<String> LEADING_KEYS =
      List.of("connection", "mapping", "object_type", "object_id", "state");

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);

  @Override
  public String doLayout(ILoggingEvent event) {
    StringBuilder out = new StringBuilder(256);
    out.append("time=").append(TIME.format(Instant.ofEpochMilli(event.getTimeStamp())));
    out.append(" event=");
    Logfmt.value(out, event.getFormattedMessage(), true);
    // A key already written with the same value (the event, an id both in the MDC and in the
    // event's key-values) is not repeated.
    Map<String, String> written = new HashMap<>();
    written.put("event", event.getFormattedMessage());
    Map<String, String> mdc = event.getMDCPropertyMap();
    if (mdc != null && !mdc.isEmpty()) {
      List<String> keys = new ArrayList<>();
      LEADING_KEYS.stream().filter(mdc::containsKey).forEach(keys::add);
      mdc.keySet().stream().filter(k -> !LEADING_KEYS.contains(k)).sorted().forEach(keys::add);
      for (String k : keys) pair(out, written, k, mdc.get(k));
    }
    List<KeyValuePair> kvps = event.getKeyValuePairs();
    if (kvps != null) {
      for (KeyValuePair kv : kvps) pair(out, written, kv.key, String.valueOf(kv.value));
    }
    IThrowableProxy thrown = event.getThrowableProxy();
    if (thrown != null) {
      Logfmt.pair(out, "error", thrown.getClassName() + ": " + thrown.getMessage());
      Logfmt.pair(out, "stack", ThrowableProxyUtil.asString(thrown));
    }
    Logfmt.pair(out, "logger", shortName(event.getLoggerName()));
    Logfmt.pair(out, "level", event.getLevel().toString().toLowerCase(Locale.ROOT));
    return out.append('\n').toString();
  }

  private static void pair(
      StringBuilder out, Map<String, String> written, String key, String value) {
    if (value.equals(written.get(key))) return;
    written.put(key, value);
    Logfmt.pair(out, key, value);
  }

  private static String shortName(String logger) {
    int dot = logger.lastIndexOf('.');
    return dot < 0 ? logger : logger.substring(dot + 1);
  }
}
