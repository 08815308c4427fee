package dev.ferry.core.store;

public enum PollStatus {
  RUNNING,
  DONE,
  FAILED,
  ABORTED
}
