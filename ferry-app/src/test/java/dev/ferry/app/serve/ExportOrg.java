package dev.ferry.app.serve;

import dev.ferry.app.hc.Json;
import dev.ferry.emulator.org.OrgDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An emulator org that holds what a set of {@code heroku connect:export} files map: the default
 * org, plus every object and field they name, typed the way a real org most plausibly types a field
 * of that name (booleans for {@code IsX}, dates for {@code …Date}, e-mail, phone, url, long text,
 * numbers, lookups), upsert fields as unique External IDs, and for each relationship external-id
 * pseudo-field ({@code Project__r__PG_ID__c}) a lookup with that relationship to an object holding
 * that field as an External ID.
 */
final class ExportOrg {
  private static final Set<String> SYSTEM =
      Set.of(
          "id",
          "isdeleted",
          "createddate",
          "createdbyid",
          "lastmodifieddate",
          "lastmodifiedbyid",
          "systemmodstamp");

  /** Standard lookups by relationship name; "*" is the object itself. */
  private static final Map<String, String> STANDARD_TARGETS =
      Map.of(
          "owner", "User",
          "account", "Account",
          "contact", "Contact",
          "parent", "*",
          "masterrecord", "*",
          "reportsto", "Contact",
          "businesshours", "BusinessHours");

  /** Real key prefixes of standard objects the default org lacks. */
  private static final Map<String, String> STANDARD_PREFIXES =
      Map.of("product2", "01t", "businesshours", "01m", "recordtype", "012");

  /** Standard objects without IsDeleted (see docs/emulator.md). */
  private static final Set<String> NO_IS_DELETED = Set.of("businesshours", "recordtype");

  private final ObjectNode root;
  private final Map<String, ObjectNode> objects = new LinkedHashMap<>();
  private final Set<String> prefixes = new HashSet<>();
  private final Set<String> mapped = new LinkedHashSet<>();
  private int nextPrefix = 36 + 10; // a1A, a1B, ...

  private ExportOrg(ObjectNode root) {
    this.root = root;
    for (JsonNode o : root.path("objects")) {
      objects.put(lower(o.path("name").asString()), (ObjectNode) o);
      prefixes.add(o.path("keyPrefix").asString());
    }
  }

  /** The org for these export documents. */
  static ExportOrg of(List<JsonNode> exports) {
    ExportOrg org = new ExportOrg(defaultOrg());
    List<Pseudo> pseudos = new ArrayList<>();
    for (JsonNode doc : exports) {
      for (JsonNode m : doc.path("mappings")) pseudos.addAll(org.addMapping(m));
    }
    for (Pseudo p : pseudos) org.resolve(p);
    return org;
  }

  /** The org definition ({@code --org FILE} format). */
  ObjectNode json() {
    return root;
  }

  /** {@code --generate}: {@code perObject} records of every mapped object. */
  Map<String, Integer> generate(int perObject) {
    Map<String, Integer> g = new LinkedHashMap<>();
    for (String o : mapped) g.put(name(objects.get(o)), perObject);
    return g;
  }

  private record Pseudo(ObjectNode object, String field, String lookup, String ext) {}

  private List<Pseudo> addMapping(JsonNode mapping) {
    String objectName = mapping.path("object_name").asString();
    ObjectNode object = object(objectName);
    mapped.add(lower(objectName));
    JsonNode config = mapping.path("config");
    List<String> fields = new ArrayList<>(config.path("fields").propertyNames());
    String upsert = config.path("upsert_field").asString(null);
    List<Pseudo> pseudos = new ArrayList<>();
    for (String f : fields) {
      if (SYSTEM.contains(lower(f))) continue;
      Pseudo p = pseudo(object, f, fields);
      if (p != null) {
        pseudos.add(p);
      } else if (field(object, f) == null) {
        addField(object, f, f.equalsIgnoreCase(upsert));
      }
    }
    if (upsert != null) externalId(field(object, upsert));
    return pseudos;
  }

  /**
   * {@code f} as {@code <relationship>__<field>} over a lookup of the object or of the mapping:
   * {@code Account__PG_ID__c} over AccountId, {@code Project__r__PG_ID__c} over Project__c. A file
   * that names the lookup field instead of its relationship ({@code X__c__Ext__c}, which no real
   * org has: custom relationships end in __r) gets a lookup whose relationship is named so.
   */
  private @Nullable Pseudo pseudo(ObjectNode object, String f, List<String> mappedFields) {
    if (field(object, f) != null) return null;
    List<String> lookups = new ArrayList<>(mappedFields);
    for (JsonNode existing : object.path("fields")) {
      if (existing.path("type").asString().equals("reference")) {
        lookups.add(existing.path("name").asString());
      }
    }
    for (String lookup : lookups) {
      if (lookup.equalsIgnoreCase(f)) continue;
      for (String rel : List.of(relationshipName(lookup), lookup)) {
        if (rel != null
            && f.length() > rel.length() + 2
            && f.regionMatches(true, 0, rel + "__", 0, rel.length() + 2)) {
          return new Pseudo(object, f, lookup, f.substring(rel.length() + 2));
        }
      }
    }
    return null;
  }

  private void resolve(Pseudo p) {
    ObjectNode lookup = field(p.object(), p.lookup());
    String rel = relationshipName(p.lookup());
    boolean byFieldName = !p.field().regionMatches(true, 0, rel + "__", 0, rel.length() + 2);
    if (lookup != null && lookup.path("type").asString().equals("reference")) {
      for (JsonNode target : lookup.path("referenceTo")) {
        externalId(ensureField(objects.get(lower(target.asString())), p.ext()));
      }
      return;
    }
    ObjectNode target = target(p.object(), p.lookup(), p.ext());
    externalId(ensureField(target, p.ext()));
    ObjectNode ref = lookup != null ? lookup : newField(p.object(), p.lookup());
    ref.removeAll();
    ref.put("name", p.lookup());
    ref.put("type", "reference");
    ref.set("referenceTo", Json.MAPPER.createArrayNode().add(name(target)));
    ref.put("relationshipName", byFieldName ? p.lookup() : rel);
  }

  /** The parent of a new lookup: a standard target, else the object named most like it. */
  private ObjectNode target(ObjectNode child, String lookup, String ext) {
    String rel = lower(relationshipName(lookup));
    String standard = STANDARD_TARGETS.get(rel);
    if (standard != null) return standard.equals("*") ? child : object(standard);
    String stem = rel.replaceAll("__r$", "").replaceAll("^.*__", "");
    ObjectNode best = object("Contact"); // a person, when no name fits
    double bestScore = 0;
    for (ObjectNode o : objects.values()) {
      String n = lower(name(o));
      int words = 0;
      for (String word : stem.split("_")) {
        if (word.length() > 2 && n.contains(word)) words++;
      }
      if (words == 0) continue;
      // more words of the relationship in the name, the field already there, a shorter name
      double score = words * 2 + (field(o, ext) != null ? 1 : 0) - n.length() / 100.0;
      if (score > bestScore) {
        best = o;
        bestScore = score;
      }
    }
    return best;
  }

  private ObjectNode object(String name) {
    ObjectNode o = objects.get(lower(name));
    if (o != null) return o;
    o = Json.MAPPER.createObjectNode();
    o.put("name", name);
    if (NO_IS_DELETED.contains(lower(name))) o.put("isDeletedField", false);
    o.put("keyPrefix", prefix(name));
    o.set("fields", Json.MAPPER.createArrayNode());
    ((ArrayNode) root.path("objects")).add(o);
    objects.put(lower(name), o);
    return o;
  }

  private String prefix(String object) {
    String real = STANDARD_PREFIXES.get(lower(object));
    if (real != null && prefixes.add(real)) return real;
    String digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    while (true) {
      String p = "a" + digits.charAt(nextPrefix / 36 % 36) + digits.charAt(nextPrefix % 36);
      nextPrefix++;
      if (prefixes.add(p)) return p;
    }
  }

  private ObjectNode ensureField(ObjectNode object, String name) {
    ObjectNode f = field(object, name);
    return f != null ? f : addField(object, name, true);
  }

  private ObjectNode addField(ObjectNode object, String name, boolean key) {
    ObjectNode f = newField(object, name);
    if (key) {
      f.put("type", "string");
      f.put("length", 80);
      return f;
    }
    if (lower(name).endsWith("__latitude__s") || lower(name).endsWith("__longitude__s")) {
      String base = name.substring(0, lower(name).lastIndexOf("__l"));
      String compound = base + "__c";
      if (field(object, compound) == null) newField(object, compound).put("type", "location");
      f.put("type", "double");
      f.put("precision", 18);
      f.put("scale", 15);
      f.put("compoundFieldName", field(object, compound).path("name").asString());
      return f;
    }
    typeByName(f, name, name(object));
    return f;
  }

  /** The most plausible describe type of a field called {@code name}. */
  private void typeByName(ObjectNode f, String name, String object) {
    String n = lower(name);
    String stem = n.endsWith("__c") ? n.substring(0, n.length() - 3) : n;
    boolean custom = n.endsWith("__c");
    if (n.equals("name")) {
      f.put("type", "string");
      f.put("length", 80);
      f.put("nameField", true);
    } else if (!custom && n.endsWith("id") && n.length() > 2) {
      String target = STANDARD_TARGETS.get(n.substring(0, n.length() - 2));
      if (target != null && (target.equals("*") || objects.containsKey(lower(target)))) {
        f.put("type", "reference");
        f.set(
            "referenceTo", Json.MAPPER.createArrayNode().add(target.equals("*") ? object : target));
        f.put("relationshipName", name.substring(0, name.length() - 2));
      } else {
        f.put("type", "string");
        f.put("length", 18);
      }
    } else if (!custom && name.matches("(Is|Has|Do|Does)[A-Z].*")) {
      f.put("type", "boolean");
    } else if (matches(stem, "birth", "activitydate", "closedate", "date_of", "purchase_date")
        || (custom && stem.endsWith("date"))) {
      f.put("type", "date");
    } else if (n.endsWith("date") || matches(stem, "time", "start", "end", "check_out")) {
      f.put("type", "datetime");
    } else if (matches(stem, "active", "accepted", "canaccept", "primary", "autopilot", "self_")
        || matches(stem, "spoiler", "sunroof", "rear_seats", "email_contact")) {
      f.put("type", "boolean");
    } else if (matches(stem, "revenue", "amount", "price", "downpayment", "interest")) {
      f.put("type", "currency");
      f.put("precision", 18);
      f.put("scale", 2);
    } else if (matches(stem, "numberof", "fiscalyear", "quantity", "terms", "stage_number")) {
      f.put("type", "int");
      f.put("digits", 9);
    } else if (matches(stem, "probability")) {
      f.put("type", "percent");
      f.put("precision", 3);
    } else if (List.of(stem.split("_")).contains("age")
        || matches(stem, "anger", "contempt", "disgust", "fear", "happiness", "point")
        || matches(stem, "neutral", "sadness", "surprise", "smile", "height", "width", "left")
        || matches(stem, "top", "bald", "beard", "moustache", "score", "battery", "latitude")
        || matches(stem, "longitude")) {
      f.put("type", "double");
      f.put("precision", 18);
      f.put("scale", 4);
    } else if (matches(stem, "email")) {
      f.put("type", "email");
      f.put("length", 80);
    } else if (matches(stem, "phone", "fax")) {
      f.put("type", "phone");
      f.put("length", 40);
    } else if (matches(stem, "url", "website", "link", "image", "pic")) {
      f.put("type", "url");
      f.put("length", 255);
    } else if (matches(stem, "street")) {
      f.put("type", "textarea");
      f.put("length", 255);
    } else if (matches(stem, "description", "comment", "address", "question")) {
      f.put("type", "textarea");
      f.put("length", 32000);
    } else {
      f.put("type", "string");
      f.put("length", 255);
    }
    if (n.startsWith("last") && (n.endsWith("date") || n.endsWith("activitydate"))) {
      f.put("createable", false);
      f.put("updateable", false);
    }
  }

  /** Long words anywhere in the name; short ones only as (the end of) a word of it. */
  private static boolean matches(String stem, String... words) {
    for (String w : words) {
      if (w.length() >= 5 ? stem.contains(w) : endsAWord(stem, w)) return true;
    }
    return false;
  }

  private static boolean endsAWord(String stem, String w) {
    for (String word : stem.split("_")) if (word.endsWith(w)) return true;
    return false;
  }

  private static void externalId(@Nullable ObjectNode f) {
    if (f == null) return;
    if (!Set.of("string", "email", "int", "double").contains(f.path("type").asString())) {
      f.put("type", "string");
      f.put("length", 80);
      f.remove("compoundFieldName");
    }
    f.put("externalId", true);
    f.put("unique", true);
  }

  private static ObjectNode newField(ObjectNode object, String name) {
    ObjectNode f = Json.MAPPER.createObjectNode();
    f.put("name", name);
    ((ArrayNode) object.path("fields")).add(f);
    return f;
  }

  private static @Nullable ObjectNode field(ObjectNode object, String name) {
    for (JsonNode f : object.path("fields")) {
      if (f.path("name").asString().equalsIgnoreCase(name)) return (ObjectNode) f;
    }
    return null;
  }

  /** AccountId → Account, Project__c → Project__r; other names as they are. */
  private static String relationshipName(String lookup) {
    if (lower(lookup).endsWith("__c")) return lookup.substring(0, lookup.length() - 3) + "__r";
    if (lower(lookup).endsWith("id")) return lookup.substring(0, lookup.length() - 2);
    return lookup;
  }

  private static String name(ObjectNode o) {
    return o.path("name").asString();
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  private static ObjectNode defaultOrg() {
    try (InputStream in = OrgDefinition.class.getResourceAsStream("default-org.json")) {
      if (in == null) throw new IllegalStateException("default-org.json missing");
      return (ObjectNode) Json.MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
