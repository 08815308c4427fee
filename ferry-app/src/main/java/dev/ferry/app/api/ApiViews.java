package dev.ferry.app.api;

import dev.ferry.app.hc.Json;
import dev.ferry.app.hc.MappingJson;
import dev.ferry.core.control.ConnectionView;
import dev.ferry.core.control.EventsView;
import dev.ferry.core.control.ImportPlan;
import dev.ferry.core.control.MappingView;
import dev.ferry.core.store.Connection;
import dev.ferry.core.store.Mapping;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Control-plane views rendered in Heroku Connect API v3's JSON shapes (heroku-connect.md §2.1,
 * §3.5). Pure presentation: every value comes from the view; keys Ferry cannot know yet (write-path
 * counts, write times) are null. Ferry adds {@code state_detail} and {@code error}, which Heroku
 * Connect clients ignore.
 */
final class ApiViews {
  static final String BASE = "/api/v3";

  private final DatabaseInfo database;

  ApiViews(DatabaseInfo database) {
    this.database = database;
  }

  ObjectNode connections(List<ConnectionView> views, boolean deep) {
    ObjectNode body = Json.object();
    body.put("count", views.size());
    ArrayNode results = body.putArray("results");
    views.forEach(v -> results.add(connection(v, deep)));
    return body;
  }

  ObjectNode connection(ConnectionView view, boolean deep) {
    Connection c = view.connection();
    ObjectNode n = Json.object();
    n.put("id", c.id().toString());
    n.put("name", c.name());
    n.put("schema_name", c.schemaName());
    n.put("db_key", "DATABASE_URL");
    ObjectNode db = n.putObject("database");
    db.put("host", database.host());
    db.put("port", database.port());
    db.put("database", database.database());
    n.put("organization_id", c.orgId());
    n.put("state", c.state().name());
    n.put("state_description", c.state().description());
    n.put("state_detail", c.stateDetail());
    n.put("detail_url", BASE + "/connections/" + c.id());
    ObjectNode sf = n.putObject("sf_info");
    sf.put("organization_id", c.orgId());
    sf.put("instance_url", c.instanceUrl());
    sf.put("api_version", c.apiVersion());
    ObjectNode features = n.putObject("features");
    c.features().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> features.put(e.getKey(), e.getValue()));
    n.put("created_at", Json.time(c.createdAt()));
    n.put("updated_at", Json.time(c.updatedAt()));
    n.put("mapping_count", view.mappings().size());
    if (deep) {
      ArrayNode mappings = n.putArray("mappings");
      view.mappings().forEach(m -> mappings.add(mapping(m)));
    }
    return n;
  }

  ObjectNode mapping(MappingView view) {
    Mapping m = view.mapping();
    String id = m.id().toString();
    ObjectNode n = Json.object();
    n.put("id", id);
    n.put("object_name", m.objectName());
    n.put("state", m.state().name());
    n.put("state_description", m.state().dashboardLabel());
    n.put("state_detail", m.stateDetail());
    n.put("error", m.error());
    ObjectNode config = MappingJson.writeConfig(m.config());
    config.put("revision", m.revision());
    config.put("applied_at", Json.time(m.updatedAt()));
    n.set("config", config);
    n.put("detail_url", BASE + "/mappings/" + id);
    n.put("errors_url", BASE + "/mappings/" + id + "/errors");
    n.put("schema_url", BASE + "/connections/" + m.connectionId() + "/schemas/" + m.objectName());
    n.put("created_at", Json.time(m.createdAt()));
    n.put("updated_at", Json.time(m.updatedAt()));
    n.putObject("connection").put("id", m.connectionId().toString());
    n.put("access", m.config().access().jsonValue());
    n.put("sf_notify_enabled", m.config().sfNotifyEnabled());
    n.put("sf_polling_seconds", m.config().sfPollingSeconds());
    n.put("upsert_field", m.config().upsertField());
    ObjectNode counts = n.putObject("counts");
    counts.put("db", view.dbCount());
    counts.put("sf", view.sfCount());
    counts.putNull("pending");
    counts.putNull("errors");
    ObjectNode times = n.putObject("times");
    times.put("sf_poll", Json.time(view.lastPollAt()));
    times.putNull("sf_write");
    times.putNull("db_poll");
    times.putNull("db_write");
    n.put("salesforce_count_date", Json.time(view.sfCountAt()));
    n.put("state_changed_at", Json.time(m.stateChangedAt()));
    n.put("watermark", Json.time(view.watermark()));
    EventsView e = view.events();
    ObjectNode events = n.putObject("events");
    events.put("on", e.on());
    events.put("status", e.status());
    events.put("reason", e.reason());
    events.put("last_event_at", Json.time(e.lastEventAt()));
    events.put("replay_id", e.replayId());
    events.put("latency_ms", e.latency() == null ? null : e.latency().toMillis());
    events.put("received", e.received());
    events.put("holder", e.holder());
    return n;
  }

  ObjectNode importPlan(ImportPlan plan, List<String> warnings, boolean applied) {
    ObjectNode n = Json.object();
    n.put("applied", applied);
    ArrayNode changes = n.putArray("changes");
    for (ImportPlan.Change c : plan.changes()) {
      ObjectNode ch = changes.addObject();
      ch.put("object_name", c.objectName());
      ch.put("action", c.action().name());
      ArrayNode added = ch.putArray("added_fields");
      c.addedFields().forEach(added::add);
      ArrayNode removed = ch.putArray("removed_fields");
      c.removedFields().forEach(removed::add);
    }
    ArrayNode w = n.putArray("warnings");
    warnings.forEach(w::add);
    return n;
  }
}
