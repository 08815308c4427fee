package dev.ferry.core.store;

import org.jspecify.annotations.Nullable;

/**
 * What the writer puts back on the mapped row with an entry's outcome.
 *
 * @param sfid the Salesforce id (set after an insert; null leaves the column as it is)
 * @param lastop {@code INSERTED}, {@code UPDATED}, {@code DELETED} or {@code FAILED}
 * @param hcErr {@code _hc_err} (JSON with code, message, fields) on failure, else null
 */
public record RowWriteBack(
    String table, int recordId, @Nullable String sfid, String lastop, @Nullable String hcErr) {}
