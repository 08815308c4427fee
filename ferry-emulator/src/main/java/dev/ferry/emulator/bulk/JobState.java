package dev.ferry.emulator.bulk;

/** Bulk API 2.0 job states (seed bulk-api-2-job-states.txt). */
public enum JobState {
  Open,
  UploadComplete,
  InProgress,
  JobComplete,
  Failed,
  Aborted;

  public boolean isTerminal() {
    return this == JobComplete || this == Failed || this == Aborted;
  }
}
