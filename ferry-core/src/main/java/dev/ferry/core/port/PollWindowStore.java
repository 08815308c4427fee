package dev.ferry.core.port;

import dev.ferry.core.id.MappingId;
import dev.ferry.core.store.NewPollWindow;
import dev.ferry.core.store.PollStatus;
import dev.ferry.core.store.PollWindow;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The bounds of every primary poll and of the secondary (drift) polls that re-read them later, with
 * what each found and repaired — drift is recorded, not silent.
 */
public interface PollWindowStore {

  /** Records a window being read (status RUNNING); returns its id. */
  long start(NewPollWindow window);

  /** Records the bulk job reading the window. */
  void setBulkJob(long windowId, String bulkJobId);

  /**
   * Marks the window DONE with the rows read; for a secondary poll, with what it repaired (count
   * and ids), and its primary's secondary as done.
   */
  void finish(long windowId, long rows, long repairedCount, List<String> repairedIds);

  /** Marks the window FAILED or ABORTED with the reason. */
  void fail(long windowId, PollStatus status, String error);

  /** DONE primary windows whose secondary is due at {@code now} and not started, oldest first. */
  List<PollWindow> dueSecondaries(Instant now, int limit);

  /** Claims a primary window's secondary poll (compare-and-set); false when already claimed. */
  boolean claimSecondary(long primaryWindowId, Instant now);

  /**
   * Gives a claimed secondary back (e.g. no slot or the poll failed), due again at {@code dueAt}.
   */
  void rescheduleSecondary(long primaryWindowId, Instant dueAt);

  Optional<PollWindow> find(long windowId);

  /** Newest first. */
  List<PollWindow> recent(MappingId mapping, int limit);

  /** Deletes finished windows that started before {@code cutoff}. */
  int purgeBefore(Instant cutoff);
}
