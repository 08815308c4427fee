package dev.ferry.core.sf;

import org.jspecify.annotations.Nullable;

/**
 * A Bulk API 2.0 job's info as last read from Salesforce.
 *
 * @param operation insert, update, upsert, delete, hardDelete, query or queryAll
 * @param numberRecordsProcessed for ingest: successful + failed; for query: rows in the result
 * @param errorMessage Salesforce's message when the job Failed
 */
public record BulkJob(
    String id,
    String operation,
    String object,
    BulkJobState state,
    long numberRecordsProcessed,
    long numberRecordsFailed,
    int retries,
    @Nullable String errorMessage,
    String apiVersion) {

  public boolean isQuery() {
    return operation.equals("query") || operation.equals("queryAll");
  }
}
