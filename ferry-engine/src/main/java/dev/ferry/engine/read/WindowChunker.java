package dev.ferry.engine.read;

import dev.ferry.engine.plan.MappingModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a large window into sub-windows of about {@code chunkRows} rows for a bulk primary poll:
 * equal-width slices first, then any slice whose COUNT is still more than twice the target is
 * halved again (SystemModstamp is often bunched: a mass update stamps thousands of rows within
 * seconds). A single second is never cut.
 */
final class WindowChunker {
  private static final int MAX_DEPTH = 8;

  private WindowChunker() {}

  static List<Window> chunks(ReadContext w, Window window, long count) {
    int chunkRows = w.config().bulkChunkRows();
    if (count <= chunkRows || window.lower() == null) return List.of(window);
    int parts = (int) Math.min(10_000, (count + chunkRows - 1) / chunkRows);
    List<Window> out = new ArrayList<>();
    for (Window slice : window.slices(parts)) refine(w, slice, chunkRows, 0, out);
    return out;
  }

  private static void refine(
      ReadContext w, Window slice, int chunkRows, int depth, List<Window> out) {
    if (depth >= MAX_DEPTH || !slice.canHalve(Duration.ofSeconds(1))) {
      out.add(slice);
      return;
    }
    MappingModel m = w.model();
    long n = w.api().count(ReadQueries.count(m, slice, null), true);
    if (n <= 2L * chunkRows) {
      if (n > 0) out.add(slice);
      return;
    }
    for (Window half : slice.halves()) refine(w, half, chunkRows, depth + 1, out);
  }
}
