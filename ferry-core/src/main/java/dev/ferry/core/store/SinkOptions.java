package dev.ferry.core.store;

/**
 * Per-batch options.
 *
 * @param collectChangedSfids up to how many inserted/updated sfids {@link MergeResult} should list
 *     (0: none; drift repair asks for them)
 * @param expectNewRows a hint for reloads into a cleared table: rows are copied straight into the
 *     table, skipping the staging table. It is only a speed hint: when a row turns out to exist
 *     already (or the batch repeats a record, or reports a delete) the batch falls back to the full
 *     merge by itself, with the same result
 */
public record SinkOptions(int collectChangedSfids, boolean expectNewRows) {
  public static final SinkOptions DEFAULT = new SinkOptions(0, false);

  public SinkOptions {
    if (collectChangedSfids < 0) throw new IllegalArgumentException("collectChangedSfids < 0");
  }

  /** Merge, listing up to {@code max} changed sfids. */
  public static SinkOptions collecting(int max) {
    return new SinkOptions(max, false);
  }

  /** Rows of a reload into a cleared table (see {@link #expectNewRows}). */
  public static SinkOptions newRows() {
    return new SinkOptions(0, true);
  }
}
