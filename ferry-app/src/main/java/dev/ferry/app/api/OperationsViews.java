package dev.ferry.app.api;

import dev.ferry.app.hc.Json;
import dev.ferry.core.control.Check;
import dev.ferry.core.control.Diagnosis;
import dev.ferry.core.control.MappingDiagnosis;
import dev.ferry.core.control.RetryResult;
import dev.ferry.core.control.SchemaDiff;
import dev.ferry.core.control.WriteError;
import dev.ferry.core.control.WriteErrors;
import dev.ferry.core.sf.FieldDescribe;
import dev.ferry.core.sf.PicklistValue;
import dev.ferry.core.sf.SObjectDescribe;
import dev.ferry.core.store.Notification;
import dev.ferry.core.store.StateChange;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The operations endpoints' JSON (write errors, diagnostics, notifications, schemas, schema diff,
 * history) in Heroku Connect API v3's shapes; keys Ferry adds are documented in docs/api.md.
 */
final class OperationsViews {
  private OperationsViews() {}

  static ObjectNode writeErrors(WriteErrors errors) {
    ObjectNode n = Json.object();
    n.put("count", errors.count());
    ArrayNode results = n.putArray("results");
    for (WriteError e : errors.results()) {
      ObjectNode r = results.addObject();
      r.put("id", e.id());
      r.put("table_name", e.tableName());
      r.put("record_id", e.recordId());
      r.put("message", e.message());
      r.put("created_at", Json.time(e.createdAt()));
    }
    return n;
  }

  static ObjectNode retry(RetryResult r) {
    ObjectNode n = Json.object();
    n.put("requeued", r.requeued());
    n.put("captured", r.captured());
    return n;
  }

  /**
   * Heroku Connect's grouping: {@code errors} (RED), {@code warnings}, {@code passes}, {@code
   * skips}.
   */
  static ObjectNode checks(List<Check> checks) {
    ObjectNode n = Json.object();
    ArrayNode errors = n.putArray("errors");
    ArrayNode warnings = n.putArray("warnings");
    ArrayNode passes = n.putArray("passes");
    ArrayNode skips = n.putArray("skips");
    for (Check c : checks) {
      ArrayNode into =
          switch (c.status()) {
            case RED -> errors;
            case YELLOW -> warnings;
            case GREEN -> passes;
            case SKIPPED -> skips;
          };
      ObjectNode r = into.addObject();
      r.put("rule_id", c.ruleId());
      r.put("display_name", c.displayName());
      r.put("status", c.status().name());
      r.put("message", c.message());
      r.put("doc_url", c.docUrl());
    }
    return n;
  }

  static ObjectNode mappingDiagnosis(MappingDiagnosis d) {
    ObjectNode n = checks(d.checks());
    n.put("mapping_id", d.mapping().toString());
    n.put("object_name", d.objectName());
    return n;
  }

  static ObjectNode diagnosis(Diagnosis d) {
    ObjectNode n = checks(d.checks());
    n.put("connection_id", d.connection().toString());
    n.put("diagnosed_at", Json.time(d.at()));
    ObjectNode mappings = n.putObject("mappings");
    for (MappingDiagnosis m : d.mappings()) mappings.set(m.objectName(), mappingDiagnosis(m));
    return n;
  }

  static ObjectNode notifications(List<Notification> list) {
    ObjectNode n = Json.object();
    n.put("count", list.size());
    ArrayNode results = n.putArray("results");
    for (Notification x : list) {
      ObjectNode r = results.addObject();
      r.put("id", x.id());
      r.put("created_at", Json.time(x.createdAt()));
      r.put("event_type", x.kind());
      r.put("message", x.message());
      r.put("mapping_id", x.mapping() == null ? null : x.mapping().toString());
    }
    return n;
  }

  static ObjectNode history(List<StateChange> changes) {
    ObjectNode n = Json.object();
    ArrayNode results = n.putArray("results");
    for (StateChange c : changes) {
      ObjectNode r = results.addObject();
      r.put("state", c.to());
      r.put("previous_state", c.from());
      r.put("at", Json.time(c.at()));
      r.put("reason", c.reason());
    }
    return n;
  }

  static ObjectNode schema(SObjectDescribe d) {
    ObjectNode n = Json.object();
    n.put("name", d.name());
    n.put("label", d.summary().label());
    ArrayNode fields = n.putArray("fields");
    for (FieldDescribe f : d.fields()) {
      ObjectNode r = fields.addObject();
      r.put("name", f.name());
      r.put("label", f.label());
      r.put("type", f.type().wireName());
      r.put("length", f.length());
      r.put("precision", f.precision());
      r.put("scale", f.scale());
      r.put("required", f.requiredOnCreate());
      r.put("nillable", f.nillable());
      r.put("createable", f.createable());
      r.put("updateable", f.updateable());
      r.put("external_id", f.externalId());
      r.put("id_lookup", f.idLookup());
      r.put("unique", f.unique());
      r.put("calculated", f.calculated());
      ArrayNode refs = r.putArray("reference_to");
      f.referenceTo().forEach(refs::add);
      r.put("relationship_name", f.relationshipName());
      if (!f.picklistValues().isEmpty()) {
        ArrayNode values = r.putArray("picklist_values");
        for (PicklistValue v : f.picklistValues()) values.add(v.value());
      }
    }
    return n;
  }

  static ObjectNode schemaDiff(SchemaDiff d) {
    ObjectNode n = Json.object();
    n.put("current_api_version", d.currentApiVersion());
    n.put("target_api_version", d.targetApiVersion());
    n.put("guid", d.guid());
    ArrayNode mappings = n.putArray("mappings");
    for (SchemaDiff.MappingDiff m : d.mappings()) {
      ObjectNode r = mappings.addObject();
      r.put("name", m.name());
      r.put("fields_have_changed", m.fieldsHaveChanged());
      r.put("has_unsafe_changes", m.hasUnsafeChanges());
      r.put("action_undetermined", m.actionUndetermined());
      r.put("result_message", m.resultMessage());
      ArrayNode changes = r.putArray("changes");
      m.changes().forEach(changes::add);
    }
    return n;
  }
}
