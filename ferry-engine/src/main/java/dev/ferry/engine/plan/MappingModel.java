package dev.ferry.engine.plan;

import dev.ferry.core.model.ColumnRole;
import dev.ferry.core.model.ColumnSpec;
import dev.ferry.core.model.TableSpec;
import dev.ferry.core.sf.FieldDescribe;
import dev.ferry.core.sf.FieldType;
import dev.ferry.core.sf.SObjectDescribe;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A mapping's config resolved against its object's describe: the table and what each read must
 * select.
 *
 * @param spec the mapped table
 * @param modstampField SystemModstamp, or LastModifiedDate for objects without it
 * @param restPaths every field path the table needs (REST reads select them all)
 * @param bulkPaths {@code restPaths} without relationship paths: Bulk loads and bulk polls leave
 *     those to RESOLVE_EXTERNAL_IDS / POLL_EXTERNAL_IDS, as Heroku Connect does
 * @param relationshipPaths {@code Account.External_Id__c} paths of relationship external-id columns
 * @param lookupFields the lookup fields behind them ({@code AccountId}), for "has a parent" filters
 * @param restOnly true when a mapped field is base64, which the Bulk API cannot return
 */
public record MappingModel(
    SObjectDescribe describe,
    Map<String, SObjectDescribe> parents,
    TableSpec spec,
    String modstampField,
    List<String> restPaths,
    List<String> bulkPaths,
    List<String> relationshipPaths,
    List<String> lookupFields,
    boolean restOnly) {

  public MappingModel {
    parents = Map.copyOf(parents);
    restPaths = List.copyOf(restPaths);
    bulkPaths = List.copyOf(bulkPaths);
    relationshipPaths = List.copyOf(relationshipPaths);
    lookupFields = List.copyOf(lookupFields);
  }

  public static MappingModel of(
      SObjectDescribe describe, Map<String, SObjectDescribe> parents, TableSpec spec) {
    List<String> rest = spec.sourcePaths();
    List<String> bulk = new ArrayList<>();
    List<String> relationships = new ArrayList<>();
    Set<String> lookups = new LinkedHashSet<>();
    for (ColumnSpec c : spec.syncedColumns()) {
      if (c.role() == ColumnRole.RELATIONSHIP_EXTERNAL_ID) {
        relationships.add(c.sourcePath());
        String relationship = c.sourcePath().substring(0, c.sourcePath().indexOf('.'));
        describe.referenceByRelationship(relationship).ifPresent(f -> lookups.add(f.name()));
      } else {
        bulk.add(c.sourcePath());
      }
    }
    boolean restOnly =
        spec.syncedColumns().stream()
            .map(c -> describe.field(c.sourcePath()))
            .flatMap(java.util.Optional::stream)
            .map(FieldDescribe::type)
            .anyMatch(t -> t == FieldType.BASE64);
    String modstamp = spec.modstampColumn().sourcePath();
    return new MappingModel(
        describe,
        parents,
        spec,
        modstamp,
        rest,
        bulk,
        relationships,
        List.copyOf(lookups),
        restOnly);
  }

  public String objectName() {
    return describe.name();
  }

  public boolean hasRelationshipColumns() {
    return !relationshipPaths.isEmpty();
  }

  /** Columns of {@code newer} that this model's table does not have yet. */
  public List<ColumnSpec> columnsAddedIn(TableSpec newer) {
    Set<String> have = new LinkedHashSet<>();
    spec.columns().forEach(c -> have.add(c.name()));
    return newer.columns().stream().filter(c -> !have.contains(c.name())).toList();
  }
}
