package dev.ferry.salesforce.bulk;

import dev.ferry.core.sf.BulkJob;
import dev.ferry.core.sf.QueryResultPage;
import dev.ferry.core.soql.Soql;
import dev.ferry.salesforce.internal.CallKind;
import dev.ferry.salesforce.internal.Names;
import dev.ferry.salesforce.internal.SfRequest;
import dev.ferry.salesforce.internal.SfResponse;
import dev.ferry.salesforce.transport.Transport;
import dev.ferry.salesforce.wire.BulkBodies;
import dev.ferry.salesforce.wire.Wire;
import org.jspecify.annotations.Nullable;

/**
 * Bulk API 2.0 query jobs. Creating one is resent on transient failures even though it is a POST: a
 * duplicate query job only reads, and Salesforce deletes it after seven days.
 */
public final class BulkQueryCalls {
  private final Transport transport;
  private final JobPaths paths;
  private final int maxResumes;

  /**
   * @param maxResumes how often a result page whose connection broke is fetched again
   */
  public BulkQueryCalls(Transport transport, String dataPath, int maxResumes) {
    this.transport = transport;
    this.maxResumes = maxResumes;
    this.paths = new JobPaths(transport, dataPath, "query", CallKind.BULK_QUERY);
  }

  public BulkJob create(Soql soql, boolean includeDeleted) {
    SfRequest request =
        SfRequest.json(
                "POST",
                paths.base(),
                BulkBodies.queryJob(soql.text(), includeDeleted),
                CallKind.BULK_QUERY)
            .idempotent(true)
            .sobject(soql.object());
    return transport.read(request, Wire::bulkJob);
  }

  public BulkJob get(String jobId) {
    return paths.get(jobId);
  }

  /**
   * Opens one page of results. The response headers (locator, count) and the CSV header row are
   * read now; the rows are read as the page is iterated.
   */
  public QueryResultPage results(
      String jobId, @Nullable String locator, @Nullable Integer maxRecords) {
    StringBuilder target = new StringBuilder(paths.job(jobId)).append("/results");
    char sep = '?';
    if (locator != null) {
      target.append(sep).append("locator=").append(Names.query(locator));
      sep = '&';
    }
    if (maxRecords != null) {
      if (maxRecords < 1) throw new IllegalArgumentException("maxRecords must be positive");
      target.append(sep).append("maxRecords=").append(maxRecords);
    }
    SfRequest request =
        SfRequest.get(target.toString(), CallKind.BULK_QUERY)
            .header("Accept", "text/csv")
            .jobId(jobId);
    SfResponse response = transport.open(request);
    return new CsvRecordStream(
        response,
        () -> transport.open(request),
        maxResumes,
        locator(response.header("Sforce-Locator")),
        count(response.header("Sforce-NumberOfRecords")));
  }

  public BulkJob abort(String jobId) {
    return paths.changeState(jobId, "Aborted", job -> job.state().isTerminal());
  }

  public void delete(String jobId) {
    paths.delete(jobId);
  }

  /** Salesforce sends the string {@code null} on the last page; a missing header means the same. */
  static @Nullable String locator(@Nullable String header) {
    if (header == null) return null;
    String v = header.strip();
    return v.isEmpty() || v.equals("null") ? null : v;
  }

  static long count(@Nullable String header) {
    if (header == null) return -1;
    try {
      return Long.parseLong(header.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
