package dev.ferry.core.store;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One {@code _trigger_log} entry.
 *
 * @param old the row before the change (UPDATE/DELETE), column → text value (null values kept)
 * @param values INSERT: the whole row; UPDATE: only the changed columns
 */
public record ChangeEntry(
    long id,
    long txid,
    EntryAction action,
    String tableName,
    int recordId,
    @Nullable String sfid,
    Map<String, @Nullable String> old,
    Map<String, @Nullable String> values,
    EntryState state,
    Instant createdAt,
    @Nullable Instant updatedAt,
    @Nullable Integer sfResult,
    @Nullable String sfMessage) {}
