package dev.ferry.emulator.soql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** An sObject type for tests, built field by field. */
final class TestObject implements SoqlObject {
  private final String name;
  private final String keyPrefix;
  private final Map<String, SoqlField> fields = new LinkedHashMap<>();
  private final Map<String, SoqlField> relationships = new LinkedHashMap<>();
  private final Map<String, SoqlChildRelationship> children = new LinkedHashMap<>();

  TestObject(String name, String keyPrefix) {
    this.name = name;
    this.keyPrefix = keyPrefix;
    field("Id", SoqlType.ID);
    field("IsDeleted", SoqlType.BOOLEAN);
  }

  String keyPrefix() {
    return keyPrefix;
  }

  TestObject field(String fieldName, SoqlType type) {
    return add(new SoqlField(fieldName, type, List.of(), null, true, true));
  }

  /** A long text area: neither filterable nor sortable. */
  TestObject longText(String fieldName) {
    return add(new SoqlField(fieldName, SoqlType.TEXTAREA, List.of(), null, false, false));
  }

  TestObject lookup(String fieldName, String relationshipName, String... targets) {
    return add(
        new SoqlField(
            fieldName, SoqlType.REFERENCE, List.of(targets), relationshipName, true, true));
  }

  TestObject add(SoqlField field) {
    fields.put(field.name().toLowerCase(Locale.ROOT), field);
    if (field.relationshipName() != null) {
      relationships.put(field.relationshipName().toLowerCase(Locale.ROOT), field);
    }
    return this;
  }

  TestObject child(String relationshipName, String childObject, String field) {
    children.put(
        relationshipName.toLowerCase(Locale.ROOT),
        new SoqlChildRelationship(relationshipName, childObject, field));
    return this;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<SoqlField> fields() {
    return new ArrayList<>(fields.values());
  }

  @Override
  public Optional<SoqlField> field(String fieldName) {
    return Optional.ofNullable(fields.get(fieldName.toLowerCase(Locale.ROOT)));
  }

  @Override
  public Optional<SoqlField> parentRelationship(String relationshipName) {
    return Optional.ofNullable(relationships.get(relationshipName.toLowerCase(Locale.ROOT)));
  }

  @Override
  public Optional<SoqlChildRelationship> childRelationship(String relationshipName) {
    return Optional.ofNullable(children.get(relationshipName.toLowerCase(Locale.ROOT)));
  }
}
