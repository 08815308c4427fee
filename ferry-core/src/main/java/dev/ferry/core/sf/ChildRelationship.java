package dev.ferry.core.sf;

import org.jspecify.annotations.Nullable;

public record ChildRelationship(
    String childSObject, String field, @Nullable String relationshipName) {}
