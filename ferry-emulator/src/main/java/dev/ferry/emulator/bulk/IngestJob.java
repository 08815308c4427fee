package dev.ferry.emulator.bulk;

import dev.ferry.emulator.org.ApiVersion;
import java.io.ByteArrayOutputStream;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A Bulk API 2.0 ingest job: uploaded CSV, and after processing the three result sets. */
public final class IngestJob extends BulkJob {
  private final @Nullable String externalIdFieldName;
  private final @Nullable String assignmentRuleId;
  private final ByteArrayOutputStream data = new ByteArrayOutputStream();
  private int uploads;
  private long numberRecordsFailed;
  private long apiActiveProcessingTime;
  private List<String> header = List.of();
  private final List<String[]> successful = new ArrayList<>();
  private final List<String[]> failed = new ArrayList<>();
  private final List<String[]> unprocessed = new ArrayList<>();

  IngestJob(
      String id,
      String operation,
      String object,
      String createdById,
      ApiVersion apiVersion,
      CsvDialect dialect,
      @Nullable String externalIdFieldName,
      @Nullable String assignmentRuleId,
      InstantSource clock) {
    super(id, operation, object, createdById, apiVersion, dialect, JobState.Open, clock);
    this.externalIdFieldName = externalIdFieldName;
    this.assignmentRuleId = assignmentRuleId;
  }

  public @Nullable String externalIdFieldName() {
    return externalIdFieldName;
  }

  @Override
  public String jobType() {
    return "V2Ingest";
  }

  public String contentUrl() {
    return "services/data/" + apiVersion().path() + "/jobs/ingest/" + id() + "/batches";
  }

  synchronized void append(byte[] csv) {
    data.writeBytes(csv);
    uploads++;
  }

  synchronized byte[] data() {
    return data.toByteArray();
  }

  synchronized int uploads() {
    return uploads;
  }

  synchronized void releaseData() {
    data.reset();
  }

  synchronized void header(List<String> columns) {
    this.header = List.copyOf(columns);
  }

  public synchronized List<String> header() {
    return header;
  }

  synchronized void addResults(List<String[]> ok, List<String[]> bad) {
    successful.addAll(ok);
    failed.addAll(bad);
    numberRecordsFailed += bad.size();
    addProcessed(ok.size() + bad.size());
  }

  synchronized void addUnprocessed(List<String[]> rows) {
    unprocessed.addAll(rows);
  }

  synchronized void addActiveTime(long ms) {
    apiActiveProcessingTime += ms;
  }

  public synchronized List<String[]> successful() {
    return List.copyOf(successful);
  }

  public synchronized List<String[]> failed() {
    return List.copyOf(failed);
  }

  public synchronized List<String[]> unprocessed() {
    return List.copyOf(unprocessed);
  }

  public synchronized long numberRecordsFailed() {
    return numberRecordsFailed;
  }

  @Override
  public synchronized Map<String, Object> createInfo() {
    Map<String, Object> m = baseInfo();
    if (externalIdFieldName != null) {
      m.put("externalIdFieldName", externalIdFieldName);
    }
    m.put("concurrencyMode", "Parallel");
    m.put("contentType", "CSV");
    m.put("apiVersion", Double.valueOf(apiVersion().number()));
    m.put("contentUrl", contentUrl());
    m.put("lineEnding", dialect().lineEnding());
    m.put("columnDelimiter", dialect().columnDelimiter());
    if (assignmentRuleId != null) {
      m.put("assignmentRuleId", assignmentRuleId);
    }
    return m;
  }

  @Override
  public synchronized Map<String, Object> shortInfo() {
    Map<String, Object> m = baseInfo();
    if (externalIdFieldName != null) {
      m.put("externalIdFieldName", externalIdFieldName);
    }
    m.put("concurrencyMode", "Parallel");
    m.put("contentType", "CSV");
    m.put("apiVersion", Double.valueOf(apiVersion().number()));
    return m;
  }

  @Override
  public synchronized Map<String, Object> fullInfo() {
    Map<String, Object> m = baseInfo();
    if (externalIdFieldName != null) {
      m.put("externalIdFieldName", externalIdFieldName);
    }
    m.put("concurrencyMode", "Parallel");
    m.put("contentType", "CSV");
    m.put("apiVersion", Double.valueOf(apiVersion().number()));
    m.put("jobType", jobType());
    m.put("contentUrl", contentUrl());
    m.put("lineEnding", dialect().lineEnding());
    m.put("columnDelimiter", dialect().columnDelimiter());
    if (assignmentRuleId != null) {
      m.put("assignmentRuleId", assignmentRuleId);
    }
    m.put("numberRecordsProcessed", numberRecordsProcessed());
    m.put("numberRecordsFailed", numberRecordsFailed);
    m.put("retries", retries());
    m.put("totalProcessingTime", totalProcessingTime());
    m.put("apiActiveProcessingTime", apiActiveProcessingTime);
    m.put("apexProcessingTime", 0);
    if (errorMessage() != null) {
      m.put("errorMessage", errorMessage());
    }
    return m;
  }
}
