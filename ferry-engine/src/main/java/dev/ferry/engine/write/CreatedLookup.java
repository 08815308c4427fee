package dev.ferry.engine.write;

import dev.ferry.core.sf.ExternalRef;
import dev.ferry.core.sf.FieldDescribe;
import dev.ferry.core.sf.FieldType;
import dev.ferry.core.sf.RecordStream;
import dev.ferry.core.sf.SfRecord;
import dev.ferry.core.sf.SfValueText;
import dev.ferry.core.soql.Condition;
import dev.ferry.core.soql.Soql;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Finds the records a create call made when its answer was lost (the writer died mid-call, or the
 * connection broke after the request was sent): the records Ferry's user created since the call
 * started (minus a margin for clock difference) whose values equal what was sent, leaving out
 * records other entries are known to have written. Each candidate matches at most one write;
 * identical writes take identical records one each.
 */
final class CreatedLookup {
  private final WriteContext ctx;
  private @Nullable String userId;

  CreatedLookup(WriteContext ctx) {
    this.ctx = ctx;
  }

  /** The record each write created, by carrier entry id; writes not found are absent. */
  Map<Long, String> find(WriteTarget t, List<Write> writes, Instant startedAt) {
    Map<Long, String> found = new HashMap<>();
    if (writes.isEmpty()) return found;
    Instant since = startedAt.minus(ctx.config().createLookupSlack());
    Map<String, FieldDescribe> types = new HashMap<>();
    for (WriteTarget.Column c : t.columns()) {
      if (!c.isRelationship()) types.put(c.field().name().toLowerCase(Locale.ROOT), c.field());
    }
    Set<String> compared = new LinkedHashSet<>();
    for (Write w : writes) {
      for (Map.Entry<String, @Nullable Object> f : w.fields().entrySet()) {
        FieldDescribe d = types.get(f.getKey().toLowerCase(Locale.ROOT));
        if (comparable(f.getValue(), d)) compared.add(d.name());
      }
    }
    List<String> select = new ArrayList<>();
    select.add("Id");
    select.addAll(compared);
    Soql soql =
        Soql.select(select)
            .from(t.object())
            .where(
                Condition.and(
                    Condition.eq("CreatedById", user(t)), Condition.gte("CreatedDate", since)))
            .orderBy("CreatedDate")
            .orderBy("Id")
            .build();
    List<SfRecord> candidates = new ArrayList<>();
    try (RecordStream s = ctx.api(t).query(soql, false)) {
      while (s.hasNext()) candidates.add(s.next());
    }
    Set<String> ids = new HashSet<>();
    for (SfRecord r : candidates) ids.add(r.id());
    Set<String> known = ctx.log().recordedSfids(t.table(), ids, since);
    Set<String> taken = new HashSet<>(known);
    for (Write w : writes) {
      List<String> fields =
          w.fields().entrySet().stream()
              .filter(f -> comparable(f.getValue(), types.get(f.getKey().toLowerCase(Locale.ROOT))))
              .map(Map.Entry::getKey)
              .toList();
      if (fields.isEmpty()) continue; // nothing to recognise it by
      for (SfRecord r : candidates) {
        if (taken.contains(r.id())) continue;
        if (matches(w, fields, r, types)) {
          found.put(w.change().carrier().id(), r.id());
          taken.add(r.id());
          break;
        }
      }
    }
    return found;
  }

  /** Writes that carry nothing this lookup can compare: their outcome cannot be found out. */
  static boolean recognisable(WriteTarget t, Write w) {
    Map<String, FieldDescribe> types = new LinkedHashMap<>();
    for (WriteTarget.Column c : t.columns()) {
      if (!c.isRelationship()) types.put(c.field().name().toLowerCase(Locale.ROOT), c.field());
    }
    return w.fields().entrySet().stream()
        .anyMatch(f -> comparable(f.getValue(), types.get(f.getKey().toLowerCase(Locale.ROOT))));
  }

  private String user(WriteTarget t) {
    if (userId == null) userId = ctx.api(t).identity().userId();
    return userId;
  }

  private static boolean comparable(@Nullable Object value, @Nullable FieldDescribe d) {
    if (value == null || value instanceof ExternalRef || d == null) return false;
    return switch (d.type()) {
      case ENCRYPTEDSTRING, BASE64, ADDRESS, LOCATION, ANYTYPE, OTHER -> false;
      default -> !d.calculated();
    };
  }

  private static boolean matches(
      Write w, List<String> fields, SfRecord r, Map<String, FieldDescribe> types) {
    for (String f : fields) {
      FieldDescribe d = types.get(f.toLowerCase(Locale.ROOT));
      if (!same(w.fields().get(f), r.get(d.name()), d)) return false;
    }
    return true;
  }

  private static boolean same(@Nullable Object sent, @Nullable String stored, FieldDescribe d) {
    if (stored == null) return sent == null;
    if (sent == null) return false;
    try {
      return switch (sent) {
        case Boolean b -> b == Boolean.parseBoolean(stored);
        case BigDecimal n -> sameNumber(n, new BigDecimal(stored), d);
        case Integer n -> new BigDecimal(stored).compareTo(BigDecimal.valueOf(n)) == 0;
        case Long n -> new BigDecimal(stored).compareTo(BigDecimal.valueOf(n)) == 0;
        case Instant i ->
            Instant.parse(stored)
                .truncatedTo(ChronoUnit.MILLIS)
                .equals(i.truncatedTo(ChronoUnit.MILLIS));
        case LocalTime t ->
            LocalTime.parse(
                    stored.endsWith("Z") ? stored.substring(0, stored.length() - 1) : stored)
                .truncatedTo(ChronoUnit.MILLIS)
                .equals(t.truncatedTo(ChronoUnit.MILLIS));
        case String s -> sameText(s, stored, d);
        default -> Objects.equals(SfValueText.of(d.name(), sent), stored);
      };
    } catch (RuntimeException unparsable) {
      return false;
    }
  }

  private static boolean sameNumber(BigDecimal sent, BigDecimal stored, FieldDescribe d) {
    if (sent.compareTo(stored) == 0) return true;
    // Salesforce rounds to the field's scale
    int scale = Math.max(0, d.scale());
    return sent.setScale(scale, RoundingMode.HALF_UP)
            .compareTo(stored.setScale(scale, RoundingMode.HALF_UP))
        == 0;
  }

  private static boolean sameText(String sent, String stored, FieldDescribe d) {
    if (d.type() == FieldType.REFERENCE || d.type() == FieldType.ID) {
      return sent.length() >= 15
          && stored.length() >= 15
          && sent.substring(0, 15).equals(stored.substring(0, 15));
    }
    if (d.type() == FieldType.MULTIPICKLIST) {
      return new HashSet<>(Arrays.asList(sent.split(";")))
          .equals(new HashSet<>(Arrays.asList(stored.split(";"))));
    }
    return sent.strip().equals(stored.strip());
  }
}
