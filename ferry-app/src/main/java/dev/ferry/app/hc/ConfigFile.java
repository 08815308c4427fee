package dev.ferry.app.hc;

import dev.ferry.core.control.MappingDefinition;
import dev.ferry.core.store.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Heroku Connect's export/import file (heroku-connect.md §8.3): {@code {"version": 1, "connection":
 * {...}, "mappings": [{"object_name", "config"}]}}. The {@code connection} block is informational
 * (written on export, ignored on import). Reading validates the whole document and reports every
 * problem at once, naming the mapping and the key; nothing is applied from a document with
 * problems.
 */
public final class ConfigFile {
  public static final int VERSION = 1;
  private static final Set<String> TOP_KEYS = Set.of("version", "connection", "mappings");

  private ConfigFile() {}

  /** The mappings of a valid document, with warnings about keys that were ignored. */
  public record Parsed(List<MappingDefinition> mappings, List<String> warnings) {
    public Parsed {
      mappings = List.copyOf(mappings);
      warnings = List.copyOf(warnings);
    }
  }

  /** Parses and validates; throws {@link InvalidDocumentException} listing every problem. */
  public static Parsed parse(String text, String what) {
    return read(Json.parse(text, what), what);
  }

  public static Parsed read(JsonNode doc, String what) {
    if (!doc.isObject()) {
      throw new InvalidDocumentException(
          what + " must be a JSON object with \"version\": 1 and \"mappings\": [...]");
    }
    MappingJson.Findings findings = new MappingJson.Findings();
    JsonNode version = doc.get("version");
    if (version != null && !(version.isIntegralNumber() && version.intValue() == VERSION)) {
      findings.problems().add("version must be 1, got " + version);
    }
    for (String key : doc.propertyNames()) {
      if (!TOP_KEYS.contains(key)) findings.warnings().add("unknown key '" + key + "' ignored");
    }
    JsonNode mappings = doc.get("mappings");
    List<MappingDefinition> definitions = new ArrayList<>();
    if (mappings == null || !mappings.isArray()) {
      findings.problems().add("mappings is required: an array of {object_name, config}");
    } else {
      Map<String, Integer> seen = new HashMap<>();
      for (int i = 0; i < mappings.size(); i++) {
        JsonNode entry = mappings.get(i);
        MappingDefinition d = MappingJson.read(entry, "mappings[" + i + "]", findings);
        JsonNode name = entry.isObject() ? entry.get("object_name") : null;
        if (name != null && name.isString()) {
          Integer first = seen.putIfAbsent(name.stringValue().toLowerCase(Locale.ROOT), i);
          if (first != null) {
            findings
                .problems()
                .add(
                    "mappings["
                        + i
                        + "] ("
                        + name.stringValue()
                        + "): the object is already mapped by mappings["
                        + first
                        + "]");
          }
        }
        if (d != null) definitions.add(d);
      }
    }
    if (!findings.problems().isEmpty()) {
      List<String> prefixed = findings.problems().stream().map(p -> what + ": " + p).toList();
      throw new InvalidDocumentException(prefixed);
    }
    return new Parsed(definitions, findings.warnings());
  }

  /** The export document of a connection. */
  public static ObjectNode export(
      Connection connection, List<MappingDefinition> mappings, Instant exportedAt) {
    ObjectNode doc = Json.object();
    doc.put("version", VERSION);
    ObjectNode c = doc.putObject("connection");
    c.put("name", connection.name());
    c.put("app_name", connection.name());
    c.put("organization_id", connection.orgId());
    c.put("exported_at", Json.time(exportedAt));
    ObjectNode features = c.putObject("features");
    connection.features().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> features.put(e.getKey(), e.getValue()));
    c.put("api_version", connection.apiVersion());
    c.put("schema_name", connection.schemaName());
    ArrayNode list = doc.putArray("mappings");
    mappings.stream()
        .sorted((a, b) -> a.objectName().compareToIgnoreCase(b.objectName()))
        .forEach(m -> list.add(MappingJson.write(m)));
    return doc;
  }
}
