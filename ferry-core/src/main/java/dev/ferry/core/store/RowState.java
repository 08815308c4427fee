package dev.ferry.core.store;

import org.jspecify.annotations.Nullable;

/**
 * A mapped row as the writer needs to know it just before writing one of its changes.
 *
 * @param present the row still exists
 * @param sfid the row's sfid, or (when the row has none) the sfid a successful write of one of its
 *     entries recorded; null when the record never reached Salesforce
 */
public record RowState(int recordId, boolean present, @Nullable String sfid) {}
