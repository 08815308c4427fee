package dev.ferry.engine.budget;

import dev.ferry.core.port.SalesforceApi;
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
import dev.ferry.core.sf.RecordHeader;
import dev.ferry.core.sf.RecordStream;
import dev.ferry.core.sf.SObjectDescribe;
import dev.ferry.core.sf.SObjectSummary;
import dev.ferry.core.sf.SaveOperation;
import dev.ferry.core.sf.SaveRequest;
import dev.ferry.core.sf.SaveResult;
import dev.ferry.core.sf.SfRecord;
import dev.ferry.core.sf.UpdatedIds;
import dev.ferry.core.soql.Soql;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Counts the API calls one unit of work (a poll, a load) makes through a shared client, so each
 * mapping's calls can be charged against its {@code sf_max_daily_api_calls}. REST query pages after
 * the first are counted as they are consumed, one per {@value #REST_PAGE} records (Salesforce's
 * default page).
 */
public final class MeteredSalesforceApi implements SalesforceApi {
  static final int REST_PAGE = 2000;

  private final SalesforceApi api;
  private final AtomicLong calls = new AtomicLong();

  public MeteredSalesforceApi(SalesforceApi api) {
    this.api = api;
  }

  /** Calls made through this meter so far. */
  public long calls() {
    return calls.get();
  }

  /** The client being metered. */
  public SalesforceApi unwrap() {
    return api;
  }

  private <T> T one(T result) {
    calls.incrementAndGet();
    return result;
  }

  @Override
  public OrgIdentity identity() {
    return one(api.identity());
  }

  @Override
  public List<SObjectSummary> describeGlobal() {
    return one(api.describeGlobal());
  }

  @Override
  public SObjectDescribe describe(String sobject) {
    return one(api.describe(sobject));
  }

  @Override
  public OrgLimits limits() {
    return one(api.limits());
  }

  @Override
  public List<String> versions() {
    return one(api.versions());
  }

  @Override
  public String apiVersion() {
    return api.apiVersion();
  }

  @Override
  public RecordStream query(Soql soql, boolean includeDeleted) {
    calls.incrementAndGet();
    return new PagedStream(api.query(soql, includeDeleted));
  }

  @Override
  public long count(Soql countSoql, boolean includeDeleted) {
    return one(api.count(countSoql, includeDeleted));
  }

  @Override
  public UpdatedIds getUpdated(String sobject, Instant start, Instant end) {
    return one(api.getUpdated(sobject, start, end));
  }

  @Override
  public DeletedRecords getDeleted(String sobject, Instant start, Instant end) {
    return one(api.getDeleted(sobject, start, end));
  }

  @Override
  public BulkJob createQueryJob(Soql soql, boolean includeDeleted) {
    return one(api.createQueryJob(soql, includeDeleted));
  }

  @Override
  public BulkJob queryJob(String jobId) {
    return one(api.queryJob(jobId));
  }

  @Override
  public QueryResultPage queryResults(
      String jobId, @Nullable String locator, @Nullable Integer maxRecords) {
    return one(api.queryResults(jobId, locator, maxRecords));
  }

  @Override
  public BulkJob abortQueryJob(String jobId) {
    return one(api.abortQueryJob(jobId));
  }

  @Override
  public void deleteQueryJob(String jobId) {
    calls.incrementAndGet();
    api.deleteQueryJob(jobId);
  }

  @Override
  public BulkJob awaitQueryJob(String jobId, Duration maxWait, BooleanSupplier cancelled) {
    // one status read per poll; the client does not say how many it made, so count the wait once
    return one(api.awaitQueryJob(jobId, maxWait, cancelled));
  }

  @Override
  public List<IngestUpload> ingest(IngestSpec spec, CsvSource csv) {
    List<IngestUpload> uploads = api.ingest(spec, csv);
    calls.addAndGet(3L * Math.max(1, uploads.size()));
    return uploads;
  }

  @Override
  public BulkJob awaitIngestJob(String jobId, Duration maxWait, BooleanSupplier cancelled) {
    return one(api.awaitIngestJob(jobId, maxWait, cancelled));
  }

  @Override
  public BulkJob createIngestJob(IngestSpec spec) {
    return one(api.createIngestJob(spec));
  }

  @Override
  public void upload(String jobId, CsvSource csv) {
    calls.incrementAndGet();
    api.upload(jobId, csv);
  }

  @Override
  public void upload(String jobId, IngestOperation operation, List<SaveRequest> records) {
    calls.incrementAndGet();
    api.upload(jobId, operation, records);
  }

  @Override
  public BulkJob closeIngestJob(String jobId) {
    return one(api.closeIngestJob(jobId));
  }

  @Override
  public BulkJob abortIngestJob(String jobId) {
    return one(api.abortIngestJob(jobId));
  }

  @Override
  public BulkJob ingestJob(String jobId) {
    return one(api.ingestJob(jobId));
  }

  @Override
  public RecordStream ingestResults(String jobId, IngestResultKind kind) {
    return one(api.ingestResults(jobId, kind));
  }

  @Override
  public void deleteIngestJob(String jobId) {
    calls.incrementAndGet();
    api.deleteIngestJob(jobId);
  }

  @Override
  public List<SaveResult> save(
      SaveOperation operation,
      String sobject,
      List<SaveRequest> records,
      @Nullable String externalIdField) {
    calls.addAndGet(Math.max(1, (records.size() + 199) / 200));
    return api.save(operation, sobject, records, externalIdField);
  }

  @Override
  public List<Optional<SfRecord>> retrieve(String sobject, List<String> ids, List<String> fields) {
    return one(api.retrieve(sobject, ids, fields));
  }

  @Override
  public Optional<ApiUsage> apiUsage() {
    return api.apiUsage();
  }

  @Override
  public Map<String, Long> callCounts() {
    return api.callCounts();
  }

  /** Counts a call for every REST page after the first, as the records are consumed. */
  private final class PagedStream implements RecordStream {
    private final RecordStream inner;
    private long seen;

    PagedStream(RecordStream inner) {
      this.inner = inner;
    }

    @Override
    public RecordHeader header() {
      return inner.header();
    }

    @Override
    public long totalSize() {
      return inner.totalSize();
    }

    @Override
    public boolean hasNext() {
      return inner.hasNext();
    }

    @Override
    public SfRecord next() {
      SfRecord r = inner.next();
      seen++;
      if (seen > REST_PAGE && seen % REST_PAGE == 1) calls.incrementAndGet();
      return r;
    }

    @Override
    public void close() {
      inner.close();
    }
  }
}
