package dev.ferry.core.store;

/** {@code _trigger_log.state} values (spec §7.3); at most 8 characters each. */
public enum EntryState {
  NEW,
  PENDING,
  SUCCESS,
  FAILED,
  MERGED,
  IGNORED,
  IGNORE,
  READONLY,
  REQUEUE,
  REQUEUED;

  /** States that end an entry's processing (it may move to the archive). */
  public boolean isDone() {
    return this != NEW && this != PENDING && this != REQUEUE;
  }
}
