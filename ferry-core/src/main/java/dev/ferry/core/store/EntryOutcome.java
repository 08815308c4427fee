package dev.ferry.core.store;

import org.jspecify.annotations.Nullable;

/**
 * The result of writing one entry to Salesforce, applied by {@link
 * dev.ferry.core.port.ChangeLog#complete} together with its row write-back.
 *
 * @param state SUCCESS, FAILED, MERGED or IGNORED
 * @param writeBack the row update, or null (deleted rows, merged entries)
 */
public record EntryOutcome(
    long entryId,
    EntryState state,
    @Nullable Integer sfResult,
    @Nullable String sfMessage,
    @Nullable RowWriteBack writeBack) {

  public EntryOutcome {
    if (!state.isDone()) {
      throw new IllegalArgumentException(
          "entry " + entryId + ": outcome must be final, got " + state);
    }
  }
}
