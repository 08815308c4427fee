package dev.ferry.core.control;

import java.time.Instant;

/**
 * One failed write to Salesforce, as Heroku Connect's errors API lists it ({@code {id, table_name,
 * record_id, message, created_at}}).
 *
 * @param id the {@code _trigger_log} entry id
 * @param tableName the mapped table
 * @param recordId the row's {@code id}
 * @param message Salesforce's error (the entry's {@code sf_message})
 * @param createdAt when the change was captured
 */
public record WriteError(
    long id, String tableName, int recordId, String message, Instant createdAt) {}
