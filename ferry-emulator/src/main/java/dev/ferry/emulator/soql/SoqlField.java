package dev.ferry.emulator.soql;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A field as SOQL sees it.
 *
 * @param name canonical API name (the spelling results use)
 * @param referenceTo target objects of a reference field (more than one: polymorphic)
 * @param relationshipName the name used in paths ({@code Account}, {@code Parent__r}), or null
 * @param filterable false for e.g. long text areas (WHERE on them is an error)
 */
public record SoqlField(
    String name,
    SoqlType type,
    List<String> referenceTo,
    @Nullable String relationshipName,
    boolean filterable,
    boolean sortable) {}
