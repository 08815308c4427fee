package dev.ferry.app.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * Applies the configured log format and level once the configuration is resolved (logback.xml gives
 * logfmt at INFO until then). Logs go to standard error; standard output stays for command output.
 */
public final class LogSetup {
  /** Libraries that are chatty at INFO. */
  private static final Map<String, Level> QUIET =
      Map.of(
          "org.eclipse.jetty", Level.WARN,
          "io.javalin", Level.WARN,
          "com.zaxxer.hikari", Level.WARN,
          "org.flywaydb", Level.WARN,
          "io.zonky", Level.WARN,
          "com.github.kagkarlsson", Level.WARN);

  /** The console appender's name (also in logback.xml). */
  static final String APPENDER = "STDERR";

  private LogSetup() {}

  public static void apply(LogFormat format, LogLevel level) {
    apply(format, level, null);
  }

  /** Like {@link #apply(LogFormat, LogLevel)}, writing to {@code file} instead of stderr. */
  public static void apply(LogFormat format, LogLevel level, @Nullable Path file) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) return;
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    // Replace only the console appender: others (a test's capture, a file) keep working.
    var previous = root.getAppender(APPENDER);
    if (previous != null) {
      root.detachAppender(previous);
      previous.stop();
    }
    OutputStreamAppender<ILoggingEvent> appender;
    if (file == null) {
      ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
      console.setTarget("System.err");
      appender = console;
    } else {
      FileAppender<ILoggingEvent> toFile = new FileAppender<>();
      toFile.setFile(file.toString());
      toFile.setAppend(true);
      appender = toFile;
    }
    appender.setContext(context);
    appender.setName(APPENDER);
    appender.setEncoder(encoder(context, format));
    appender.start();
    root.addAppender(appender);
    root.setLevel(Level.toLevel(level.name()));
    QUIET.forEach((name, l) -> context.getLogger(name).setLevel(l));
    RecentLogs.install(); // the dashboard's log view
  }

  private static Encoder<ILoggingEvent> encoder(LoggerContext context, LogFormat format) {
    if (format == LogFormat.JSON) {
      JsonEncoder json = new JsonEncoder();
      json.setContext(context);
      json.start();
      return json;
    }
    LogfmtLayout layout = new LogfmtLayout();
    layout.setContext(context);
    layout.start();
    LayoutWrappingEncoder<ILoggingEvent> enc = new LayoutWrappingEncoder<>();
    enc.setContext(context);
    enc.setLayout(layout);
    enc.start();
    return enc;
  }
}
