package dev.ferry.core.sf;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** One field of a describe result, with the metadata the sync needs to type and write it. */
public record FieldDescribe(
    String name,
    String label,
    FieldType type,
    int length,
    int precision,
    int scale,
    int digits,
    boolean nillable,
    boolean createable,
    boolean updateable,
    boolean defaultedOnCreate,
    boolean externalId,
    boolean idLookup,
    boolean unique,
    boolean calculated,
    boolean autoNumber,
    List<String> referenceTo,
    @Nullable String relationshipName,
    @Nullable String compoundFieldName,
    @Nullable String extraTypeInfo,
    List<PicklistValue> picklistValues) {

  public FieldDescribe {
    referenceTo = List.copyOf(referenceTo);
    picklistValues = List.copyOf(picklistValues);
  }

  /** Salesforce requires a value for this field on insert. */
  public boolean requiredOnCreate() {
    return createable && !nillable && !defaultedOnCreate && type != FieldType.BOOLEAN;
  }

  public boolean isReference() {
    return type == FieldType.REFERENCE && !referenceTo.isEmpty();
  }
}
