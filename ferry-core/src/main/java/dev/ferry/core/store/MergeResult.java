package dev.ferry.core.store;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a merge did. {@code staged = inserted + updated + deleted + untouched} where untouched rows
 * were identical, older than the row in Postgres (never moved backwards), or duplicates in the
 * batch.
 *
 * @param matchedByUpsertField rows matched to an application-inserted row (no sfid yet) through the
 *     upsert field; included in {@code updated}
 * @param maxModstamp the newest modstamp among the staged rows, or null when none
 * @param changedSfids sfids inserted or updated, when the batch asked to collect them (capped)
 */
public record MergeResult(
    long staged,
    long inserted,
    long updated,
    long deleted,
    long untouched,
    long matchedByUpsertField,
    @Nullable Instant maxModstamp,
    List<String> changedSfids) {

  public MergeResult {
    changedSfids = List.copyOf(changedSfids);
  }

  public static MergeResult empty() {
    return new MergeResult(0, 0, 0, 0, 0, 0, null, List.of());
  }

  /** Rows whose content changed in Postgres (what a drift-repair poll reports as repaired). */
  public long changed() {
    return inserted + updated + deleted;
  }
}
