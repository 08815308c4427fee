package dev.ferry.core.sf;

/** Bulk API 2.0 job states, spelled as on the wire. */
public enum BulkJobState {
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
