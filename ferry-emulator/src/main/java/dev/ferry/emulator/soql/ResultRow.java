package dev.ferry.emulator.soql;

import java.util.LinkedHashMap;
import org.jspecify.annotations.Nullable;

/**
 * One row of a result. values keys are canonical names in select-list order; a value is a scalar
 * (see the package doc), a nested ResultRow for a parent relationship (null when the lookup is
 * empty), or a {@link ChildResult} for a subquery (null when it has no rows).
 *
 * @param type the sObject type of this row ("AggregateResult" for aggregates)
 * @param id the row's id, null for aggregates
 */
public record ResultRow(
    String type, @Nullable String id, LinkedHashMap<String, @Nullable Object> values) {}
