package dev.ferry.app.demo;

import dev.ferry.core.control.ConnectionView;
import dev.ferry.core.control.FerryService;
import dev.ferry.core.control.MappingView;
import dev.ferry.core.id.ConnectionId;
import dev.ferry.core.id.MappingId;
import dev.ferry.core.state.MappingState;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What the demo prints while it runs, computed from the control plane's views: state changes, row
 * counts while tables load (at most every {@link #COUNT_EVERY}), the load rate once a mapping is
 * first synced, one line per completed poll, and how long a Salesforce edit took to reach Postgres
 * when its change event brought it (accelerated polling).
 */
final class DemoProgress {
  static final Duration COUNT_EVERY = Duration.ofSeconds(2);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  private record Seen(
      MappingState state, long dbCount, Instant printedAt, Instant lastPoll, Instant since) {}

  private final FerryService service;
  private final ConnectionId connection;
  private final InstantSource clock;
  private final Map<MappingId, Seen> seen = new HashMap<>();
  private final Map<MappingId, Instant> loadStarted = new HashMap<>();
  private final Map<MappingId, Long> events = new HashMap<>();

  DemoProgress(FerryService service, ConnectionId connection, InstantSource clock) {
    this.service = service;
    this.connection = connection;
    this.clock = clock;
  }

  /** The lines to print now (empty when nothing changed worth telling). */
  List<String> poll() {
    Instant now = clock.instant();
    ConnectionView view = service.connection(connection);
    List<String> lines = new ArrayList<>();
    for (MappingView m : view.mappings()) {
      MappingId id = m.mapping().id();
      MappingState state = m.mapping().state();
      Instant lastPoll = m.lastPollAt() == null ? Instant.EPOCH : m.lastPollAt();
      Seen before = seen.get(id);
      if (before == null || before.state() != state) {
        if (isLoading(state)) loadStarted.putIfAbsent(id, now);
        // a routine poll passes through its phases in a moment: one "polled" line says it
        boolean routine = isPollCycle(state) && before != null && isPollCycle(before.state());
        if (!routine) {
          String from = before == null ? "" : "  (was " + before.state() + ")";
          // first seen mid-poll: the mapping is synced, the poll a moment of it
          String shown =
              before == null && isPollCycle(state) ? MappingState.DATA_SYNCED.name() : state.name();
          lines.add(line(now, m, shown + from));
        }
        Instant started = loadStarted.get(id);
        if (state == MappingState.DATA_SYNCED && started != null) {
          lines.add(loadedLine(now, m, started));
          loadStarted.remove(id);
        }
        if (routine && state == MappingState.DATA_SYNCED && !lastPoll.equals(before.lastPoll())) {
          lines.add(line(now, m, "polled"));
        }
        seen.put(id, new Seen(state, m.dbCount(), now, lastPoll, now));
      } else if (before.dbCount() != m.dbCount()
          && Duration.between(before.printedAt(), now).compareTo(COUNT_EVERY) >= 0) {
        String what =
            state == MappingState.DATA_SYNCED
                ? String.format(Locale.ROOT, "%+,d rows", m.dbCount() - before.dbCount())
                : state.name();
        lines.add(line(now, m, what));
        seen.put(id, new Seen(state, m.dbCount(), now, lastPoll, before.since()));
      } else if (m.events().received() > events.getOrDefault(id, m.events().received())
          && m.events().latency() != null) {
        lines.add(line(now, m, eventLine(m)));
        seen.put(id, new Seen(state, m.dbCount(), now, lastPoll, before.since()));
      } else if (!Objects.equals(before.lastPoll(), lastPoll)
          && state == MappingState.DATA_SYNCED) {
        lines.add(line(now, m, "polled"));
        seen.put(id, new Seen(state, m.dbCount(), now, lastPoll, before.since()));
      }
      events.put(id, m.events().received());
    }
    return lines;
  }

  /** How long the last Salesforce edit took to reach Postgres, told by its change event. */
  private static String eventLine(MappingView m) {
    return String.format(
        Locale.ROOT,
        "edit arrived in %,d ms (change event)",
        Objects.requireNonNull(m.events().latency()).toMillis());
  }

  /** States of loading a whole table: the load rate is printed when the mapping is synced. */
  private static boolean isLoading(MappingState state) {
    return switch (state) {
      case INITIAL, RELOAD_TABLE, WAIT_BULK_LOAD, LOADING_BULK_JOB, RESOLVE_EXTERNAL_IDS -> true;
      default -> false;
    };
  }

  /** DATA_SYNCED and the phases of a poll (those an abort returns to DATA_SYNCED from). */
  private static boolean isPollCycle(MappingState state) {
    return state == MappingState.DATA_SYNCED || state.afterAbort() == MappingState.DATA_SYNCED;
  }

  private static String line(Instant now, MappingView m, String what) {
    return String.format(
        Locale.ROOT,
        "%s  %-12s %-38s db %,9d | sf %s",
        TIME.format(now),
        m.mapping().objectName(),
        what,
        m.dbCount(),
        m.sfCount() == null ? "?" : String.format(Locale.ROOT, "%,d", m.sfCount()));
  }

  private static String loadedLine(Instant now, MappingView m, Instant started) {
    double seconds = Math.max(0.001, Duration.between(started, now).toMillis() / 1000.0);
    return String.format(
        Locale.ROOT,
        "%s  %-12s loaded %,d rows in %.1f s (%,.0f rows/s)",
        TIME.format(now),
        m.mapping().objectName(),
        m.dbCount(),
        seconds,
        m.dbCount() / seconds);
  }
}
