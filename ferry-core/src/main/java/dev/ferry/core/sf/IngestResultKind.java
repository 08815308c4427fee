package dev.ferry.core.sf;

/** The three result sets of a finished Bulk API 2.0 ingest job. */
public enum IngestResultKind {
  /** Columns {@code sf__Id}, {@code sf__Created}, then the uploaded columns. */
  SUCCESSFUL("successfulResults"),
  /** Columns {@code sf__Id}, {@code sf__Error}, then the uploaded columns. */
  FAILED("failedResults"),
  /** The uploaded columns of rows never attempted (job Failed or Aborted). */
  UNPROCESSED("unprocessedrecords");

  private final String path;

  IngestResultKind(String path) {
    this.path = path;
  }

  public String path() {
    return path;
  }
}
