package dev.ferry.app.log;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * The last lines this process logged, kept in memory for the dashboard's log view: a logback
 * appender on the root logger with a bounded buffer (the oldest line goes when it is full). Lines
 * are logfmt without stack traces, cut at {@link #MAX_LINE} characters. Logs carry no secrets
 * (SecretsNotLoggedIT), and the dashboard shows them only after login.
 */
public final class RecentLogs extends AppenderBase<ILoggingEvent> {
  /** The appender's name on the root logger. */
  public static final String NAME = "RECENT";

  public static final int DEFAULT_CAPACITY = 500;
  static final int MAX_LINE = 2_000;

  /** One line: {@code seq} grows by one per line, so a reader can ask for what is new. */
  public record Line(long seq, Instant time, String level, String text) {}

  private final int capacity;
  private final ArrayDeque<Line> lines;
  private final LogfmtLayout layout = new LogfmtLayout();
  private long seq;

  public RecentLogs(int capacity) {
    if (capacity < 1) throw new IllegalArgumentException("capacity must be positive");
    this.capacity = capacity;
    this.lines = new ArrayDeque<>(capacity);
    setName(NAME);
  }

  /**
   * The process's buffer: the one attached to the root logger, attached now if there is none yet.
   * Without logback (not the case in Ferry) the buffer stays empty.
   */
  public static synchronized RecentLogs install() {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return new RecentLogs(DEFAULT_CAPACITY);
    }
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    if (root.getAppender(NAME) instanceof RecentLogs existing) return existing;
    RecentLogs recent = new RecentLogs(DEFAULT_CAPACITY);
    recent.setContext(context);
    recent.layout.setContext(context);
    recent.layout.start();
    recent.start();
    root.addAppender(recent);
    return recent;
  }

  @Override
  protected void append(ILoggingEvent event) {
    String text = text(event);
    String level = event.getLevel().toString().toLowerCase(Locale.ROOT);
    Instant time = Instant.ofEpochMilli(event.getTimeStamp());
    synchronized (lines) {
      if (lines.size() == capacity) lines.removeFirst();
      lines.addLast(new Line(++seq, time, level, text));
    }
  }

  private String text(ILoggingEvent event) {
    String line = layout.doLayout(event).strip();
    int stack = line.indexOf(" stack=");
    if (stack > 0) {
      int logger = line.indexOf(" logger=", stack);
      line = line.substring(0, stack) + (logger > 0 ? line.substring(logger) : "");
    }
    return line.length() <= MAX_LINE ? line : line.substring(0, MAX_LINE) + " …";
  }

  /** The newest {@code max} lines, oldest first. */
  public List<Line> lines(int max) {
    synchronized (lines) {
      List<Line> all = new ArrayList<>(lines);
      return List.copyOf(all.subList(Math.max(0, all.size() - max), all.size()));
    }
  }
}
