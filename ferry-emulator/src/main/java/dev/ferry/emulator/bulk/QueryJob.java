package dev.ferry.emulator.bulk;

import dev.ferry.emulator.org.ApiVersion;
import dev.ferry.emulator.soql.SoqlQuery;
import dev.ferry.emulator.soql.SoqlResult;
import java.time.InstantSource;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A Bulk API 2.0 query job; its result is kept as a lazily projected SOQL result. */
public final class QueryJob extends BulkJob {
  private final String query;
  private final SoqlQuery parsed;
  private final boolean pkChunkingSupported;
  private @Nullable SoqlResult result;

  QueryJob(
      String id,
      String operation,
      String object,
      String createdById,
      ApiVersion apiVersion,
      CsvDialect dialect,
      String query,
      SoqlQuery parsed,
      boolean pkChunkingSupported,
      InstantSource clock) {
    super(id, operation, object, createdById, apiVersion, dialect, JobState.UploadComplete, clock);
    this.query = query;
    this.parsed = parsed;
    this.pkChunkingSupported = pkChunkingSupported;
  }

  @Override
  public String jobType() {
    return "V2Query";
  }

  public String query() {
    return query;
  }

  SoqlQuery parsed() {
    return parsed;
  }

  public boolean includeDeleted() {
    return operation().equals("queryAll");
  }

  public boolean pkChunkingSupported() {
    return pkChunkingSupported;
  }

  synchronized void result(SoqlResult r) {
    this.result = r;
  }

  public synchronized @Nullable SoqlResult result() {
    return result;
  }

  @Override
  public synchronized Map<String, Object> createInfo() {
    Map<String, Object> m = baseInfo();
    m.put("concurrencyMode", "Parallel");
    m.put("contentType", "CSV");
    m.put("apiVersion", Double.valueOf(apiVersion().number()));
    m.put("lineEnding", dialect().lineEnding());
    m.put("columnDelimiter", dialect().columnDelimiter());
    return m;
  }

  @Override
  public synchronized Map<String, Object> shortInfo() {
    return createInfo();
  }

  @Override
  public synchronized Map<String, Object> fullInfo() {
    Map<String, Object> m = createInfo();
    m.put("jobType", jobType());
    m.put("numberRecordsProcessed", numberRecordsProcessed());
    m.put("retries", retries());
    m.put("totalProcessingTime", totalProcessingTime());
    m.put("isPkChunkingSupported", pkChunkingSupported);
    if (errorMessage() != null) {
      m.put("errorMessage", errorMessage());
    }
    return m;
  }
}
