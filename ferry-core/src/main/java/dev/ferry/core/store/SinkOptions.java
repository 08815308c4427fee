package dev.ferry.core.store;

/**
 * Per-batch options.
 *
 * @param collectChangedSfids up to how many inserted/updated sfids {@link MergeResult} should list
 *     (0: none; drift repair asks for them)
 * @param expectNewRows a hint for a reload into a table that was empty when the reload began: rows
 *     are copied straight into the table, skipping the staging table. It is only a speed hint: when
 *     a row turns out to exist already (or the batch repeats a record, or reports a delete) the
 *     batch falls back to the full merge by itself, with the same result
 * @param noteRead a page of a reload into a table that had rows: the batch merges as usual and
 *     notes every sfid it read, so that the reload can tell at its end which rows it did not read
 *     ({@link dev.ferry.core.port.TableSink#unread})
 */
public record SinkOptions(int collectChangedSfids, boolean expectNewRows, boolean noteRead) {
  public static final SinkOptions DEFAULT = new SinkOptions(0, false, false);

  public SinkOptions {
    if (collectChangedSfids < 0) throw new IllegalArgumentException("collectChangedSfids < 0");
  }

  public SinkOptions(int collectChangedSfids, boolean expectNewRows) {
    this(collectChangedSfids, expectNewRows, false);
  }

  /** Merge, listing up to {@code max} changed sfids. */
  public static SinkOptions collecting(int max) {
    return new SinkOptions(max, false, false);
  }

  /** Rows of a reload into a table that was empty (see {@link #expectNewRows}). */
  public static SinkOptions newRows() {
    return new SinkOptions(0, true, false);
  }

  /**
   * A page of a reload: appended straight when the table was empty when the reload began, otherwise
   * merged with its sfids noted (see {@link #noteRead}).
   */
  public static SinkOptions reload(boolean tableWasEmpty) {
    return tableWasEmpty ? newRows() : new SinkOptions(0, false, true);
  }
}
