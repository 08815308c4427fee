package dev.ferry.core.store;

import dev.ferry.core.id.MappingId;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A recorded poll window (see {@link NewPollWindow}) and what became of it. */
public record PollWindow(
    long id,
    MappingId mapping,
    PollKind kind,
    @Nullable Long parentId,
    Instant lower,
    Instant upper,
    PollApi api,
    @Nullable String bulkJobId,
    PollStatus status,
    long rows,
    @Nullable Instant secondaryDueAt,
    @Nullable Instant secondaryStartedAt,
    @Nullable Instant secondaryDoneAt,
    long repairedCount,
    List<String> repairedIds,
    @Nullable String error,
    Instant startedAt,
    @Nullable Instant finishedAt) {

  public PollWindow {
    repairedIds = List.copyOf(repairedIds);
  }
}
