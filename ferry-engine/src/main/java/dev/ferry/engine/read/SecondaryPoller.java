package dev.ferry.engine.read;

import dev.ferry.core.sf.SfRecord;
import dev.ferry.core.store.MergeResult;
import dev.ferry.core.store.NewPollWindow;
import dev.ferry.core.store.PollApi;
import dev.ferry.core.store.PollKind;
import dev.ferry.core.store.PollWindow;
import dev.ferry.core.store.SinkOptions;
import dev.ferry.engine.cluster.Slots;
import dev.ferry.engine.lifecycle.SyncLog;
import dev.ferry.engine.plan.MappingModel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A secondary (drift) poll: reads the bounds of one or more earlier primary polls of a mapping
 * again, as one read over their span (COUNT, then REST or a single Bulk job — for a primary that
 * was read in bulk chunks that is one job covering every chunk), and merges what it finds. Rows the
 * primary missed (a transaction Salesforce committed late, with a stamp inside the window) are
 * inserted or updated; rows identical in Postgres are left alone. What changed is recorded per
 * primary window — count and sfids — and announced, so drift is visible.
 */
public final class SecondaryPoller {
  /** Sfids whose stamps are remembered to attribute repairs to their primary window. */
  private static final int MAX_TRACKED = 500_000;

  private static final int MAX_COLLECTED = 100_000;

  private final ReadContext w;

  public SecondaryPoller(ReadContext w) {
    this.w = w;
  }

  /** What a secondary poll did. */
  public record Result(long rowsRead, long repaired, PollApi api) {}

  /** Re-reads the windows of {@code primaries} (claimed by the caller, all of one mapping). */
  public Result run(List<PollWindow> primaries) {
    long started = System.nanoTime();
    long callsBefore = w.api().calls();
    List<PollWindow> sorted =
        primaries.stream().sorted(Comparator.comparing(PollWindow::lower)).toList();
    Instant lower = sorted.get(0).lower();
    Instant upper = sorted.stream().map(PollWindow::upper).max(Comparator.naturalOrder()).get();
    Window span = Window.of(lower, upper);
    MappingModel m = w.model();
    w.events().pollStarted(w.mapping().id(), PollKind.SECONDARY, span.lower(), span.upper());
    long count = w.api().count(ReadQueries.count(m, span, null), true);
    PollApi api =
        m.restOnly() || count <= w.config().largeQueryThreshold() ? PollApi.REST : PollApi.BULK;
    Map<String, Instant> stamps = new HashMap<>();
    long[] read = {0};
    MergeResult merged;
    try (LazyBatch batch = new LazyBatch(w, SinkOptions.collecting(MAX_COLLECTED))) {
      java.util.function.Consumer<SfRecord> sink =
          r -> {
            read[0]++;
            if (stamps.size() < MAX_TRACKED) {
              String s = r.get(m.modstampField());
              if (s != null) stamps.put(r.id(), Instant.parse(s));
            }
            batch.add(r);
          };
      if (count > 0 && api == PollApi.BULK) {
        try (Slots.Hold slot = w.acquireBulkSlot("secondary poll " + m.objectName())) {
          new BulkReader(w)
              .read(
                  span,
                  win -> ReadQueries.select(m, m.bulkPaths(), win, null),
                  true,
                  BulkReader.Phase.QUIET,
                  page -> page.forEachRemaining(sink));
          merged = batch.commit(null);
          // Bulk reads leave relationship external ids out; fill them for the span too, which
          // also repairs a POLL_EXTERNAL_IDS step that was aborted or cut short.
          new ExternalIdResolver(w).resolve(span);
        } finally {
          w.holdBulkSlot(null);
        }
      } else {
        if (count > 0) {
          RestReader.into(w, sink, ReadQueries.select(m, m.restPaths(), span, null), true);
        }
        merged = batch.commit(null);
      }
    }
    long repaired = merged.changed();
    record(sorted, api, stamps, merged, read[0]);
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    w.events()
        .pollFinished(
            w.mapping().id(),
            PollKind.SECONDARY,
            api,
            read[0],
            repaired,
            w.api().calls() - callsBefore,
            took);
    if (repaired > 0) {
      String message =
          "Secondary poll of "
              + m.objectName()
              + " "
              + span
              + " repaired "
              + repaired
              + " rows the primary polls missed";
      SyncLog.mappingWarn(w.mapping(), message);
      w.stores()
          .notifications()
          .add(w.mapping().connectionId(), w.mapping().id(), "drift_repaired", message);
    }
    return new Result(read[0], repaired, api);
  }

  /** One SECONDARY window per primary, with the rows and repairs whose stamps fall in it. */
  private void record(
      List<PollWindow> primaries,
      PollApi api,
      Map<String, Instant> stamps,
      MergeResult merged,
      long rowsRead) {
    int n = primaries.size();
    long[] rows = new long[n];
    List<List<String>> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) ids.add(new ArrayList<>());
    for (Instant stamp : stamps.values()) rows[windowOf(primaries, stamp)]++;
    rows[0] += Math.max(0, rowsRead - stamps.size());
    long attributed = 0;
    for (String sfid : merged.changedSfids()) {
      Instant stamp = stamps.get(sfid);
      ids.get(stamp == null ? 0 : windowOf(primaries, stamp)).add(sfid);
      attributed++;
    }
    long unattributed = merged.changed() - attributed; // deletes, or beyond what was collected
    int keep = w.config().driftMaxIds();
    for (int i = 0; i < n; i++) {
      PollWindow p = primaries.get(i);
      long repaired = ids.get(i).size() + (i == 0 ? unattributed : 0);
      long secondaryId =
          w.stores()
              .pollWindows()
              .start(
                  new NewPollWindow(
                      p.mapping(),
                      PollKind.SECONDARY,
                      p.id(),
                      p.lower(),
                      p.upper(),
                      api,
                      null,
                      null));
      List<String> kept = ids.get(i).size() > keep ? ids.get(i).subList(0, keep) : ids.get(i);
      w.stores().pollWindows().finish(secondaryId, rows[i], repaired, kept);
      if (repaired > 0) w.events().driftRepaired(p.mapping(), p.id(), repaired, List.copyOf(kept));
    }
  }

  /** The primary whose window holds the stamp (the nearest one for stamps between windows). */
  private static int windowOf(List<PollWindow> primaries, Instant stamp) {
    for (int i = 0; i < primaries.size(); i++) {
      if (stamp.isBefore(primaries.get(i).upper())) return i;
    }
    return primaries.size() - 1;
  }
}
