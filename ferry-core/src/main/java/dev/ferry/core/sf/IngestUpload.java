package dev.ferry.core.sf;

import java.util.Objects;

/**
 * One ingest job created by {@link dev.ferry.core.port.SalesforceApi#ingest}: the job (already
 * closed, i.e. UploadComplete or later) and the data rows [fromRow, toRow) of the source it holds.
 */
public record IngestUpload(BulkJob job, int fromRow, int toRow) {
  public IngestUpload {
    Objects.requireNonNull(job, "job");
    if (fromRow < 0 || toRow < fromRow) {
      throw new IllegalArgumentException("bad row range [" + fromRow + ", " + toRow + ")");
    }
  }

  public int rowCount() {
    return toRow - fromRow;
  }
}
