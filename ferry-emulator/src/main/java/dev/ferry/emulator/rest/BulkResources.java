package dev.ferry.emulator.rest;

import dev.ferry.emulator.bulk.BulkJob;
import dev.ferry.emulator.bulk.BulkService;
import dev.ferry.emulator.bulk.CsvBytes;
import dev.ferry.emulator.bulk.CsvDialect;
import dev.ferry.emulator.bulk.IngestJob;
import dev.ferry.emulator.bulk.JobState;
import dev.ferry.emulator.bulk.QueryJob;
import dev.ferry.emulator.control.EndpointClass;
import dev.ferry.emulator.http.ApiException;
import dev.ferry.emulator.http.Exchange;
import dev.ferry.emulator.http.Router;
import dev.ferry.emulator.http.Router.Access;
import dev.ferry.emulator.org.ApiVersion;
import dev.ferry.emulator.org.FieldDef;
import dev.ferry.emulator.org.FieldType;
import dev.ferry.emulator.org.ObjectDef;
import dev.ferry.emulator.org.SoqlNoData;
import dev.ferry.emulator.server.EmulatorContext;
import dev.ferry.emulator.soql.Soql;
import dev.ferry.emulator.soql.SoqlException;
import dev.ferry.emulator.soql.SoqlQuery;
import dev.ferry.emulator.soql.SoqlResult;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Bulk API 2.0 ingest and query job endpoints. */
public final class BulkResources {
  private static final String INGEST = "/services/data/{version}/jobs/ingest";
  private static final String QUERY = "/services/data/{version}/jobs/query";
  private static final int LIST_PAGE = 1000;

  private static final Set<String> OPERATIONS =
      Set.of("insert", "update", "upsert", "delete", "hardDelete");

  /** Objects Bulk API 2.0 chunks by primary key (seed bulk-api-2-job-states.txt). */
  private static final Set<String> PK_CHUNKING_OBJECTS =
      Set.of(
          "Account",
          "AccountContactRelation",
          "AccountTeamMember",
          "AiVisitSummary",
          "Asset",
          "B2BMktActivity",
          "B2BMktProspect",
          "Campaign",
          "CampaignMember",
          "CandidateAnswer",
          "Case",
          "CaseArticle",
          "CaseComment",
          "Claim",
          "ClaimParticipant",
          "Contact",
          "ContractLineItem",
          "ConversationEntry",
          "CustomerProperty",
          "EinsteinAnswerFeedback",
          "EmailMessage",
          "EngagementScore",
          "Event",
          "EventRelation",
          "FeedItem",
          "Individual",
          "InsurancePolicy",
          "InsurancePolicyAsset",
          "InsurancePolicyParticipant",
          "Lead",
          "LeadInsight",
          "LiveChatTranscript",
          "LoginHistory",
          "LoyaltyLedger",
          "LoyaltyMemberCurrency",
          "LoyaltyMemberTier",
          "LoyaltyPartnerProduct",
          "LoyaltyProgramMember",
          "LoyaltyProgramPartner",
          "Note",
          "ObjectTerritory2Association",
          "Opportunity",
          "OpportunityContactRole",
          "OpportunityHistory",
          "OpportunityLineItem",
          "OpportunitySplit",
          "OpportunityTeamMember",
          "Pricebook2",
          "PricebookEntry",
          "Product2",
          "ProductConsumed",
          "ProductRequired",
          "QuickText",
          "Quote",
          "QuoteLineItem",
          "ReplyText",
          "ScoreIntelligence",
          "ServiceContract",
          "Task",
          "TermDocumentFrequency",
          "TransactionJournal",
          "User",
          "UserRole",
          "VoiceCall",
          "WorkOrder",
          "WorkOrderLineItem");

  private final EmulatorContext ctx;
  private final BulkService bulk;

  public BulkResources(EmulatorContext ctx) {
    this.ctx = ctx;
    this.bulk = ctx.bulk();
  }

  public void register(Router r) {
    EndpointClass b = EndpointClass.BULK;
    r.add("POST", INGEST, b, Access.API, this::createIngest);
    r.add("GET", INGEST, b, Access.API, ex -> list(ex, true));
    r.add("GET", INGEST + "/{id}", b, Access.API, this::info);
    r.add("PATCH", INGEST + "/{id}", b, Access.API, this::patchIngest);
    r.add("DELETE", INGEST + "/{id}", b, Access.API, this::deleteIngest);
    r.add("PUT", INGEST + "/{id}/batches", b, Access.API, this::upload);
    r.add(
        "GET", INGEST + "/{id}/successfulResults", b, Access.API, ex -> results(ex, "successful"));
    r.add("GET", INGEST + "/{id}/failedResults", b, Access.API, ex -> results(ex, "failed"));
    r.add(
        "GET",
        INGEST + "/{id}/unprocessedrecords",
        b,
        Access.API,
        ex -> results(ex, "unprocessed"));
    r.add("POST", QUERY, b, Access.API, this::createQuery);
    r.add("GET", QUERY, b, Access.API, ex -> list(ex, false));
    r.add("GET", QUERY + "/{id}", b, Access.API, this::info);
    r.add("PATCH", QUERY + "/{id}", b, Access.API, this::patchQuery);
    r.add("DELETE", QUERY + "/{id}", b, Access.API, this::deleteQuery);
    r.add("GET", QUERY + "/{id}/results", b, Access.API, this::queryResults);
  }

  // --- ingest -------------------------------------------------------------------------------

  private void createIngest(Exchange ex) {
    requireVersion(ex, 41);
    JsonNode body = ex.jsonBody();
    String operation = text(body, "operation");
    String object = text(body, "object");
    if (operation == null || !OPERATIONS.contains(operation)) {
      throw new ApiException(
          400,
          "INVALIDJOB",
          "InvalidJob : Invalid operation: " + operation + " (expected one of " + OPERATIONS + ")");
    }
    if (object == null) {
      throw new ApiException(400, "INVALIDJOB", "InvalidJob : object is required");
    }
    ObjectDef def =
        ctx.store()
            .schema()
            .find(object)
            .orElseThrow(() ->
                new ApiException(
                    400, "INVALIDJOB", "InvalidJob : Unable to find object: " + object));
    String contentType = text(body, "contentType");
    if (contentType != null && !contentType.equals("CSV")) {
      throw new ApiException(
          400, "INVALIDJOB", "InvalidJob : Invalid content type: " + contentType);
    }
    String ext = text(body, "externalIdFieldName");
    if (operation.equals("upsert")) {
      FieldDef key = ext == null ? null : def.fieldDef(ext).orElse(null);
      if (key == null || !(key.isLookupKey() || key.type() == FieldType.ID)) {
        throw new ApiException(
            400,
            "INVALIDJOB",
            "InvalidJob : Field name provided, "
                + ext
                + " does not match an External ID, Salesforce Id, or indexed field for "
                + def.name());
      }
      ext = key.name();
    } else {
      ext = null;
    }
    checkObjectOperation(def, operation);
    CsvDialect dialect = dialect(body);
    IngestJob job =
        bulk.createIngest(
            operation,
            def.name(),
            ex.requireSession().userId(),
            ex.version(),
            dialect,
            ext,
            text(body, "assignmentRuleId"));
    ex.json(200, job.createInfo());
  }

  private static void checkObjectOperation(ObjectDef def, String operation) {
    boolean allowed =
        switch (operation) {
          case "insert" -> def.props().createable();
          case "update" -> def.props().updateable();
          case "upsert" -> def.props().createable() && def.props().updateable();
          default -> def.props().deletable();
        };
    if (!allowed) {
      throw new ApiException(
          400,
          "INVALIDENTITY",
          "InvalidEntity : Entity '" + def.name() + "' is not supported for " + operation);
    }
  }

  private CsvDialect dialect(JsonNode body) {
    try {
      return CsvDialect.of(text(body, "columnDelimiter"), text(body, "lineEnding"));
    } catch (IllegalArgumentException e) {
      throw new ApiException(
          400,
          "INVALIDJOB",
          "InvalidJob : columnDelimiter must be one of BACKQUOTE, CARET, COMMA, PIPE, SEMICOLON,"
              + " TAB and lineEnding LF or CRLF");
    }
  }

  private void upload(Exchange ex) {
    IngestJob job = ingestJob(ex);
    if (job.state() != JobState.Open) {
      throw new ApiException(
          409,
          "INVALIDJOBSTATE",
          "Data can only be uploaded to an Open job; this job is " + job.state());
    }
    byte[] data = ex.body();
    if (data.length > 150L * 1024 * 1024) {
      throw new ApiException(400, "INVALIDBATCH", "InvalidBatch : The upload exceeds 150 MB");
    }
    bulk.upload(job, data);
    ex.status(201);
  }

  private void patchIngest(Exchange ex) {
    IngestJob job = ingestJob(ex);
    String state = text(ex.jsonBody(), "state");
    if ("UploadComplete".equals(state)) {
      Map<String, Object> info =
          bulk.close(job)
              .orElseThrow(() ->
                  new ApiException(
                      400,
                      "INVALIDJOBSTATE",
                      "Closing already " + describe(job.state()) + " Job not allowed"));
      ex.json(200, info);
      return;
    }
    if ("Aborted".equals(state)) {
      abort(job);
    } else {
      throw new ApiException(
          400, "INVALIDJOBSTATE", "The state must be UploadComplete or Aborted, not " + state);
    }
    ex.json(200, job.shortInfo());
  }

  private void abort(BulkJob job) {
    if (!bulk.abort(job)) {
      throw new ApiException(
          400, "INVALIDJOBSTATE", "Aborting already " + describe(job.state()) + " Job not allowed");
    }
  }

  private static String describe(JobState s) {
    return switch (s) {
      case JobComplete -> "Completed";
      default -> s.name();
    };
  }

  private void deleteIngest(Exchange ex) {
    IngestJob job = ingestJob(ex);
    JobState s = job.state();
    if (!(s.isTerminal() || s == JobState.UploadComplete)) {
      throw notTerminated();
    }
    bulk.delete(job.id());
    ex.noContent();
  }

  private static ApiException notTerminated() {
    return new ApiException(
        400,
        "API_ERROR",
        "Error encountered when deleting the job because the job is not terminated");
  }

  private void results(Exchange ex, String kind) {
    IngestJob job = ingestJob(ex);
    JobState s = job.state();
    if (!(s == JobState.JobComplete || s == JobState.Failed || s == JobState.Aborted)) {
      throw new ApiException(
          412,
          "JOB_NOT_COMPLETE",
          "Results are available once the job is JobComplete, Failed or Aborted; it is " + s);
    }
    String csv =
        switch (kind) {
          case "successful" -> BulkService.successfulResults(job);
          case "failed" -> BulkService.failedResults(job);
          default -> BulkService.unprocessedRecords(job);
        };
    ex.bytes(200, Exchange.CSV_TYPE, csv.getBytes(StandardCharsets.UTF_8));
  }

  private IngestJob ingestJob(Exchange ex) {
    requireVersion(ex, 41);
    return bulk.find(ex.param("id"))
        .filter(j -> j instanceof IngestJob)
        .map(j -> (IngestJob) j)
        .orElseThrow(ApiException::notFound);
  }

  // --- query --------------------------------------------------------------------------------

  private void createQuery(Exchange ex) {
    requireVersion(ex, 47);
    JsonNode body = ex.jsonBody();
    String operation = text(body, "operation");
    String text = text(body, "query");
    if (operation == null) {
      operation = "query";
    }
    if (!operation.equals("query") && !operation.equals("queryAll")) {
      throw new ApiException(400, "INVALIDJOB", "InvalidJob : Invalid operation: " + operation);
    }
    if (text == null || text.isBlank()) {
      throw new ApiException(400, "INVALIDJOB", "InvalidJob : query is required");
    }
    String contentType = text(body, "contentType");
    if (contentType != null && !contentType.equals("CSV")) {
      throw new ApiException(
          400, "INVALIDJOB", "InvalidJob : Invalid content type: " + contentType);
    }
    CsvDialect dialect = dialect(body);
    SoqlQuery parsed = Soql.parse(text);
    refuseUnsupported(parsed);
    SoqlResult probe;
    try {
      probe = parsed.execute(ctx.store().schema(), SoqlNoData.INSTANCE, false, ctx.store().clock());
    } catch (SoqlException e) {
      throw new ApiException(400, e.errorCode(), e.getMessage());
    }
    String object = probe.objectName();
    ObjectDef def = ctx.store().schema().find(object).orElse(null);
    boolean chunking = def != null && (def.isCustom() || PK_CHUNKING_OBJECTS.contains(def.name()));
    QueryJob job =
        bulk.createQuery(
            operation,
            object,
            ex.requireSession().userId(),
            ex.version(),
            dialect,
            text,
            parsed,
            chunking);
    ex.json(200, job.createResponse());
  }

  /** What Bulk API 2.0 query jobs refuse at creation. */
  private void refuseUnsupported(SoqlQuery q) {
    if (q.isCountOnly() || q.isAggregate()) {
      throw new ApiException(
          400,
          "API_ERROR",
          "Implementation restriction: Aggregate queries are not supported in Bulk Query");
    }
    if (q.hasSubqueries()) {
      throw new ApiException(
          400,
          "API_ERROR",
          "Implementation restriction: Parent-to-child subqueries are not supported in Bulk Query");
    }
    if (q.hasOffset()) {
      throw new ApiException(
          400, "API_ERROR", "Implementation restriction: OFFSET is not supported in Bulk Query");
    }
    if (q.usesFieldsFunction()) {
      throw new ApiException(
          400, "API_ERROR", "Implementation restriction: FIELDS() is not supported in Bulk Query");
    }
    if (q.hasTypeof()) {
      throw new ApiException(
          400, "API_ERROR", "Implementation restriction: TYPEOF is not supported in Bulk Query");
    }
    if (q.selectsCompoundField(ctx.store().schema())) {
      throw new ApiException(
          400, "API_ERROR", "Selecting compound data not supported in Bulk Query");
    }
  }

  private void patchQuery(Exchange ex) {
    QueryJob job = queryJob(ex);
    String state = text(ex.jsonBody(), "state");
    if (!"Aborted".equals(state)) {
      throw new ApiException(
          400, "INVALIDJOBSTATE", "A query job can only be set to Aborted, not " + state);
    }
    abort(job);
    ex.json(200, job.shortInfo());
  }

  private void deleteQuery(Exchange ex) {
    QueryJob job = queryJob(ex);
    if (!job.state().isTerminal()) {
      throw notTerminated();
    }
    bulk.delete(job.id());
    ex.noContent();
  }

  private void queryResults(Exchange ex) throws IOException {
    QueryJob job = queryJob(ex);
    if (!job.apiVersion().equals(ex.version())) {
      throw new ApiException(
          409,
          "API_ERROR",
          "The job was created with API version "
              + job.apiVersion().number()
              + "; request its results with the same version");
    }
    if (job.state() != JobState.JobComplete) {
      throw new ApiException(
          412,
          "JOB_NOT_COMPLETE",
          "can only download query results of successfully completed bulk job with status:"
              + " JOB_COMPLETE. Current status: "
              + job.state().name().toUpperCase(Locale.ROOT));
    }
    SoqlResult result = job.result();
    int total = result.size();
    int offset = 0;
    String locator = ex.query("locator");
    if (locator != null && !locator.isEmpty() && !locator.equals("null")) {
      offset = decodeLocator(locator);
      if (offset < 0 || offset > total) {
        throw new ApiException(400, "INVALID_QUERY_LOCATOR", "invalid locator: " + locator);
      }
    }
    int pageSize = ctx.options().bulkQueryPageSize();
    String max = ex.query("maxRecords");
    if (max != null && !max.isEmpty()) {
      try {
        pageSize = Integer.parseInt(max.trim());
      } catch (NumberFormatException e) {
        pageSize = -1;
      }
      if (pageSize <= 0) {
        throw new ApiException(
            400, "INVALIDPARAMETER", "maxRecords must be a positive integer: " + max);
      }
    }
    int end = (int) Math.min(total, (long) offset + pageSize);
    String next = end < total ? encodeLocator(end) : "null";
    ex.header("Sforce-Locator", next);
    ex.header("Sforce-NumberOfRecords", Integer.toString(end - offset));
    List<String> columns = result.columns();
    CsvDialect dialect = job.dialect();
    try (OutputStream out = ex.stream(200, Exchange.CSV_TYPE + "; charset=UTF-8")) {
      CsvBytes csv = new CsvBytes(out, dialect);
      for (String c : columns) {
        csv.quoted(c);
      }
      csv.endRow();
      for (int i = offset; i < end; i++) {
        for (Object v : result.flatRow(i)) {
          csv.value(v);
        }
        csv.endRow();
      }
      csv.flush();
    }
  }

  static String encodeLocator(int offset) {
    return Base64.getEncoder()
        .withoutPadding()
        .encodeToString(Integer.toString(offset).getBytes(StandardCharsets.US_ASCII));
  }

  static int decodeLocator(String locator) {
    try {
      return Integer.parseInt(
          new String(Base64.getDecoder().decode(pad(locator)), StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException e) {
      throw new ApiException(400, "INVALID_QUERY_LOCATOR", "invalid locator: " + locator);
    }
  }

  private static String pad(String s) {
    int r = s.length() % 4;
    return r == 0 ? s : s + "=".repeat(4 - r);
  }

  private QueryJob queryJob(Exchange ex) {
    requireVersion(ex, 47);
    return bulk.find(ex.param("id"))
        .filter(j -> j instanceof QueryJob)
        .map(j -> (QueryJob) j)
        .orElseThrow(ApiException::notFound);
  }

  // --- shared -------------------------------------------------------------------------------

  private void info(Exchange ex) {
    boolean ingestPath = ex.path().contains("/jobs/ingest");
    BulkJob job =
        bulk.find(ex.param("id"))
            .filter(j -> ingestPath == (j instanceof IngestJob))
            .orElseThrow(ApiException::notFound);
    requireVersion(ex, ingestPath ? 41 : 47);
    ex.json(200, job.fullInfo());
  }

  private void list(Exchange ex, boolean ingestPath) {
    requireVersion(ex, ingestPath ? 41 : 47);
    String jobType = ex.query("jobType");
    String concurrency = ex.query("concurrencyMode");
    List<Map<String, Object>> all = new ArrayList<>();
    for (BulkJob j : bulk.list()) {
      if (ingestPath != (j instanceof IngestJob)) {
        continue;
      }
      if (jobType != null && !jobType.equals(j.jobType())) {
        continue;
      }
      if (concurrency != null && !concurrency.equals("Parallel")) {
        continue;
      }
      all.add(j.fullInfo());
    }
    int offset = 0;
    String locator = ex.query("queryLocator");
    if (locator != null && !locator.isBlank()) {
      int dash = locator.lastIndexOf('-');
      try {
        offset = Integer.parseInt(locator.substring(dash + 1));
      } catch (RuntimeException e) {
        throw new ApiException(400, "INVALID_QUERY_LOCATOR", "invalid queryLocator: " + locator);
      }
    }
    int end = Math.min(all.size(), offset + LIST_PAGE);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("done", end >= all.size());
    m.put("records", offset >= all.size() ? List.of() : all.subList(offset, end));
    m.put(
        "nextRecordsUrl",
        end >= all.size()
            ? null
            : ex.version().base()
                + (ingestPath ? "/jobs/ingest" : "/jobs/query")
                + "?queryLocator=01g8d00000JobLst-"
                + end);
    ex.json(200, m);
  }

  private static void requireVersion(Exchange ex, int major) {
    ApiVersion v = ex.version();
    if (!v.atLeast(major)) {
      throw ApiException.notFound();
    }
  }

  private static String text(JsonNode body, String key) {
    JsonNode v = body.get(key);
    return v == null || v.isNull() ? null : v.asString();
  }
}
