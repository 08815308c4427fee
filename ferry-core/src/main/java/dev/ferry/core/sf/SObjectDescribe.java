package dev.ferry.core.sf;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The describe of one sObject. Field lookups are case-insensitive, as in Salesforce. */
public final class SObjectDescribe {
  private final SObjectSummary summary;
  private final List<FieldDescribe> fields;
  private final List<ChildRelationship> childRelationships;
  private final Map<String, FieldDescribe> byLowerName = new LinkedHashMap<>();

  public SObjectDescribe(
      SObjectSummary summary,
      List<FieldDescribe> fields,
      List<ChildRelationship> childRelationships) {
    this.summary = summary;
    this.fields = List.copyOf(fields);
    this.childRelationships = List.copyOf(childRelationships);
    for (FieldDescribe f : this.fields) byLowerName.put(f.name().toLowerCase(Locale.ROOT), f);
  }

  public String name() {
    return summary.name();
  }

  public SObjectSummary summary() {
    return summary;
  }

  public List<FieldDescribe> fields() {
    return fields;
  }

  public List<ChildRelationship> childRelationships() {
    return childRelationships;
  }

  public Optional<FieldDescribe> field(String name) {
    return Optional.ofNullable(byLowerName.get(name.toLowerCase(Locale.ROOT)));
  }

  public boolean hasField(String name) {
    return byLowerName.containsKey(name.toLowerCase(Locale.ROOT));
  }

  /**
   * SystemModstamp when the object has it, else LastModifiedDate (e.g. share objects), else null.
   */
  public @Nullable String modstampField() {
    if (hasField("SystemModstamp")) return "SystemModstamp";
    if (hasField("LastModifiedDate")) return "LastModifiedDate";
    return null;
  }

  /** The reference field whose relationshipName is {@code relationshipName}, if any. */
  public Optional<FieldDescribe> referenceByRelationship(String relationshipName) {
    return fields.stream()
        .filter(f ->
            f.relationshipName() != null && f.relationshipName().equalsIgnoreCase(relationshipName))
        .findFirst();
  }
}
