package dev.ferry.core.port;

import dev.ferry.core.sf.ApiUsage;
import dev.ferry.core.sf.BulkJob;
import dev.ferry.core.sf.CsvSource;
import dev.ferry.core.sf.DeletedRecords;
import dev.ferry.core.sf.IngestOperation;
import dev.ferry.core.sf.IngestResultKind;
import dev.ferry.core.sf.IngestSpec;
import dev.ferry.core.sf.IngestUpload;
import dev.ferry.core.sf.OrgIdentity;
import dev.ferry.core.sf.OrgLimits;
import dev.ferry.core.sf.QueryResultPage;
import dev.ferry.core.sf.RecordStream;
import dev.ferry.core.sf.SObjectDescribe;
import dev.ferry.core.sf.SObjectSummary;
import dev.ferry.core.sf.SaveOperation;
import dev.ferry.core.sf.SaveRequest;
import dev.ferry.core.sf.SaveResult;
import dev.ferry.core.sf.SfRecord;
import dev.ferry.core.soql.Soql;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * One Salesforce org, as the sync needs it. Implemented over HTTP by {@code HttpSalesforceApi}
 * (which talks to real orgs and to the emulator alike).
 *
 * <p>Every method throws a {@link dev.ferry.core.error.FerryException} classified at the edge:
 * {@link dev.ferry.core.error.SalesforceUnavailableException} (retriable, already retried within
 * the client's deadline), {@link dev.ferry.core.error.SalesforceAuthException}, {@link
 * dev.ferry.core.error.InactiveOrgException}, {@link
 * dev.ferry.core.error.ApiLimitExceededException}, {@link
 * dev.ferry.core.error.SalesforceRequestException} or {@link
 * dev.ferry.core.error.BulkJobFailedException}. Per-record write failures are not exceptions: they
 * come back in {@link SaveResult}s and Bulk failed-results.
 */
public interface SalesforceApi {

  // ---- identity and metadata

  OrgIdentity identity();

  List<SObjectSummary> describeGlobal();

  /** Full describe; throws SalesforceRequestException (NOT_FOUND) for an unknown object. */
  SObjectDescribe describe(String sobject);

  OrgLimits limits();

  /** The API versions the org serves ({@code GET /services/data}), oldest first. */
  List<String> versions();

  /** The API version this client calls, e.g. {@code 62.0}. */
  String apiVersion();

  // ---- REST reads

  /** A lazily paging stream of {@code /query} (or {@code /queryAll} when includeDeleted). */
  RecordStream query(Soql soql, boolean includeDeleted);

  /** Runs a {@code SELECT COUNT() ...} statement and returns totalSize. */
  long count(Soql countSoql, boolean includeDeleted);

  /** getUpdated for [start, end); Salesforce drops seconds from both bounds. */
  dev.ferry.core.sf.UpdatedIds getUpdated(String sobject, Instant start, Instant end);

  /** getDeleted for [start, end). */
  DeletedRecords getDeleted(String sobject, Instant start, Instant end);

  // ---- Bulk API 2.0 query jobs

  BulkJob createQueryJob(Soql soql, boolean includeDeleted);

  BulkJob queryJob(String jobId);

  /**
   * One page of results. locator null = first page; maxRecords null = server's choice. The caller
   * closes the page.
   */
  QueryResultPage queryResults(
      String jobId, @Nullable String locator, @Nullable Integer maxRecords);

  BulkJob abortQueryJob(String jobId);

  void deleteQueryJob(String jobId);

  /**
   * Polls a query job with backoff until it is terminal. Returns it when JobComplete or Aborted;
   * throws {@link dev.ferry.core.error.BulkJobFailedException} when it Failed, {@link
   * dev.ferry.core.error.BulkJobTimeoutException} when maxWait passes first, and {@link
   * java.util.concurrent.CancellationException} as soon as {@code cancelled} answers true or the
   * thread is interrupted. Never aborts the job itself.
   */
  BulkJob awaitQueryJob(String jobId, Duration maxWait, BooleanSupplier cancelled);

  // ---- Bulk API 2.0 ingest jobs

  BulkJob createIngestJob(IngestSpec spec);

  /**
   * Streams the CSV to an Open job in one upload (Salesforce takes one upload per job). Throws
   * {@link dev.ferry.core.error.SalesforceRequestException} (errorCode {@code UPLOAD_TOO_LARGE},
   * nothing accepted) when the CSV exceeds the upload limit; use {@link #ingest} for data of any
   * size.
   */
  void upload(String jobId, CsvSource csv);

  /**
   * Like {@link #upload(String, CsvSource)} for records: the client writes them as the ingest CSV
   * of {@code operation} (the caller never formats Salesforce text).
   */
  void upload(String jobId, IngestOperation operation, List<SaveRequest> records);

  /**
   * Creates as many ingest jobs as needed to keep every upload under the 100 MB limit, uploads each
   * part and closes its job. The source is streamed, never held in memory. Results are in row
   * order. If a step fails, the jobs created so far are aborted before the error is thrown.
   */
  List<IngestUpload> ingest(IngestSpec spec, CsvSource csv);

  BulkJob closeIngestJob(String jobId);

  BulkJob abortIngestJob(String jobId);

  BulkJob ingestJob(String jobId);

  /** Successful, failed or unprocessed records of a finished ingest job. The caller closes it. */
  RecordStream ingestResults(String jobId, IngestResultKind kind);

  void deleteIngestJob(String jobId);

  /** Like {@link #awaitQueryJob}, for an ingest job; an ingest job still Open is refused. */
  BulkJob awaitIngestJob(String jobId, Duration maxWait, BooleanSupplier cancelled);

  // ---- sObject Collections (small writes)

  /**
   * Writes records through sObject Collections in chunks of at most 200 with allOrNone=false.
   * Results come back in request order. externalIdField is required for UPSERT.
   */
  List<SaveResult> save(
      SaveOperation operation,
      String sobject,
      List<SaveRequest> records,
      @Nullable String externalIdField);

  /**
   * Retrieves records by id (sObject Collections retrieve), in id order; absent ids map to empty.
   */
  List<Optional<SfRecord>> retrieve(String sobject, List<String> ids, List<String> fields);

  // ---- accounting

  /** The last {@code Sforce-Limit-Info} seen, if any response carried one. */
  Optional<ApiUsage> apiUsage();

  /**
   * Calls made by this client since it was created, by kind (e.g. "query", "bulk", "composite").
   */
  Map<String, Long> callCounts();

  // ---- change events

  /**
   * Change Data Capture for this org (the Pub/Sub API), or empty when this client cannot subscribe.
   * Events cost no API calls.
   */
  default Optional<ChangeEventSource> changeEvents() {
    return Optional.empty();
  }
}
