package dev.ferry.salesforce;

import dev.ferry.core.port.ChangeEventSource;
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
import dev.ferry.core.sf.RecordStream;
import dev.ferry.core.sf.SObjectDescribe;
import dev.ferry.core.sf.SObjectSummary;
import dev.ferry.core.sf.SaveOperation;
import dev.ferry.core.sf.SaveRequest;
import dev.ferry.core.sf.SaveResult;
import dev.ferry.core.sf.SfRecord;
import dev.ferry.core.sf.UpdatedIds;
import dev.ferry.core.soql.Soql;
import dev.ferry.salesforce.auth.Session;
import dev.ferry.salesforce.auth.TokenEndpoint;
import dev.ferry.salesforce.bulk.BulkIngestCalls;
import dev.ferry.salesforce.bulk.BulkQueryCalls;
import dev.ferry.salesforce.bulk.JobWaiter;
import dev.ferry.salesforce.bulk.SaveRequestCsv;
import dev.ferry.salesforce.internal.HttpExchange;
import dev.ferry.salesforce.internal.IdleWatchdog;
import dev.ferry.salesforce.internal.RetryExecutor;
import dev.ferry.salesforce.limits.ApiAccounting;
import dev.ferry.salesforce.pubsub.PubSubClient;
import dev.ferry.salesforce.rest.CollectionsCalls;
import dev.ferry.salesforce.rest.MetadataCalls;
import dev.ferry.salesforce.rest.QueryCalls;
import dev.ferry.salesforce.rest.ToolingCalls;
import dev.ferry.salesforce.transport.Transport;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SalesforceApi} over {@code java.net.http}: the one Salesforce client Ferry uses, for real
 * orgs and for the emulator alike. Thread-safe; create one per org connection and close it when
 * done. The first call logs in.
 */
public final class HttpSalesforceApi implements SalesforceApi, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HttpSalesforceApi.class);

  private final SalesforceConfig settings;
  private final HttpClient http;
  private final IdleWatchdog watchdog;
  private final ApiAccounting accounting;
  private final Session session;
  private final MetadataCalls metadata;
  private final QueryCalls queries;
  private final CollectionsCalls collections;
  private final BulkQueryCalls bulkQueries;
  private final BulkIngestCalls bulkIngest;
  private final JobWaiter waiter;
  private final ToolingCalls tooling;
  private @Nullable PubSubClient pubSub;

  private HttpSalesforceApi(SalesforceConfig settings) {
    this.settings = settings;
    this.accounting = new ApiAccounting(settings.callListener()::called);
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(settings.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.watchdog = new IdleWatchdog(settings.bodyIdleTimeout());
    HttpExchange exchange =
        new HttpExchange(
            http,
            accounting,
            settings.clock(),
            settings.requestTimeout(),
            settings.acceptGzip(),
            settings.callOptionsClient(),
            watchdog);
    RetryExecutor retry =
        new RetryExecutor(
            settings.maxAttempts(),
            settings.initialBackoff(),
            settings.maxBackoff(),
            settings.callDeadline(),
            settings.clock(),
            settings.sleeper());
    this.session =
        new Session(
            new TokenEndpoint(settings.loginUrl(), exchange, retry, settings.clock()),
            settings.credentials(),
            settings.expectedOrganizationId());
    Transport transport = new Transport(session, exchange, retry);
    String dataPath = settings.dataPath();
    this.metadata = new MetadataCalls(transport, dataPath);
    this.queries = new QueryCalls(transport, dataPath, settings.queryBatchSize());
    this.collections = new CollectionsCalls(transport, dataPath);
    this.bulkQueries = new BulkQueryCalls(transport, dataPath, settings.maxAttempts() - 1);
    this.bulkIngest =
        new BulkIngestCalls(
            transport, dataPath, settings.uploadLimitBytes(), settings.maxAttempts() - 1);
    this.tooling = new ToolingCalls(transport, dataPath);
    this.waiter =
        new JobWaiter(
            settings.clock(), settings.sleeper(), settings.jobPollInitial(), settings.jobPollMax());
  }

  public static HttpSalesforceApi create(SalesforceConfig settings) {
    Objects.requireNonNull(settings, "settings");
    log.atDebug()
        .setMessage("salesforce client configured")
        .addKeyValue("settings", settings)
        .log();
    return new HttpSalesforceApi(settings);
  }

  public SalesforceConfig settings() {
    return settings;
  }

  /** Tokens obtained so far (1 after the first login, +1 per renewal). */
  public long sessionRenewals() {
    return session.renewals();
  }

  // ---- identity and metadata

  @Override
  public OrgIdentity identity() {
    return metadata.identity();
  }

  @Override
  public List<SObjectSummary> describeGlobal() {
    return metadata.describeGlobal();
  }

  @Override
  public SObjectDescribe describe(String sobject) {
    return metadata.describe(sobject);
  }

  @Override
  public OrgLimits limits() {
    return metadata.limits();
  }

  @Override
  public List<String> versions() {
    return metadata.versions();
  }

  @Override
  public String apiVersion() {
    return settings.apiVersion();
  }

  // ---- REST reads

  @Override
  public RecordStream query(Soql soql, boolean includeDeleted) {
    return queries.query(soql, includeDeleted);
  }

  @Override
  public long count(Soql countSoql, boolean includeDeleted) {
    return queries.count(countSoql, includeDeleted);
  }

  @Override
  public UpdatedIds getUpdated(String sobject, Instant start, Instant end) {
    return queries.getUpdated(sobject, start, end);
  }

  @Override
  public DeletedRecords getDeleted(String sobject, Instant start, Instant end) {
    return queries.getDeleted(sobject, start, end);
  }

  // ---- Bulk API 2.0 query

  @Override
  public BulkJob createQueryJob(Soql soql, boolean includeDeleted) {
    return bulkQueries.create(soql, includeDeleted);
  }

  @Override
  public BulkJob queryJob(String jobId) {
    return bulkQueries.get(jobId);
  }

  @Override
  public QueryResultPage queryResults(
      String jobId, @Nullable String locator, @Nullable Integer maxRecords) {
    return bulkQueries.results(jobId, locator, maxRecords);
  }

  @Override
  public BulkJob abortQueryJob(String jobId) {
    return bulkQueries.abort(jobId);
  }

  @Override
  public void deleteQueryJob(String jobId) {
    bulkQueries.delete(jobId);
  }

  @Override
  public BulkJob awaitQueryJob(String jobId, Duration maxWait, BooleanSupplier cancelled) {
    return waiter.await(jobId, false, () -> bulkQueries.get(jobId), maxWait, cancelled);
  }

  // ---- Bulk API 2.0 ingest

  @Override
  public BulkJob createIngestJob(IngestSpec spec) {
    return bulkIngest.create(spec);
  }

  @Override
  public void upload(String jobId, CsvSource csv) {
    bulkIngest.upload(jobId, csv);
  }

  @Override
  public void upload(String jobId, IngestOperation operation, List<SaveRequest> records) {
    bulkIngest.upload(jobId, SaveRequestCsv.of(operation, records));
  }

  @Override
  public List<IngestUpload> ingest(IngestSpec spec, CsvSource csv) {
    return bulkIngest.ingest(spec, csv);
  }

  @Override
  public BulkJob closeIngestJob(String jobId) {
    return bulkIngest.close(jobId);
  }

  @Override
  public BulkJob abortIngestJob(String jobId) {
    return bulkIngest.abort(jobId);
  }

  @Override
  public BulkJob ingestJob(String jobId) {
    return bulkIngest.get(jobId);
  }

  @Override
  public RecordStream ingestResults(String jobId, IngestResultKind kind) {
    return bulkIngest.results(jobId, kind);
  }

  @Override
  public void deleteIngestJob(String jobId) {
    bulkIngest.delete(jobId);
  }

  @Override
  public BulkJob awaitIngestJob(String jobId, Duration maxWait, BooleanSupplier cancelled) {
    return waiter.await(jobId, true, () -> bulkIngest.get(jobId), maxWait, cancelled);
  }

  // ---- sObject Collections

  @Override
  public List<SaveResult> save(
      SaveOperation operation,
      String sobject,
      List<SaveRequest> records,
      @Nullable String externalIdField) {
    return collections.save(operation, sobject, records, externalIdField);
  }

  @Override
  public List<Optional<SfRecord>> retrieve(String sobject, List<String> ids, List<String> fields) {
    return collections.retrieve(sobject, ids, fields);
  }

  // ---- accounting

  @Override
  public Optional<ApiUsage> apiUsage() {
    return accounting.apiUsage();
  }

  @Override
  public Map<String, Long> callCounts() {
    return accounting.callCounts();
  }

  // ---- change events

  /** The Pub/Sub API client of this org, opened on first use (no connection until a subscribe). */
  @Override
  public synchronized Optional<ChangeEventSource> changeEvents() {
    if (pubSub == null) {
      pubSub =
          new PubSubClient(
              settings.pubSub(),
              session,
              settings.clock(),
              tooling::selectForChangeEvents,
              tooling::isSelected);
    }
    return Optional.of(pubSub);
  }

  @Override
  public void close() {
    PubSubClient p;
    synchronized (this) {
      p = pubSub;
    }
    if (p != null) p.close();
    watchdog.close();
    http.close();
  }
}
