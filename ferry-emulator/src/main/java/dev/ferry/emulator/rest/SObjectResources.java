package dev.ferry.emulator.rest;

import dev.ferry.emulator.control.EndpointClass;
import dev.ferry.emulator.http.ApiException;
import dev.ferry.emulator.http.Exchange;
import dev.ferry.emulator.http.Router;
import dev.ferry.emulator.http.Router.Access;
import dev.ferry.emulator.org.ApiVersion;
import dev.ferry.emulator.org.FieldDef;
import dev.ferry.emulator.org.FieldType;
import dev.ferry.emulator.org.JsonValues;
import dev.ferry.emulator.org.ObjectDef;
import dev.ferry.emulator.org.ObjectTable;
import dev.ferry.emulator.org.OrgStore;
import dev.ferry.emulator.org.RecordInput;
import dev.ferry.emulator.org.RecordSaver.MultipleMatchesException;
import dev.ferry.emulator.org.RecordSaver.Saved;
import dev.ferry.emulator.org.SaveError;
import dev.ferry.emulator.org.SaveException;
import dev.ferry.emulator.org.SfFormats;
import dev.ferry.emulator.org.SfIds;
import dev.ferry.emulator.org.StoredRecord;
import dev.ferry.emulator.org.Tombstone;
import dev.ferry.emulator.server.EmulatorContext;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** describeGlobal, describe, sObject CRUD, upsert by external id, getUpdated / getDeleted. */
public final class SObjectResources {
  private static final String SOBJ = "/services/data/{version}/sobjects";
  private static final int MAX_REPLICATION_IDS = 600_000;

  private final EmulatorContext ctx;

  public SObjectResources(EmulatorContext ctx) {
    this.ctx = ctx;
  }

  public void register(Router r) {
    EndpointClass s = EndpointClass.SOBJECTS;
    r.add("GET", SOBJ, s, Access.API, this::describeGlobal);
    r.add("GET", SOBJ + "/{type}", s, Access.API, this::basicInfo);
    r.add("POST", SOBJ + "/{type}", s, Access.API, this::create);
    r.add("GET", SOBJ + "/{type}/describe", s, Access.API, this::describe);
    r.add("GET", SOBJ + "/{type}/updated", s, Access.API, this::updated);
    r.add("GET", SOBJ + "/{type}/deleted", s, Access.API, this::deleted);
    r.add("POST", SOBJ + "/{type}/{field}", s, Access.API, this::createById);
    r.add("GET", SOBJ + "/{type}/{id}", s, Access.API, this::read);
    r.add("PATCH", SOBJ + "/{type}/{id}", s, Access.API, this::update);
    r.add("DELETE", SOBJ + "/{type}/{id}", s, Access.API, this::delete);
    r.add("GET", SOBJ + "/{type}/{field}/{value}", s, Access.API, this::readByExternalId);
    r.add("PATCH", SOBJ + "/{type}/{field}/{value}", s, Access.API, this::upsert);
    r.add("POST", SOBJ + "/{type}/{field}/{value}", s, Access.API, this::upsert);
    r.add("DELETE", SOBJ + "/{type}/{field}/{value}", s, Access.API, this::deleteByExternalId);
  }

  private void describeGlobal(Exchange ex) {
    List<Map<String, Object>> objects = new ArrayList<>();
    for (ObjectDef d : ctx.store().schema().objects()) {
      objects.add(DescribeJson.globalEntry(d, ex.version()));
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("encoding", "UTF-8");
    m.put("maxBatchSize", 200);
    m.put("sobjects", objects);
    ex.json(200, m);
  }

  private void basicInfo(Exchange ex) {
    ObjectDef def = RestSupport.object(ctx, ex.param("type"));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("objectDescribe", DescribeJson.globalEntry(def, ex.version()));
    m.put("recentItems", List.of());
    ex.json(200, m);
  }

  private void describe(Exchange ex) {
    ObjectDef def = RestSupport.object(ctx, ex.param("type"));
    ex.json(200, DescribeJson.describe(def, ex.version()));
  }

  // --- create / read / update / delete ---------------------------------------------------

  private void create(Exchange ex) {
    ObjectDef def = RestSupport.object(ctx, ex.param("type"));
    requireObjectOp(def, def.props().createable(), "inserted");
    RecordInput input = recordBody(ex);
    Saved saved = save(ex, tx -> ctx.saver().insert(tx, def, input));
    ex.json(201, RestSupport.saveResult(saved.id(), null, null));
  }

  /** {@code POST /sobjects/T/Id}: insert using Id as the external key (API 37.0+). */
  private void createById(Exchange ex) {
    if (!ex.param("field").equalsIgnoreCase("Id")) {
      throw new ApiException(
          405,
          "METHOD_NOT_ALLOWED",
          "HTTP Method 'POST' not allowed. Allowed are GET,PATCH,DELETE");
    }
    ObjectDef def = RestSupport.object(ctx, ex.param("type"));
    requireObjectOp(def, def.props().createable(), "inserted");
    RecordInput input = recordBody(ex);
    Saved saved = save(ex, tx -> ctx.saver().insert(tx, def, input));
    ex.json(201, RestSupport.saveResult(saved.id(), null, true));
  }

  private void read(Exchange ex) {
    ObjectDef def = RestSupport.object(ctx, ex.param("type"));
    String raw = ex.param("id");
    String id = SfIds.normalize(raw);
    if (id == null) {
      throw new ApiException(
          404,
          "NOT_FOUND",
          "Provided external ID field does not exist or is not accessible: " + raw);
    }
    StoredRecord r = live(def, id).orElseThrow(ApiException::notFound);
    RestSupport.writeRecord(ex, RecordJson.toRow(r, fieldList(def, ex.query("fields"))));
  }

  private void update(Exchange ex) {
    ObjectDef def = RestSupport.object(ctx, ex.param("type"));
    requireObjectOp(def, def.props().updateable(), "updated");
    String id = existingId(def, ex.param("id"));
    RecordInput input = recordBody(ex);
    input.values().keySet().removeIf(k -> k.equalsIgnoreCase("Id"));
    save(ex, tx -> ctx.saver().update(tx, def, id, input));
    ex.noContent();
  }

  private void delete(Exchange ex) {
    ObjectDef def = RestSupport.object(ctx, ex.param("type"));
    requireObjectOp(def, def.props().deletable(), "deleted");
    String id = existingId(def, ex.param("id"));
    save(ex, tx -> ctx.saver().delete(tx, def, id, false));
    ex.noContent();
  }

  /** The id of a record to update or delete; 404 when it is unknown, deleted or malformed. */
  private String existingId(ObjectDef def, String raw) {
    String id = SfIds.normalize(raw);
    if (id == null) {
      throw new ApiException(
          404,
          "NOT_FOUND",
          "Provided external ID field does not exist or is not accessible: " + raw);
    }
    StoredRecord r = ctx.store().find(id);
    if (r == null || !r.objectName().equals(def.name())) {
      throw ApiException.notFound();
    }
    if (r.isDeleted()) {
      throw new ApiException(404, "ENTITY_IS_DELETED", "entity is deleted");
    }
    return id;
  }

  private Optional<StoredRecord> live(ObjectDef def, String id) {
    StoredRecord r = ctx.store().find(id);
    if (r == null || r.isDeleted() || !r.objectName().equals(def.name())) {
      return Optional.empty();
    }
    return Optional.of(r);
  }

  private static List<FieldDef> fieldList(ObjectDef def, String fields) {
    List<FieldDef> out = new ArrayList<>();
    if (fields == null || fields.isBlank()) {
      return out;
    }
    for (String f : fields.split(",")) {
      String name = f.trim();
      if (name.isEmpty()) {
        continue;
      }
      out.add(
          def.fieldDef(name)
              .orElseThrow(() ->
                  new ApiException(
                      400,
                      "INVALID_FIELD",
                      "No such column '"
                          + name
                          + "' on entity '"
                          + def.name()
                          + "'. If you are"
                          + " attempting to use a custom field, be sure to append the '__c'"
                          + " after the custom field name. Please reference your WSDL or the"
                          + " describe call for the appropriate names.")));
    }
    return out;
  }

  // --- external ids ------------------------------------------------------------------------

  private FieldDef externalKey(ObjectDef def, String name) {
    FieldDef f = def.fieldDef(name).orElse(null);
    if (f == null || !(f.isLookupKey() || f.type() == FieldType.ID)) {
      throw new ApiException(
          404,
          "NOT_FOUND",
          "Provided external ID field does not exist or is not accessible: " + name);
    }
    return f;
  }

  private List<StoredRecord> matches(ObjectDef def, FieldDef key, String value) {
    if (key.type() == FieldType.ID) {
      String id = SfIds.normalize(value);
      return id == null ? List.of() : live(def, id).map(List::of).orElse(List.of());
    }
    return ctx.store()
        .read(() -> {
          List<StoredRecord> out = new ArrayList<>();
          ObjectTable t = ctx.store().requireTable(def.name());
          for (StoredRecord r : t.all()) {
            if (r.isDeleted()) {
              continue;
            }
            Object v = r.get(key);
            if (v != null && equalsKey(key, v, value)) {
              out.add(r);
            }
          }
          return out;
        });
  }

  private static boolean equalsKey(FieldDef key, Object stored, String value) {
    String s =
        stored instanceof java.math.BigDecimal b
            ? b.stripTrailingZeros().toPlainString()
            : stored.toString();
    String v = value;
    if (stored instanceof java.math.BigDecimal) {
      try {
        v = new java.math.BigDecimal(value).stripTrailingZeros().toPlainString();
      } catch (NumberFormatException e) {
        return false;
      }
    }
    return key.caseSensitive() ? s.equals(v) : s.equalsIgnoreCase(v);
  }

  private void readByExternalId(Exchange ex) {
    ObjectDef def = RestSupport.object(ctx, ex.param("type"));
    FieldDef key = externalKey(def, ex.param("field"));
    List<StoredRecord> found = matches(def, key, ex.param("value"));
    if (found.isEmpty()) {
      throw ApiException.notFound();
    }
    if (found.size() > 1) {
      multipleChoices(ex, found);
      return;
    }
    RestSupport.writeRecord(ex, RecordJson.toRow(found.get(0), fieldList(def, ex.query("fields"))));
  }

  private void multipleChoices(Exchange ex, List<StoredRecord> found) {
    List<String> urls = new ArrayList<>();
    for (StoredRecord r : found) {
      urls.add(ex.version().base() + "/sobjects/" + r.objectName() + "/" + r.id());
    }
    ex.json(300, urls);
  }

  private void upsert(Exchange ex) {
    ObjectDef def = RestSupport.object(ctx, ex.param("type"));
    FieldDef key = externalKey(def, ex.param("field"));
    String value = ex.param("value");
    RecordInput input = recordBody(ex);
    for (Map.Entry<String, Object> e : new ArrayList<>(input.values().entrySet())) {
      if (e.getKey().equalsIgnoreCase(key.name())) {
        if (e.getValue() != null && !equalsKey(key, e.getValue(), value)) {
          throw new ApiException(
              400,
              "INVALID_FIELD",
              "The value of "
                  + key.name()
                  + " in the body does not match the external ID in the URL: "
                  + value);
        }
        input.values().remove(e.getKey());
      }
    }
    ApiVersion v = ex.version();
    if (key.type() == FieldType.ID) {
      String id = existingId(def, value);
      requireObjectOp(def, def.props().updateable(), "updated");
      save(ex, tx -> ctx.saver().update(tx, def, id, input));
      upsertResponse(ex, v, new Saved(id, false));
      return;
    }
    input.values().put(key.name(), value);
    Saved saved;
    try {
      saved = save(ex, tx -> ctx.saver().upsert(tx, def, key, input));
    } catch (ApiException e) {
      if (e.getCause() instanceof MultipleMatchesException) {
        multipleChoices(ex, matches(def, key, value));
        return;
      }
      throw e;
    }
    upsertResponse(ex, v, saved);
  }

  private void upsertResponse(Exchange ex, ApiVersion v, Saved saved) {
    if (saved.created()) {
      ex.json(201, RestSupport.saveResult(saved.id(), null, v.atLeast(46) ? Boolean.TRUE : null));
    } else if (v.atLeast(46)) {
      ex.json(200, RestSupport.saveResult(saved.id(), null, Boolean.FALSE));
    } else {
      ex.noContent();
    }
  }

  private void deleteByExternalId(Exchange ex) {
    ObjectDef def = RestSupport.object(ctx, ex.param("type"));
    requireObjectOp(def, def.props().deletable(), "deleted");
    FieldDef key = externalKey(def, ex.param("field"));
    List<StoredRecord> found = matches(def, key, ex.param("value"));
    if (found.isEmpty()) {
      throw ApiException.notFound();
    }
    if (found.size() > 1) {
      multipleChoices(ex, found);
      return;
    }
    String id = found.get(0).id();
    save(ex, tx -> ctx.saver().delete(tx, def, id, false));
    ex.noContent();
  }

  // --- replication -------------------------------------------------------------------------

  private void updated(Exchange ex) {
    ObjectDef def = RestSupport.object(ctx, ex.param("type"));
    Window w = window(ex, def, Duration.ofDays(30));
    List<String> ids = ctx.store().updatedBetween(def.name(), w.start, w.end);
    if (ids.size() > MAX_REPLICATION_IDS) {
      throw new ApiException(
          400, "EXCEEDED_ID_LIMIT", "record limit reached. cannot submit more than 600000 records");
    }
    Instant latest = w.end;
    Optional<Instant> pending = ctx.store().oldestPendingModstamp();
    if (pending.isPresent() && pending.get().isBefore(latest)) {
      latest = pending.get().truncatedTo(ChronoUnit.MINUTES);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ids", ids);
    m.put("latestDateCovered", SfFormats.restDateTime(latest));
    ex.json(200, m);
  }

  private void deleted(Exchange ex) {
    ObjectDef def = RestSupport.object(ctx, ex.param("type"));
    ctx.store().expireRecycleBin();
    Window w = window(ex, def, OrgStore.RECYCLE_BIN_RETENTION);
    OrgStore.DeletedWindow found = ctx.store().deletedBetween(def.name(), w.start, w.end);
    if (found.deleted().size() > MAX_REPLICATION_IDS) {
      throw new ApiException(
          400, "EXCEEDED_ID_LIMIT", "record limit reached. cannot submit more than 600000 records");
    }
    List<Map<String, Object>> records = new ArrayList<>();
    for (Tombstone t : found.deleted()) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("id", t.id());
      r.put("deletedDate", SfFormats.restDateTime(t.deletedDate()));
      records.add(r);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("deletedRecords", records);
    m.put(
        "earliestDateAvailable",
        SfFormats.restDateTime(found.earliestDateAvailable().truncatedTo(ChronoUnit.MINUTES)));
    m.put("latestDateCovered", SfFormats.restDateTime(w.end));
    ex.json(200, m);
  }

  private record Window(Instant start, Instant end) {}

  /** start/end with seconds dropped, start before end, start within the allowed age. */
  private Window window(Exchange ex, ObjectDef def, Duration maxAge) {
    if (!def.props().replicateable()) {
      throw new ApiException(
          400,
          "INVALID_TYPE_FOR_OPERATION",
          "entity type " + def.name() + " does not support replication");
    }
    Instant start = replicationDate(ex, "start");
    Instant end = replicationDate(ex, "end");
    Instant now = ctx.store().now().truncatedTo(ChronoUnit.MINUTES);
    if (end.isAfter(now)) {
      end = now;
    }
    if (!start.isBefore(end)) {
      throw new ApiException(
          400,
          "INVALID_REPLICATION_DATE",
          "startDate must chronologically precede endDate (seconds are dropped): "
              + SfFormats.restDateTime(start)
              + " / "
              + SfFormats.restDateTime(end));
    }
    if (start.isBefore(now.minus(maxAge))) {
      throw new ApiException(
          400,
          "INVALID_REPLICATION_DATE",
          "startDate cannot be more than " + maxAge.toDays() + " days ago");
    }
    return new Window(start, end);
  }

  private static Instant replicationDate(Exchange ex, String name) {
    String raw = ex.query(name);
    if (raw == null || raw.isBlank()) {
      throw new ApiException(400, "MISSING_ARGUMENT", name + " is required (an ISO-8601 datetime)");
    }
    Instant i = SfFormats.parseDateTime(raw.trim());
    if (i == null) {
      throw new ApiException(400, "INVALID_REPLICATION_DATE", "unparseable " + name + ": " + raw);
    }
    return i.truncatedTo(ChronoUnit.MINUTES);
  }

  // --- helpers -----------------------------------------------------------------------------

  private static void requireObjectOp(ObjectDef def, boolean allowed, String verb) {
    if (!allowed) {
      throw new ApiException(
          400, "INVALID_TYPE_FOR_OPERATION", "entity type cannot be " + verb + ": " + def.name());
    }
  }

  private static RecordInput recordBody(Exchange ex) {
    JsonNode body = ex.jsonBody();
    if (!body.isObject()) {
      throw new ApiException(
          400,
          "JSON_PARSER_ERROR",
          "Cannot deserialize instance of SObject from " + body.getNodeType() + " value");
    }
    return JsonValues.record(body);
  }

  /** Runs a save in a transaction; record faults and refusals become Salesforce errors. */
  private Saved save(Exchange ex, java.util.function.Function<OrgStore.WriteTx, Saved> work) {
    Optional<SaveError> injected = ctx.recordFaults().next();
    if (injected.isPresent()) {
      SaveError e = injected.get();
      throw ApiException.record(400, e.statusCode(), e.message(), e.fields());
    }
    try {
      return ctx.store().write(ex.changeOrigin(), work);
    } catch (MultipleMatchesException e) {
      ApiException api = new ApiException(300, "MULTIPLE_CHOICES", e.getMessage());
      api.initCause(e);
      throw api;
    } catch (SaveException e) {
      throw RestSupport.toApi(e);
    }
  }
}
