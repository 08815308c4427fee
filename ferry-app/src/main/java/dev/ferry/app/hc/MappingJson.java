package dev.ferry.app.hc;

import dev.ferry.core.control.MappingDefinition;
import dev.ferry.core.error.ConfigException;
import dev.ferry.core.model.Access;
import dev.ferry.core.model.MappingConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One mapping of Heroku Connect's JSON ({@code {"object_name": ..., "config": {...}}}, §3.1) to and
 * from {@link MappingDefinition}. Reading collects every problem with its path; unknown keys are
 * ignored with a warning (newer Heroku Connect exports may carry keys Ferry does not know), and the
 * read-only {@code revision}/{@code applied_at} of API responses are ignored silently.
 */
public final class MappingJson {
  /**
   * Ferry's extension: take over a table the application created beforehand (refused otherwise).
   * Written only when true, so an export of an ordinary mapping is Heroku Connect's.
   */
  public static final String ADOPT_KEY = "ferry_adopt_existing_table";

  private static final Set<String> CONFIG_KEYS =
      Set.of(
          "access",
          "sf_notify_enabled",
          "sf_polling_seconds",
          "sf_max_daily_api_calls",
          "fields",
          "indexes",
          "upsert_field",
          ADOPT_KEY);

  private static final Set<String> READ_ONLY_CONFIG_KEYS = Set.of("revision", "applied_at");
  private static final Set<String> MAPPING_KEYS = Set.of("object_name", "config");

  private MappingJson() {}

  /** Problems and warnings found while reading, each with its path. */
  public record Findings(List<String> problems, List<String> warnings) {
    public Findings() {
      this(new ArrayList<>(), new ArrayList<>());
    }
  }

  /**
   * Reads {@code {"object_name", "config"}}; returns null (and adds to {@code findings}) when it is
   * not valid. {@code where} prefixes every message, e.g. {@code mappings[2]}.
   */
  public static MappingDefinition read(JsonNode node, String where, Findings findings) {
    if (node == null || !node.isObject()) {
      findings.problems().add(where + " must be an object with object_name and config");
      return null;
    }
    JsonNode name = node.get("object_name");
    String objectName = null;
    if (name == null || !name.isString() || name.stringValue().isBlank()) {
      findings.problems().add(where + ": object_name is required (a Salesforce object name)");
    } else {
      objectName = name.stringValue();
      where = where + " (" + objectName + ")";
    }
    for (String key : node.propertyNames()) {
      if (!MAPPING_KEYS.contains(key)) {
        findings.warnings().add(where + ": unknown key '" + key + "' ignored");
      }
    }
    JsonNode config = node.get("config");
    if (config == null || !config.isObject()) {
      findings.problems().add(where + ": config is required (an object)");
      return null;
    }
    MappingConfig parsed = readConfig(config, where + ": config.", findings);
    return objectName == null || parsed == null ? null : new MappingDefinition(objectName, parsed);
  }

  private static MappingConfig readConfig(JsonNode config, String at, Findings findings) {
    int before = findings.problems().size();
    for (String key : config.propertyNames()) {
      if (!CONFIG_KEYS.contains(key) && !READ_ONLY_CONFIG_KEYS.contains(key)) {
        findings.warnings().add(at + key + " is not a known mapping setting; ignored");
      }
    }
    Access access = null;
    JsonNode a = config.get("access");
    if (a == null || !a.isString()) {
      findings.problems().add(at + "access is required: \"read_only\" or \"read_write\"");
    } else {
      try {
        access = Access.fromJson(a.stringValue());
      } catch (IllegalArgumentException e) {
        findings.problems().add(at + e.getMessage());
      }
    }
    List<String> fields = new ArrayList<>();
    JsonNode f = config.get("fields");
    if (f == null || !f.isObject()) {
      findings
          .problems()
          .add(at + "fields is required: an object keyed by field name, e.g. {\"Id\": {}}");
    } else {
      f.forEachEntry((field, options) -> {
        if (!options.isObject()) {
          findings
              .problems()
              .add(at + "fields." + field + " must be an object ({}), got " + options);
        }
        fields.add(field);
      });
    }
    Map<String, Boolean> indexes = new LinkedHashMap<>();
    JsonNode ix = config.get("indexes");
    if (ix != null && !ix.isNull()) {
      if (!ix.isObject()) {
        findings.problems().add(at + "indexes must be an object like {\"Id\": {\"unique\": true}}");
      } else {
        ix.forEachEntry((field, spec) -> {
          JsonNode unique = spec.isObject() ? spec.get("unique") : null;
          if (unique == null || !unique.isBoolean()) {
            findings
                .problems()
                .add(
                    at + "indexes." + field + " must be {\"unique\": true} or {\"unique\": false}");
          } else {
            indexes.put(field, unique.booleanValue());
          }
        });
      }
    }
    String upsertField = null;
    JsonNode u = config.get("upsert_field");
    if (u != null && !u.isNull()) {
      if (!u.isString() || u.stringValue().isBlank()) {
        findings.problems().add(at + "upsert_field must be a field name or null");
      } else {
        upsertField = u.stringValue();
      }
    }
    int polling =
        intValue(config, "sf_polling_seconds", MappingConfig.DEFAULT_POLLING_SECONDS, at, findings);
    int maxCalls =
        intValue(
            config,
            "sf_max_daily_api_calls",
            MappingConfig.DEFAULT_MAX_DAILY_API_CALLS,
            at,
            findings);
    boolean notify = false;
    JsonNode n = config.get("sf_notify_enabled");
    if (n != null && !n.isNull()) {
      if (!n.isBoolean()) findings.problems().add(at + "sf_notify_enabled must be true or false");
      else notify = n.booleanValue();
    }
    boolean adopt = false;
    JsonNode ad = config.get(ADOPT_KEY);
    if (ad != null && !ad.isNull()) {
      if (!ad.isBoolean()) findings.problems().add(at + ADOPT_KEY + " must be true or false");
      else adopt = ad.booleanValue();
    }
    if (findings.problems().size() > before) return null;
    try {
      return new MappingConfig(
          access, fields, indexes, upsertField, polling, notify, maxCalls, adopt);
    } catch (ConfigException e) {
      e.problems().forEach(p -> findings.problems().add(at + p));
      return null;
    }
  }

  private static int intValue(
      JsonNode config, String key, int defaultValue, String at, Findings findings) {
    JsonNode v = config.get(key);
    if (v == null || v.isNull()) return defaultValue;
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      findings.problems().add(at + key + " must be a whole number, got " + v);
      return defaultValue;
    }
    return v.intValue();
  }

  /** {@code {"object_name": ..., "config": {...}}} as Heroku Connect exports it. */
  public static ObjectNode write(MappingDefinition definition) {
    ObjectNode node = Json.object();
    node.put("object_name", definition.objectName());
    node.set("config", writeConfig(definition.config()));
    return node;
  }

  /** The {@code config} object (without revision/applied_at). */
  public static ObjectNode writeConfig(MappingConfig config) {
    ObjectNode c = Json.object();
    c.put("access", config.access().jsonValue());
    c.put("sf_notify_enabled", config.sfNotifyEnabled());
    c.put("sf_polling_seconds", config.sfPollingSeconds());
    c.put("sf_max_daily_api_calls", config.sfMaxDailyApiCalls());
    ObjectNode fields = c.putObject("fields");
    config.fields().forEach(fields::putObject);
    ObjectNode indexes = c.putObject("indexes");
    config.indexes().forEach((field, unique) -> indexes.putObject(field).put("unique", unique));
    if (config.upsertField() != null) c.put("upsert_field", config.upsertField());
    if (config.adoptExistingTable()) c.put(ADOPT_KEY, true);
    return c;
  }
}
