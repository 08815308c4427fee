package dev.ferry.salesforce.wire;

import dev.ferry.core.sf.BulkJob;
import dev.ferry.core.sf.BulkJobState;
import dev.ferry.core.sf.ChildRelationship;
import dev.ferry.core.sf.DeletedRecords;
import dev.ferry.core.sf.FieldDescribe;
import dev.ferry.core.sf.FieldType;
import dev.ferry.core.sf.OrgLimits;
import dev.ferry.core.sf.PicklistValue;
import dev.ferry.core.sf.RecordError;
import dev.ferry.core.sf.SObjectDescribe;
import dev.ferry.core.sf.SObjectSummary;
import dev.ferry.core.sf.SaveResult;
import dev.ferry.core.sf.UpdatedIds;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes Salesforce's JSON. Parsing goes through the package-private {@link Dtos} and
 * comes out as {@code dev.ferry.core.sf} values; a body that does not have the documented shape
 * raises {@link WireFormatException} naming what was missing.
 */
public final class Wire {
  private static final JsonMapper JSON =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .build();

  private Wire() {}

  public static JsonMapper mapper() {
    return JSON;
  }

  public static byte[] writeJson(Object value) {
    return JSON.writeValueAsBytes(value);
  }

  public static JsonNode tree(InputStream in) {
    try {
      return JSON.readTree(in);
    } catch (JacksonException e) {
      throw new WireFormatException("response is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  public static JsonNode tree(String text) {
    try {
      return JSON.readTree(text);
    } catch (JacksonException e) {
      throw new WireFormatException("response is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static <T> T read(InputStream in, Class<T> type, String what) {
    try {
      T value = JSON.readValue(in, type);
      if (value == null) throw new WireFormatException(what + ": empty response");
      return value;
    } catch (JacksonException e) {
      throw new WireFormatException(what + ": unexpected response: " + e.getOriginalMessage(), e);
    }
  }

  // ---- errors

  /**
   * The errors of an error body: a REST/Bulk array of {@code {message, errorCode|statusCode,
   * fields}}, or an OAuth {@code {error, error_description}} object. Anything else gives an empty
   * list (the caller then reports the HTTP status).
   */
  public static List<ApiError> errors(String body) {
    JsonNode node;
    try {
      node = JSON.readTree(body);
    } catch (JacksonException e) {
      return List.of();
    }
    List<ApiError> out = new ArrayList<>();
    if (node == null) return out;
    if (node.isArray()) {
      for (JsonNode e : node) {
        if (e.isObject()) out.add(apiError(e));
      }
    } else if (node.isObject()) {
      if (node.has("error")) {
        out.add(
            new ApiError(
                text(node, "error"),
                Objects.requireNonNullElse(text(node, "error_description"), ""),
                List.of()));
      } else if (node.has("errorCode") || node.has("statusCode")) {
        out.add(apiError(node));
      }
    }
    return out;
  }

  private static ApiError apiError(JsonNode e) {
    String code = text(e, "errorCode");
    if (code == null) code = text(e, "statusCode");
    List<String> fields = new ArrayList<>();
    JsonNode f = e.get("fields");
    if (f != null && f.isArray()) f.forEach(x -> fields.add(x.asString()));
    return new ApiError(code, Objects.requireNonNullElse(text(e, "message"), ""), fields);
  }

  private static @Nullable String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asString();
  }

  // ---- auth

  public static TokenResponse token(InputStream in) {
    Dtos.Token t = read(in, Dtos.Token.class, "token response");
    if (t.accessToken() == null || t.instanceUrl() == null) {
      throw new WireFormatException("token response lacks access_token or instance_url");
    }
    return new TokenResponse(t.accessToken(), t.instanceUrl(), t.id(), t.refreshToken());
  }

  public static UserInfo userInfo(InputStream in) {
    Dtos.UserInfoDto u = read(in, Dtos.UserInfoDto.class, "userinfo");
    if (u.userId() == null || u.organizationId() == null) {
      throw new WireFormatException("userinfo lacks user_id or organization_id");
    }
    return new UserInfo(
        u.userId(), u.organizationId(), Objects.requireNonNullElse(u.preferredUsername(), ""));
  }

  // ---- metadata

  public static List<SObjectSummary> describeGlobal(InputStream in) {
    Dtos.DescribeGlobal g = read(in, Dtos.DescribeGlobal.class, "describeGlobal");
    if (g.sobjects() == null) throw new WireFormatException("describeGlobal lacks sobjects");
    List<SObjectSummary> out = new ArrayList<>(g.sobjects().size());
    for (Dtos.SObject o : g.sobjects()) {
      out.add(
          new SObjectSummary(
              required(o.name(), "describeGlobal sobject name"),
              Objects.requireNonNullElse(o.label(), o.name()),
              o.keyPrefix(),
              o.custom(),
              o.queryable(),
              o.replicateable(),
              o.createable(),
              o.updateable(),
              o.deletable()));
    }
    return out;
  }

  public static SObjectDescribe describe(InputStream in) {
    Dtos.Describe d = read(in, Dtos.Describe.class, "describe");
    String name = required(d.name(), "describe name");
    SObjectSummary summary =
        new SObjectSummary(
            name,
            Objects.requireNonNullElse(d.label(), name),
            d.keyPrefix(),
            d.custom(),
            d.queryable(),
            d.replicateable(),
            d.createable(),
            d.updateable(),
            d.deletable());
    List<FieldDescribe> fields = new ArrayList<>();
    for (Dtos.Field f : nonNull(d.fields())) fields.add(field(name, f));
    List<ChildRelationship> children = new ArrayList<>();
    for (Dtos.ChildRel c : nonNull(d.childRelationships())) {
      if (c.childSObject() != null && c.field() != null) {
        children.add(new ChildRelationship(c.childSObject(), c.field(), c.relationshipName()));
      }
    }
    return new SObjectDescribe(summary, fields, children);
  }

  private static FieldDescribe field(String object, Dtos.Field f) {
    String name = required(f.name(), "field name of " + object);
    List<PicklistValue> picklist = new ArrayList<>();
    for (Dtos.Picklist p : nonNull(f.picklistValues())) {
      if (p.value() != null) {
        picklist.add(
            new PicklistValue(
                p.value(),
                Objects.requireNonNullElse(p.label(), p.value()),
                p.active(),
                p.defaultValue()));
      }
    }
    return new FieldDescribe(
        name,
        Objects.requireNonNullElse(f.label(), name),
        FieldType.fromWire(Objects.requireNonNullElse(f.type(), "")),
        f.length(),
        f.precision(),
        f.scale(),
        f.digits(),
        f.nillable(),
        f.createable(),
        f.updateable(),
        f.defaultedOnCreate(),
        f.externalId(),
        f.idLookup(),
        f.unique(),
        f.calculated(),
        f.autoNumber(),
        nonNull(f.referenceTo()),
        f.relationshipName(),
        f.compoundFieldName(),
        f.extraTypeInfo(),
        picklist);
  }

  /** {@code /limits}: every entry with Max and Remaining; per-app sub-entries are ignored. */
  /** {@code GET /services/data}: the API versions the org serves, as listed (oldest first). */
  public static List<String> versions(InputStream in) {
    JsonNode root = tree(in);
    if (!root.isArray()) throw new WireFormatException("versions is not a JSON array");
    List<String> out = new ArrayList<>();
    for (JsonNode v : root) {
      JsonNode version = v.get("version");
      if (version != null && version.isString()) out.add(version.stringValue());
    }
    return out;
  }

  public static OrgLimits limits(InputStream in) {
    JsonNode root = tree(in);
    if (!root.isObject()) throw new WireFormatException("limits is not a JSON object");
    Map<String, OrgLimits.Limit> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      JsonNode v = e.getValue();
      if (v.isObject() && v.has("Max") && v.has("Remaining")) {
        out.put(
            e.getKey(), new OrgLimits.Limit(v.get("Max").asLong(), v.get("Remaining").asLong()));
      }
    }
    return new OrgLimits(out);
  }

  // ---- replication

  public static UpdatedIds updated(InputStream in) {
    Dtos.Updated u = read(in, Dtos.Updated.class, "getUpdated");
    return new UpdatedIds(
        nonNull(u.ids()),
        CanonicalText.parseInstant(required(u.latestDateCovered(), "latestDateCovered")));
  }

  public static DeletedRecords deleted(InputStream in) {
    Dtos.Deleted d = read(in, Dtos.Deleted.class, "getDeleted");
    List<DeletedRecords.Deleted> rows = new ArrayList<>();
    for (Dtos.DeletedRecord r : nonNull(d.deletedRecords())) {
      rows.add(
          new DeletedRecords.Deleted(
              required(r.id(), "deletedRecords id"),
              CanonicalText.parseInstant(required(r.deletedDate(), "deletedDate"))));
    }
    return new DeletedRecords(
        rows,
        CanonicalText.parseInstant(required(d.earliestDateAvailable(), "earliestDateAvailable")),
        CanonicalText.parseInstant(required(d.latestDateCovered(), "latestDateCovered")));
  }

  // ---- sObject Collections

  public static List<SaveResult> saveResults(InputStream in) {
    JsonNode root = tree(in);
    if (!root.isArray()) throw new WireFormatException("collection results are not an array");
    List<SaveResult> out = new ArrayList<>();
    for (JsonNode n : root) {
      Dtos.SaveResultDto r = JSON.treeToValue(n, Dtos.SaveResultDto.class);
      List<RecordError> errors = new ArrayList<>();
      for (Dtos.SaveError e : nonNull(r.errors())) {
        String code = e.statusCode() != null ? e.statusCode() : e.errorCode();
        errors.add(
            new RecordError(
                Objects.requireNonNullElse(code, "UNKNOWN_EXCEPTION"),
                Objects.requireNonNullElse(e.message(), ""),
                nonNull(e.fields())));
      }
      out.add(
          r.success()
              ? SaveResult.ok(required(r.id(), "id of a successful save"), r.created())
              : SaveResult.failed(r.id(), errors));
    }
    return out;
  }

  // ---- Bulk API 2.0

  public static BulkJob bulkJob(InputStream in) {
    Dtos.JobInfo j = read(in, Dtos.JobInfo.class, "job info");
    String id = required(j.id(), "job id");
    String state = required(j.state(), "state of job " + id);
    BulkJobState parsed;
    try {
      parsed = BulkJobState.valueOf(state);
    } catch (IllegalArgumentException e) {
      throw new WireFormatException("job " + id + " has an unknown state '" + state + "'");
    }
    return new BulkJob(
        id,
        required(j.operation(), "operation of job " + id),
        Objects.requireNonNullElse(j.object(), ""),
        parsed,
        j.numberRecordsProcessed(),
        j.numberRecordsFailed(),
        j.retries(),
        j.errorMessage(),
        j.apiVersion() == null || j.apiVersion().isNull() ? "" : j.apiVersion().asString());
  }

  private static String required(@Nullable String value, String what) {
    if (value == null) throw new WireFormatException("response lacks " + what);
    return value;
  }

  private static <T> List<T> nonNull(@Nullable List<T> list) {
    return list == null ? List.of() : list;
  }
}
