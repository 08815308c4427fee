package dev.ferry.core.sf;

import org.jspecify.annotations.Nullable;

/** An entry of describeGlobal. */
public record SObjectSummary(
    String name,
    String label,
    @Nullable String keyPrefix,
    boolean custom,
    boolean queryable,
    boolean replicateable,
    boolean createable,
    boolean updateable,
    boolean deletable) {}
