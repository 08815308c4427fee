package dev.ferry.emulator.rest;

import dev.ferry.emulator.control.EndpointClass;
import dev.ferry.emulator.http.ApiException;
import dev.ferry.emulator.http.Exchange;
import dev.ferry.emulator.http.Json;
import dev.ferry.emulator.http.Router;
import dev.ferry.emulator.http.Router.Access;
import dev.ferry.emulator.org.FieldDef;
import dev.ferry.emulator.org.FieldType;
import dev.ferry.emulator.org.JsonValues;
import dev.ferry.emulator.org.ObjectDef;
import dev.ferry.emulator.org.OrgStore.WriteTx;
import dev.ferry.emulator.org.RecordInput;
import dev.ferry.emulator.org.RecordSaver;
import dev.ferry.emulator.org.RecordSaver.Saved;
import dev.ferry.emulator.org.SaveError;
import dev.ferry.emulator.org.SaveException;
import dev.ferry.emulator.org.SfIds;
import dev.ferry.emulator.org.StoredRecord;
import dev.ferry.emulator.org.ValueTypeException;
import dev.ferry.emulator.server.EmulatorContext;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;

/**
 * sObject Collections ({@code /composite/sobjects}): create, update, upsert, delete (at most 200
 * records) and retrieve, with allOrNone rollback semantics and per-item results in request order.
 * HTTP 200 whenever the request itself is well formed.
 */
public final class CollectionResources {
  private static final String BASE = "/services/data/{version}/composite/sobjects";
  private static final int MAX_RECORDS = 200;
  private static final int MAX_RETRIEVE_IDS = 2000;
  private static final SaveError ROLLED_BACK =
      SaveError.of(
          "ALL_OR_NONE_OPERATION_ROLLED_BACK",
          "Record rolled back because not all records were valid and the request was using"
              + " AllOrNone header");

  private final EmulatorContext ctx;

  public CollectionResources(EmulatorContext ctx) {
    this.ctx = ctx;
  }

  public void register(Router r) {
    EndpointClass c = EndpointClass.COMPOSITE;
    r.add("POST", BASE, c, Access.API, this::create);
    r.add("PATCH", BASE, c, Access.API, this::update);
    r.add("DELETE", BASE, c, Access.API, this::delete);
    r.add("GET", BASE + "/{type}", c, Access.API, this::retrieveGet);
    r.add("POST", BASE + "/{type}", c, Access.API, this::retrievePost);
    r.add("PATCH", BASE + "/{type}/{field}", c, Access.API, this::upsert);
  }

  private interface ItemSave {
    Saved save(WriteTx tx, RecordSaver saver);
  }

  /** One item: how to save it, or the error it already has. */
  private record Item(String id, ItemSave save, SaveError error, boolean created) {}

  private void requireVersion(Exchange ex, int major) {
    if (!ex.version().atLeast(major)) {
      throw ApiException.notFound();
    }
  }

  private void create(Exchange ex) {
    requireVersion(ex, 42);
    Body body = body(ex);
    List<Item> items = new ArrayList<>();
    for (JsonNode rec : body.records) {
      ObjectDef def = typeOrFail(rec);
      if (!def.props().createable()) {
        items.add(
            new Item(
                null,
                null,
                SaveError.of(
                    "INVALID_TYPE_FOR_OPERATION", "entity type cannot be inserted: " + def.name()),
                false));
        continue;
      }
      RecordInput input = JsonValues.record(rec);
      items.add(new Item(null, (tx, s) -> s.insert(tx, def, input), null, true));
    }
    ex.json(200, run(ex, items, body.allOrNone, false));
  }

  private void update(Exchange ex) {
    requireVersion(ex, 42);
    Body body = body(ex);
    List<Item> items = new ArrayList<>();
    for (JsonNode rec : body.records) {
      ObjectDef def = typeOrFail(rec);
      String id = null;
      RecordInput input = JsonValues.record(rec);
      for (String k : new ArrayList<>(input.values().keySet())) {
        if (k.equalsIgnoreCase("id")) {
          Object v = input.values().remove(k);
          id = v == null ? null : v.toString();
        }
      }
      if (id == null || id.isBlank()) {
        items.add(
            new Item(
                null,
                null,
                SaveError.of("MISSING_ARGUMENT", "Id not specified in an update call"),
                false));
        continue;
      }
      String finalId = id;
      items.add(
          new Item(
              SfIds.normalize(id) != null ? SfIds.normalize(id) : id,
              (tx, s) -> s.update(tx, def, finalId, input),
              null,
              false));
    }
    ex.json(200, run(ex, items, body.allOrNone, false));
  }

  private void upsert(Exchange ex) {
    requireVersion(ex, 46);
    ObjectDef def = RestSupport.object(ctx, ex.param("type"));
    FieldDef key = def.fieldDef(ex.param("field")).orElse(null);
    if (key == null || !(key.isLookupKey() || key.type() == FieldType.ID)) {
      throw new ApiException(
          404,
          "NOT_FOUND",
          "Provided external ID field does not exist or is not accessible: " + ex.param("field"));
    }
    Body body = body(ex);
    List<Item> items = new ArrayList<>();
    for (JsonNode rec : body.records) {
      String type = typeOf(rec);
      if (type == null || !type.equalsIgnoreCase(def.name())) {
        items.add(
            new Item(
                null,
                null,
                SaveError.of(
                    "INVALID_TYPE",
                    "Record type " + type + " does not match the URL's sObject type " + def.name()),
                false));
        continue;
      }
      RecordInput input = JsonValues.record(rec);
      items.add(new Item(null, (tx, s) -> s.upsert(tx, def, key, input), null, false));
    }
    ex.json(200, run(ex, items, body.allOrNone, true));
  }

  private void delete(Exchange ex) {
    requireVersion(ex, 42);
    String idsParam = ex.query("ids");
    if (idsParam == null || idsParam.isBlank()) {
      throw new ApiException(400, "MISSING_ARGUMENT", "ids parameter is required");
    }
    String[] ids = idsParam.split(",");
    if (ids.length > MAX_RECORDS) {
      throw tooMany();
    }
    boolean allOrNone = Boolean.parseBoolean(ex.query("allOrNone"));
    List<Item> items = new ArrayList<>();
    for (String raw : ids) {
      String id = raw.trim();
      String normalized = SfIds.normalize(id);
      if (normalized == null) {
        items.add(new Item(id, null, SaveError.of("MALFORMED_ID", "malformed id " + id), false));
        continue;
      }
      StoredRecord r = ctx.store().find(normalized);
      if (r != null && !r.def().props().deletable()) {
        items.add(
            new Item(
                normalized,
                null,
                SaveError.of(
                    "INVALID_TYPE_FOR_OPERATION",
                    "entity type cannot be deleted: " + r.objectName()),
                false));
        continue;
      }
      items.add(
          new Item(normalized, (tx, s) -> s.delete(tx, null, normalized, false), null, false));
    }
    ex.json(200, run(ex, items, allOrNone, false));
  }

  /** Saves items in one transaction; allOrNone rolls all back when one fails. */
  private List<Map<String, Object>> run(
      Exchange ex, List<Item> items, boolean allOrNone, boolean reportCreated) {
    List<Object[]> outcomes = new ArrayList<>();
    try {
      ctx.store()
          .write(
              ex.changeOrigin(),
              tx -> {
                RecordSaver saver = ctx.saver();
                boolean anyFailed = false;
                for (Item item : items) {
                  if (item.error != null) {
                    outcomes.add(new Object[] {item.id, item.error, null});
                    anyFailed = true;
                    continue;
                  }
                  int sp = tx.savepoint();
                  try {
                    Optional<SaveError> injected = ctx.recordFaults().next();
                    if (injected.isPresent()) {
                      throw new SaveException(injected.get());
                    }
                    Saved saved = item.save.save(tx, saver);
                    outcomes.add(new Object[] {saved.id(), null, saved.created()});
                  } catch (ValueTypeException e) {
                    throw e;
                  } catch (SaveException e) {
                    tx.rollbackTo(sp);
                    outcomes.add(new Object[] {item.id, e.error(), null});
                    anyFailed = true;
                  }
                }
                if (allOrNone && anyFailed) {
                  tx.rollback();
                }
                return null;
              });
    } catch (ValueTypeException e) {
      throw new ApiException(400, "JSON_PARSER_ERROR", e.jsonParserMessage());
    }
    boolean rolledBack = allOrNone && outcomes.stream().anyMatch(o -> o[1] != null);
    List<Map<String, Object>> results = new ArrayList<>();
    for (int i = 0; i < outcomes.size(); i++) {
      Object[] o = outcomes.get(i);
      SaveError err = (SaveError) o[1];
      Item item = items.get(i);
      if (err == null && rolledBack) {
        String id = item.created || item.id == null ? null : (String) o[0];
        results.add(withoutNullId(RestSupport.saveResult(id, ROLLED_BACK, null)));
      } else if (err != null) {
        results.add(withoutNullId(RestSupport.saveResult((String) o[0], err, null)));
      } else {
        results.add(
            RestSupport.saveResult((String) o[0], null, reportCreated ? (Boolean) o[2] : null));
      }
    }
    return results;
  }

  private static Map<String, Object> withoutNullId(Map<String, Object> m) {
    if (m.get("id") == null) {
      m.remove("id");
    }
    return m;
  }

  // --- retrieve ------------------------------------------------------------------------------

  private void retrieveGet(Exchange ex) {
    requireVersion(ex, 42);
    String ids = ex.query("ids");
    if (ids == null || ids.isBlank()) {
      throw new ApiException(400, "MISSING_ARGUMENT", "ids parameter is required");
    }
    retrieve(ex, List.of(ids.split(",")), ex.query("fields"));
  }

  private void retrievePost(Exchange ex) {
    requireVersion(ex, 42);
    JsonNode body = ex.jsonBody();
    List<String> ids = new ArrayList<>();
    body.path("ids").forEach(n -> ids.add(n.asString()));
    List<String> fields = new ArrayList<>();
    body.path("fields").forEach(n -> fields.add(n.asString()));
    if (ids.isEmpty()) {
      throw new ApiException(400, "MISSING_ARGUMENT", "ids are required");
    }
    retrieve(ex, ids, fields.isEmpty() ? null : String.join(",", fields));
  }

  private void retrieve(Exchange ex, List<String> ids, String fieldsParam) {
    if (ids.size() > MAX_RETRIEVE_IDS) {
      throw new ApiException(
          400,
          "EXCEEDED_ID_LIMIT",
          "record limit reached. cannot submit more than 2000 records into this call");
    }
    ObjectDef def = RestSupport.object(ctx, ex.param("type"));
    List<FieldDef> fields = new ArrayList<>();
    if (fieldsParam != null && !fieldsParam.isBlank()) {
      for (String f : fieldsParam.split(",")) {
        String name = f.trim();
        fields.add(
            def.fieldDef(name)
                .orElseThrow(() ->
                    new ApiException(
                        400,
                        "INVALID_FIELD",
                        "No such column '"
                            + name
                            + "' on entity '"
                            + def.name()
                            + "'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.")));
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = Json.MAPPER.createGenerator(out)) {
      g.writeStartArray();
      for (String raw : ids) {
        String id = SfIds.normalize(raw.trim());
        StoredRecord r = id == null ? null : ctx.store().find(id);
        if (r == null || r.isDeleted() || !r.objectName().equals(def.name())) {
          g.writeNull();
        } else {
          RecordJson.writeRow(g, RecordJson.toRow(r, fields), ex.version());
        }
      }
      g.writeEndArray();
    }
    ex.bytes(200, dev.ferry.emulator.http.Exchange.JSON_TYPE, out.toByteArray());
  }

  // --- body ----------------------------------------------------------------------------------

  private record Body(boolean allOrNone, List<JsonNode> records) {}

  private Body body(Exchange ex) {
    JsonNode root = ex.jsonBody();
    if (!root.isObject() || !root.path("records").isArray()) {
      throw new ApiException(
          400, "JSON_PARSER_ERROR", "The request body must hold a \"records\" array");
    }
    List<JsonNode> records = new ArrayList<>();
    root.path("records").forEach(records::add);
    if (records.size() > MAX_RECORDS) {
      throw tooMany();
    }
    for (JsonNode r : records) {
      if (!r.isObject()) {
        throw new ApiException(400, "JSON_PARSER_ERROR", "Each record must be a JSON object");
      }
    }
    return new Body(root.path("allOrNone").asBoolean(false), records);
  }

  private static ApiException tooMany() {
    return new ApiException(
        400,
        "EXCEEDED_ID_LIMIT",
        "record limit reached. cannot submit more than 200 records into this call");
  }

  /** Every record must name a known type: the whole request is refused otherwise. */
  private ObjectDef typeOrFail(JsonNode rec) {
    String type = typeOf(rec);
    if (type == null) {
      throw new ApiException(400, "INVALID_TYPE", "Must send a concrete entity type.");
    }
    return ctx.store()
        .schema()
        .find(type)
        .orElseThrow(() ->
            new ApiException(400, "INVALID_TYPE", "sObject type '" + type + "' is not supported."));
  }

  private static String typeOf(JsonNode rec) {
    JsonNode t = rec.path("attributes").path("type");
    return t.isMissingNode() || t.isNull() ? null : t.asString();
  }
}
