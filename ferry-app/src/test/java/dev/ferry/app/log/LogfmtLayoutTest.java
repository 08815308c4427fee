package dev.ferry.app.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import dev.ferry.core.log.LogContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

class LogfmtLayoutTest {
  private final LoggerContext context = new LoggerContext();
  private final LogfmtLayout layout = new LogfmtLayout();

  private LoggingEvent event(String message, Level level) {
    return event(message, level, Map.of());
  }

  private LoggingEvent event(String message, Level level, Map<String, String> mdc) {
    LoggingEvent e = new LoggingEvent();
    e.setLoggerContext(context);
    e.setLoggerName("dev.ferry.engine.runner.MappingRunner");
    e.setLevel(level);
    e.setMessage(message);
    e.setTimeStamp(1_700_000_000_123L);
    e.setMDCPropertyMap(mdc);
    return e;
  }

  @Test
  void herokuConnectShapeWithIdsFromTheMdc() {
    LoggingEvent e =
        event(
            "RELOAD TABLE contact",
            Level.INFO,
            Map.of("mapping", "m-1", "connection", "c-1", "state", "RELOAD_TABLE", "zeta", "z"));
    e.setKeyValuePairs(
        List.of(
            new KeyValuePair("event", "RELOAD TABLE contact"),
            new KeyValuePair("connection", "c-1"),
            new KeyValuePair("rows", 500),
            new KeyValuePair("note", "a b")));
    assertThat(layout.doLayout(e))
        .isEqualTo(
            "time=2023-11-14T22:13:20.123Z event=\"RELOAD TABLE contact\" connection=c-1"
                + " mapping=m-1 state=RELOAD_TABLE zeta=z rows=500 note=\"a b\""
                + " logger=MappingRunner level=info\n");
  }

  @Test
  void quotesEscapesAndKeepsOneEventOnOneLine() {
    LoggingEvent e = event("say \"hi\"\nthen=leave", Level.WARN);
    e.setThrowableProxy(
        new ch.qos.logback.classic.spi.ThrowableProxy(new IllegalStateException("boom\nbang")));
    String line = layout.doLayout(e);
    assertThat(line)
        .startsWith("time=2023-11-14T22:13:20.123Z event=\"say \\\"hi\\\"\\nthen=leave\"");
    assertThat(line).contains("error=\"java.lang.IllegalStateException: boom\\nbang\"");
    assertThat(line).contains("stack=\"java.lang.IllegalStateException: boom\\nbang\\n\\tat ");
    assertThat(line).endsWith(" logger=MappingRunner level=warn\n");
    assertThat(line.indexOf('\n')).isEqualTo(line.length() - 1);
  }

  @Test
  void contextScopesNestAndRestore() {
    try (LogContext c = LogContext.connection("c-1")) {
      try (LogContext m = LogContext.mapping("m-1")) {
        assertThat(org.slf4j.MDC.get("connection")).isEqualTo("c-1");
        assertThat(org.slf4j.MDC.get("mapping")).isEqualTo("m-1");
      }
      assertThat(org.slf4j.MDC.get("mapping")).isNull();
      try (LogContext other = LogContext.connection("c-2")) {
        assertThat(org.slf4j.MDC.get("connection")).isEqualTo("c-2");
      }
      assertThat(org.slf4j.MDC.get("connection")).isEqualTo("c-1");
    }
    assertThat(org.slf4j.MDC.get("connection")).isNull();
  }
}
