package dev.ferry.emulator.rest;

import dev.ferry.emulator.cdc.EntitySelection;
import dev.ferry.emulator.cdc.EntitySelection.Member;
import dev.ferry.emulator.control.EndpointClass;
import dev.ferry.emulator.http.ApiException;
import dev.ferry.emulator.http.Exchange;
import dev.ferry.emulator.http.Router;
import dev.ferry.emulator.http.Router.Access;
import dev.ferry.emulator.org.ObjectDef;
import dev.ferry.emulator.server.EmulatorContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The part of the Tooling API that selects entities for Change Data Capture: {@code
 * PlatformEventChannelMember} records on the standard {@code ChangeEvents} channel (create,
 * retrieve, delete, and queries with simple equality filters). Custom channels are not supported.
 */
public final class ToolingResources {
  private static final String TYPE = "PlatformEventChannelMember";
  private static final String SOBJ = "/services/data/{version}/tooling/sobjects/" + TYPE;
  private static final Pattern QUERY =
      Pattern.compile(
          "(?is)\\s*SELECT\\s+(.+?)\\s+FROM\\s+" + TYPE + "\\s*(?:WHERE\\s+(.+?))?\\s*");
  private static final Pattern CONDITION = Pattern.compile("(?i)\\s*(\\w+)\\s*=\\s*'([^']*)'\\s*");
  private static final List<String> FIELDS =
      List.of("Id", "DeveloperName", "MasterLabel", "EventChannel", "SelectedEntity");

  private final EmulatorContext ctx;

  public ToolingResources(EmulatorContext ctx) {
    this.ctx = ctx;
  }

  public void register(Router r) {
    EndpointClass c = EndpointClass.OTHER;
    r.add("POST", SOBJ, c, Access.API, this::create);
    r.add("GET", SOBJ + "/{id}", c, Access.API, this::retrieve);
    r.add("DELETE", SOBJ + "/{id}", c, Access.API, this::delete);
    r.add("GET", "/services/data/{version}/tooling/query", c, Access.API, this::query);
  }

  private EntitySelection selection() {
    return ctx.cdc().selection();
  }

  private void create(Exchange ex) {
    JsonNode body = ex.jsonBody();
    JsonNode meta = body.path("Metadata");
    String channel = meta.path("eventChannel").asString("");
    String entity = meta.path("selectedEntity").asString("");
    if (!channel.equals(EntitySelection.CHANNEL)) {
      throw new ApiException(
          400,
          "FIELD_INTEGRITY_EXCEPTION",
          "eventChannel: the emulator supports only the standard ChangeEvents channel, got '"
              + channel
              + "'");
    }
    ObjectDef def = ctx.cdc().objectOfChannel(entity);
    if (def == null) {
      throw new ApiException(
          400,
          "FIELD_INTEGRITY_EXCEPTION",
          "selectedEntity: '" + entity + "' is not a change event entity of this org");
    }
    String canonical = dev.ferry.emulator.cdc.EntityChannels.channelOf(def.name());
    Member m =
        selection()
            .select(canonical)
            .orElseThrow(() ->
                new ApiException(
                    400,
                    "DUPLICATE_DEVELOPER_NAME",
                    "There's already a channel member with the name "
                        + EntitySelection.CHANNEL
                        + "_"
                        + canonical));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", m.id());
    out.put("success", true);
    out.put("errors", List.of());
    out.put("warnings", List.of());
    out.put("infos", List.of());
    ex.json(201, out);
  }

  private Member member(Exchange ex) {
    return selection().member(ex.param("id")).orElseThrow(ApiException::notFound);
  }

  private void retrieve(Exchange ex) {
    Member m = member(ex);
    Map<String, Object> out = record(ex, m, FIELDS);
    out.put("FullName", m.developerName());
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("enrichedFields", List.of());
    meta.put("eventChannel", EntitySelection.CHANNEL);
    meta.put("filterExpression", null);
    meta.put("selectedEntity", m.channel());
    out.put("Metadata", meta);
    ex.json(200, out);
  }

  private void delete(Exchange ex) {
    Member m = member(ex);
    selection().remove(m.id());
    ex.status(204);
  }

  private void query(Exchange ex) {
    String q = ex.query("q");
    Matcher m = q == null ? null : QUERY.matcher(q);
    if (m == null || !m.matches()) {
      throw new ApiException(
          400,
          "MALFORMED_QUERY",
          "the emulator's Tooling API answers only SELECT ... FROM "
              + TYPE
              + " [WHERE f = 'v' AND ...]");
    }
    List<String> fields = new ArrayList<>();
    for (String f : m.group(1).split(",")) {
      String name = canonicalField(f.trim());
      fields.add(name);
    }
    Map<String, String> filters = new LinkedHashMap<>();
    if (m.group(2) != null) {
      for (String cond : m.group(2).split("(?i)\\s+AND\\s+")) {
        Matcher c = CONDITION.matcher(cond);
        if (!c.matches()) {
          throw new ApiException(
              400, "MALFORMED_QUERY", "unsupported condition '" + cond.trim() + "' (use f = 'v')");
        }
        filters.put(canonicalField(c.group(1)), c.group(2));
      }
    }
    List<Map<String, Object>> records = new ArrayList<>();
    for (Member member : selection().members()) {
      Map<String, Object> all = record(ex, member, FIELDS);
      boolean match = true;
      for (Map.Entry<String, String> f : filters.entrySet()) {
        Object v = all.get(f.getKey());
        match &= v != null && v.toString().equalsIgnoreCase(f.getValue());
      }
      if (match) {
        records.add(record(ex, member, fields));
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("size", records.size());
    out.put("totalSize", records.size());
    out.put("done", true);
    out.put("queryLocator", null);
    out.put("entityTypeName", TYPE);
    out.put("records", records);
    ex.json(200, out);
  }

  private static String canonicalField(String name) {
    for (String f : FIELDS) {
      if (f.equalsIgnoreCase(name)) {
        return f;
      }
    }
    throw new ApiException(
        400,
        "INVALID_FIELD",
        "No such column '" + name.toLowerCase(Locale.ROOT) + "' on entity '" + TYPE + "'");
  }

  private static Map<String, Object> record(Exchange ex, Member m, List<String> fields) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put(
        "attributes",
        Map.of(
            "type",
            TYPE,
            "url",
            "/services/data/" + ex.version().path() + "/tooling/sobjects/" + TYPE + "/" + m.id()));
    for (String f : fields) {
      out.put(
          f,
          switch (f) {
            case "Id" -> m.id();
            case "DeveloperName", "MasterLabel" -> m.developerName();
            case "EventChannel" -> EntitySelection.CHANNEL;
            case "SelectedEntity" -> m.channel();
            default -> throw new IllegalStateException(f);
          });
    }
    return out;
  }
}
