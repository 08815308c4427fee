package dev.ferry.core.store;

import dev.ferry.core.id.MappingId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A poll window about to be read.
 *
 * @param parentId for a chunk of a bulk primary poll: the window covering the whole job; for a
 *     secondary poll: the primary window it re-reads
 * @param secondaryDueAt when a secondary poll of this (primary) window is due; null for none
 */
public record NewPollWindow(
    MappingId mapping,
    PollKind kind,
    @Nullable Long parentId,
    Instant lower,
    Instant upper,
    PollApi api,
    @Nullable String bulkJobId,
    @Nullable Instant secondaryDueAt) {

  public NewPollWindow {
    if (upper.isBefore(lower)) {
      throw new IllegalArgumentException(
          "poll window upper " + upper + " is before lower " + lower);
    }
  }
}
