package dev.ferry.app.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RecentLogsTest {

  @Test
  void keepsTheNewestLinesWithoutStackTraces() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    RecentLogs logs = new RecentLogs(3);
    logs.setContext(context);
    logs.start();
    var logger = context.getLogger("dev.ferry.engine.Sample");
    for (int i = 1; i <= 5; i++) {
      logs.doAppend(new LoggingEvent("x", logger, Level.INFO, "line " + i, null, null));
    }
    logs.doAppend(
        new LoggingEvent(
            "x", logger, Level.WARN, "failed", new IllegalStateException("boom"), null));
    List<RecentLogs.Line> lines = logs.lines(10);
    assertThat(lines).hasSize(3);
    assertThat(lines).extracting(RecentLogs.Line::seq).containsExactly(4L, 5L, 6L);
    assertThat(lines.get(0).text()).contains("event=\"line 4\"").contains("level=info");
    assertThat(lines.get(2).level()).isEqualTo("warn");
    assertThat(lines.get(2).text())
        .contains("error=\"java.lang.IllegalStateException: boom\"")
        .doesNotContain("stack=")
        .contains("logger=Sample");
    assertThat(logs.lines(1)).extracting(RecentLogs.Line::seq).containsExactly(6L);
  }

  @Test
  void theProcessHasOneBufferOnTheRootLogger() {
    RecentLogs a = RecentLogs.install();
    assertThat(RecentLogs.install()).isSameAs(a);
    LoggerFactory.getLogger("dev.ferry.app.Sample").info("seen by the dashboard");
    assertThat(a.lines(5)).anyMatch(l -> l.text().contains("seen by the dashboard"));
  }
}
