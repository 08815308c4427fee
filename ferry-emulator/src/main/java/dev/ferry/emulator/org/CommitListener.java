package dev.ferry.emulator.org;

import java.time.Instant;
import java.util.List;

/**
 * Told about every transaction when it becomes visible, under the store's write lock (so commits
 * arrive in order): right after an ordinary commit, or when a late commit's time comes.
 */
@FunctionalInterface
public interface CommitListener {
  /**
   * @param changes net record changes, in the order the transaction first touched them
   * @param committedAt the transaction's timestamp (its SystemModstamp)
   * @param origin the API that made the change
   */
  void committed(List<RecordChange> changes, Instant committedAt, ChangeOrigin origin);
}
