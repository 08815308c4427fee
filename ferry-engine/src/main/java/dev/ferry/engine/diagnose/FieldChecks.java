package dev.ferry.engine.diagnose;

import dev.ferry.core.control.Check;
import dev.ferry.core.model.Access;
import dev.ferry.core.sf.FieldDescribe;
import dev.ferry.core.sf.FieldType;
import dev.ferry.core.sf.SObjectDescribe;
import dev.ferry.core.store.Mapping;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Heroku Connect's per-mapping configuration checks, judged against the object's describe:
 * calculated, binary, required and large text fields, the upsert field, the number of fields.
 */
final class FieldChecks {
  static final int FIELDS_WARN = 100;

  /** Text areas longer than this are "large" (Salesforce's Long Text Area starts above 255). */
  static final int LARGE_TEXT_LENGTH = 255;

  static final int LARGE_TEXT_WARN = 5;

  private FieldChecks() {}

  /** The checks; every one SKIPPED with {@code why} when the describe is not available. */
  static List<Check> run(Mapping m, @Nullable SObjectDescribe d, String why) {
    if (d == null) {
      List<Check> out = new ArrayList<>();
      for (Rule r :
          List.of(
              Rule.CALCULATED_FIELDS,
              Rule.UPSERT_FIELD,
              Rule.BINARY_FIELDS,
              Rule.NUMBER_OF_FIELDS,
              Rule.REQUIRED_FIELDS,
              Rule.LARGE_TEXT_AREA_FIELDS)) {
        out.add(r.skipped(why));
      }
      return out;
    }
    List<FieldDescribe> mapped = mapped(m, d);
    return List.of(
        calculated(mapped),
        upsert(m, d),
        binary(mapped),
        count(mapped),
        required(m, d),
        largeText(mapped));
  }

  static Check calculated(List<FieldDescribe> mapped) {
    List<String> names =
        mapped.stream().filter(FieldDescribe::calculated).map(FieldDescribe::name).toList();
    if (names.isEmpty())
      return Rule.CALCULATED_FIELDS.green("No calculated (formula) field is mapped.");
    return Rule.CALCULATED_FIELDS.yellow(
        "Calculated fields are mapped: "
            + String.join(", ", names)
            + ". A formula's value can change without the record's SystemModstamp changing, so"
            + " Postgres sees the new value only when the record itself changes or the mapping is"
            + " reloaded.");
  }

  static Check upsert(Mapping m, SObjectDescribe d) {
    Rule r = Rule.UPSERT_FIELD;
    if (m.config().access() == Access.READ_ONLY) {
      return r.skipped("The mapping is read-only: it inserts nothing into Salesforce.");
    }
    String upsert = m.config().upsertField();
    if (upsert == null || upsert.isBlank()) {
      return r.yellow(
          "The read-write mapping has no upsert_field: a row inserted in Postgres becomes a new"
              + " record even when Salesforce already has it, and a retried insert can create a"
              + " duplicate. Map an External ID field and set it as upsert_field.");
    }
    Optional<FieldDescribe> f = d.field(upsert);
    if (f.isEmpty()) return r.red("The upsert_field " + upsert + " does not exist in Salesforce.");
    if (!f.get().externalId() && !f.get().idLookup()) {
      return r.red(
          "The upsert_field "
              + upsert
              + " is not an External ID (or id lookup) field: Salesforce refuses upserts on it.");
    }
    return r.green("Inserts are upserts on " + f.get().name() + ".");
  }

  static Check binary(List<FieldDescribe> mapped) {
    List<String> names =
        mapped.stream().filter(f -> f.type() == FieldType.BASE64).map(FieldDescribe::name).toList();
    if (names.isEmpty()) return Rule.BINARY_FIELDS.green("No binary (base64) field is mapped.");
    return Rule.BINARY_FIELDS.yellow(
        "Binary fields are mapped: "
            + String.join(", ", names)
            + ". Their content is large and slows every poll and load; map them only if needed.");
  }

  static Check count(List<FieldDescribe> mapped) {
    int n = mapped.size();
    if (n > FIELDS_WARN) {
      return Rule.NUMBER_OF_FIELDS.yellow(
          n
              + " fields are mapped (more than "
              + FIELDS_WARN
              + "): wide queries are slow and large; map only the fields the application uses.");
    }
    return Rule.NUMBER_OF_FIELDS.green(n + " fields are mapped.");
  }

  static Check required(Mapping m, SObjectDescribe d) {
    Rule r = Rule.REQUIRED_FIELDS;
    if (m.config().access() == Access.READ_ONLY) {
      return r.skipped("The mapping is read-only: it inserts nothing into Salesforce.");
    }
    List<String> missing =
        d.fields().stream()
            .filter(FieldDescribe::requiredOnCreate)
            .map(FieldDescribe::name)
            .filter(n -> !m.config().hasField(n))
            .toList();
    if (missing.isEmpty()) {
      return r.green("Every field Salesforce requires on insert is mapped.");
    }
    return r.yellow(
        "Fields Salesforce requires on insert are not mapped: "
            + String.join(", ", missing)
            + ". Rows inserted in Postgres will fail to write; map these fields.");
  }

  static Check largeText(List<FieldDescribe> mapped) {
    List<String> names =
        mapped.stream()
            .filter(f -> f.type() == FieldType.TEXTAREA && f.length() > LARGE_TEXT_LENGTH)
            .map(FieldDescribe::name)
            .toList();
    if (names.size() > LARGE_TEXT_WARN) {
      return Rule.LARGE_TEXT_AREA_FIELDS.yellow(
          names.size()
              + " large text area fields are mapped ("
              + String.join(", ", names)
              + "): rows get large and loads slow; map only those the application uses.");
    }
    return Rule.LARGE_TEXT_AREA_FIELDS.green(
        names.size()
            + " large text area field"
            + (names.size() == 1 ? " is" : "s are")
            + " mapped.");
  }

  private static List<FieldDescribe> mapped(Mapping m, SObjectDescribe d) {
    List<FieldDescribe> out = new ArrayList<>();
    for (String name : m.config().fields()) d.field(name).ifPresent(out::add);
    return out;
  }
}
