package dev.ferry.emulator.soql;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random WHERE trees over random rows: the engine must select exactly the rows a plain reference
 * evaluation (written here, sharing no code with the engine) selects.
 */
class WherePropertyTest {
  private static final LocalDate TODAY = LocalDate.of(2024, 5, 15);
  private static final String[] TEXTS = {
    "alpha", "Alpha", "ALPHA", "beta", "Beta gamma", "b_c", "50%", "zeta", "a'b", "back\\slash"
  };
  private static final String[] NUMBERS = {"-2.5", "-1", "0", "0.5", "1", "1.00", "2", "3.75"};
  private static final String[] TAGS = {"A", "B", "C"};

  static LongStream seeds() {
    return Seeds.seeds();
  }

  /** A generated row, as the reference sees it. */
  private record Row(String id, Map<String, Object> values, @Nullable Row parent) {
    @Nullable Object get(String field) {
      if (field.startsWith("Parent__r.")) {
        return parent == null ? null : parent.values.get(field.substring("Parent__r.".length()));
      }
      return values.get(field);
    }
  }

  /** A generated condition: its SOQL text and its reference truth. */
  private interface Cond {
    String soql();

    boolean test(Row row);
  }

  private static final class Generator {
    private final Random random;

    Generator(Random random) {
      this.random = random;
    }

    <T> T pick(T[] values) {
      return values[random.nextInt(values.length)];
    }

    Cond condition(int depth) {
      int roll = random.nextInt(10);
      if (depth >= 3 || roll < 6) return leaf();
      if (roll == 6) {
        Cond inner = condition(depth + 1);
        return cond("NOT (" + inner.soql() + ")", row -> !inner.test(row));
      }
      boolean and = roll < 9;
      List<Cond> terms = new ArrayList<>();
      for (int n = 2 + random.nextInt(2); n > 0; n--) terms.add(condition(depth + 1));
      String text =
          terms.stream()
              .map(t -> "(" + t.soql() + ")")
              .collect(Collectors.joining(and ? " AND " : " OR "));
      return cond(
          text,
          row ->
              and
                  ? terms.stream().allMatch(t -> t.test(row))
                  : terms.stream().anyMatch(t -> t.test(row)));
    }

    Cond leaf() {
      return switch (random.nextInt(8)) {
        case 0, 1 -> text(random.nextInt(4) == 0 ? "Parent__r.Text__c" : "Text__c");
        case 2 -> number(random.nextBoolean() ? "Num__c" : "Int__c");
        case 3 -> flag();
        case 4 -> day();
        case 5 -> stamp();
        case 6 -> tags();
        default -> in();
      };
    }

    Cond text(String field) {
      String op = pick(new String[] {"=", "!=", "<", "<=", ">", ">=", "LIKE", "= null", "!= null"});
      if (op.endsWith("null")) {
        boolean eq = op.startsWith("=");
        return cond(field + " " + op, row -> eq == isNull(row.get(field)));
      }
      if (op.equals("LIKE")) {
        String pattern = likePattern();
        Pattern regex = likeRegex(pattern);
        return cond(
            field + " LIKE '" + pattern + "'",
            row -> !isNull(row.get(field)) && regex.matcher((String) row.get(field)).matches());
      }
      String literal = random.nextInt(6) == 0 ? "" : pick(TEXTS);
      String soql = field + " " + op + " " + quote(literal);
      if (literal.isEmpty()) {
        return cond(
            soql,
            row ->
                switch (op) {
                  case "=" -> isNull(row.get(field));
                  case "!=" -> !isNull(row.get(field));
                  default -> false;
                });
      }
      return cond(
          soql,
          row -> {
            Object v = row.get(field);
            if (op.equals("!=")) return isNull(v) || !((String) v).equalsIgnoreCase(literal);
            if (isNull(v)) return false;
            int c =
                ((String) v).toLowerCase(Locale.ROOT).compareTo(literal.toLowerCase(Locale.ROOT));
            return compare(op, c);
          });
    }

    Cond number(String field) {
      String op = pick(new String[] {"=", "!=", "<", "<=", ">", ">="});
      String literal = pick(NUMBERS);
      BigDecimal value = new BigDecimal(literal);
      String written =
          random.nextInt(4) == 0
              ? value.stripTrailingZeros().toString().replace("E+", "e")
              : literal;
      return cond(
          field + " " + op + " " + written,
          row -> {
            Object v = row.get(field);
            if (v == null) return op.equals("!=");
            BigDecimal n = v instanceof Integer i ? BigDecimal.valueOf(i) : (BigDecimal) v;
            return compare(op, n.compareTo(value));
          });
    }

    Cond flag() {
      boolean literal = random.nextBoolean();
      boolean eq = random.nextBoolean();
      String written =
          literal
              ? pick(new String[] {"true", "TRUE", "True"})
              : pick(new String[] {"false", "FALSE"});
      return cond(
          "Flag__c " + (eq ? "=" : "!=") + " " + written,
          row -> {
            boolean v = Boolean.TRUE.equals(row.get("Flag__c"));
            return eq == (v == literal);
          });
    }

    Cond day() {
      String op = pick(new String[] {"=", "!=", "<", "<=", ">", ">="});
      if (random.nextInt(3) == 0) {
        int n = random.nextInt(4);
        String[] names = {
          "TODAY", "YESTERDAY", "LAST_N_DAYS:" + n, "NEXT_N_DAYS:" + n, "THIS_MONTH"
        };
        int which = random.nextInt(names.length);
        LocalDate[] range = range(which, n);
        return cond(
            "Day__c " + op + " " + names[which],
            row -> inRange(op, (LocalDate) row.get("Day__c"), range[0], range[1]));
      }
      LocalDate literal = TODAY.plusDays(random.nextInt(11) - 5);
      return cond(
          "Day__c " + op + " " + literal,
          row -> {
            LocalDate v = (LocalDate) row.get("Day__c");
            return v == null ? op.equals("!=") : compare(op, v.compareTo(literal));
          });
    }

    Cond stamp() {
      String op = pick(new String[] {"=", "!=", "<", "<=", ">", ">="});
      if (random.nextInt(3) == 0) {
        int n = random.nextInt(4);
        String[] names = {
          "TODAY", "YESTERDAY", "LAST_N_DAYS:" + n, "NEXT_N_DAYS:" + n, "THIS_MONTH"
        };
        int which = random.nextInt(names.length);
        LocalDate[] range = range(which, n);
        Instant start = range[0].atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = range[1].atStartOfDay(ZoneOffset.UTC).toInstant();
        return cond(
            "Stamp__c " + op + " " + names[which],
            row -> inRange(op, (Instant) row.get("Stamp__c"), start, end));
      }
      Instant literal = stampValue();
      String written = DateTimeLiteralRoundTripTest.literal(literal, 3, random);
      return cond(
          "Stamp__c " + op + " " + written,
          row -> {
            Instant v = (Instant) row.get("Stamp__c");
            return v == null ? op.equals("!=") : compare(op, v.compareTo(literal));
          });
    }

    Cond tags() {
      boolean excludes = random.nextBoolean();
      List<Set<String>> groups = new ArrayList<>();
      List<String> written = new ArrayList<>();
      for (int n = 1 + random.nextInt(2); n > 0; n--) {
        Set<String> group = new HashSet<>();
        for (int k = 1 + random.nextInt(2); k > 0; k--) group.add(pick(TAGS));
        groups.add(group);
        written.add(quote(String.join(";", group).toLowerCase(Locale.ROOT)));
      }
      return cond(
          "Tags__c "
              + (excludes ? "EXCLUDES" : "INCLUDES")
              + " ("
              + String.join(", ", written)
              + ")",
          row -> {
            String v = (String) row.get("Tags__c");
            boolean any = false;
            if (v != null) {
              Set<String> picks = new HashSet<>(Arrays.asList(v.split(";")));
              for (Set<String> group : groups) any |= picks.containsAll(group);
            }
            return excludes != any;
          });
    }

    Cond in() {
      boolean negated = random.nextBoolean();
      if (random.nextBoolean()) {
        List<String> values = new ArrayList<>();
        for (int n = 1 + random.nextInt(3); n > 0; n--)
          values.add(random.nextInt(5) == 0 ? "" : pick(TEXTS));
        String text =
            values.stream().map(WherePropertyTest::quote).collect(Collectors.joining(", "));
        return cond(
            "Text__c " + (negated ? "NOT IN" : "IN") + " (" + text + ")",
            row -> {
              Object v = row.get("Text__c");
              boolean member =
                  values.stream()
                      .anyMatch(l ->
                          l.isEmpty() ? isNull(v) : !isNull(v) && ((String) v).equalsIgnoreCase(l));
              return negated != member;
            });
      }
      List<BigDecimal> values = new ArrayList<>();
      for (int n = 1 + random.nextInt(3); n > 0; n--) values.add(new BigDecimal(pick(NUMBERS)));
      String text =
          values.stream().map(BigDecimal::toPlainString).collect(Collectors.joining(", "));
      return cond(
          "Num__c " + (negated ? "NOT IN" : "IN") + " (" + text + ")",
          row -> {
            BigDecimal v = (BigDecimal) row.get("Num__c");
            boolean member = v != null && values.stream().anyMatch(l -> l.compareTo(v) == 0);
            return negated != member;
          });
    }

    String likePattern() {
      String[] parts = {"a", "b", "%", "_", "ph", "\\%", "\\_", "ALP", "e"};
      StringBuilder b = new StringBuilder();
      for (int n = 1 + random.nextInt(4); n > 0; n--) b.append(pick(parts));
      return b.toString();
    }

    Instant stampValue() {
      Instant base = Instant.parse("2024-05-13T00:00:00Z");
      return random.nextInt(4) == 0
          ? base.plusSeconds(86_400L * random.nextInt(4))
          : base.plusMillis((long) (random.nextDouble() * 4 * 86_400_000L));
    }

    Row row(String id, List<Row> earlier) {
      Map<String, Object> v = new HashMap<>();
      if (random.nextInt(5) > 0) v.put("Text__c", random.nextInt(8) == 0 ? "" : pick(TEXTS));
      if (random.nextInt(5) > 0) v.put("Num__c", new BigDecimal(pick(NUMBERS)));
      if (random.nextInt(5) > 0) v.put("Int__c", random.nextInt(7) - 3);
      if (random.nextInt(3) > 0) v.put("Flag__c", random.nextBoolean());
      if (random.nextInt(5) > 0) v.put("Day__c", TODAY.plusDays(random.nextInt(11) - 5));
      if (random.nextInt(5) > 0) v.put("Stamp__c", stampValue());
      if (random.nextInt(4) > 0) {
        Set<String> tags = new HashSet<>();
        for (int k = random.nextInt(3) + 1; k > 0; k--) tags.add(pick(TAGS));
        v.put("Tags__c", String.join(";", tags));
      }
      Row parent =
          earlier.isEmpty() || random.nextInt(3) == 0
              ? null
              : earlier.get(random.nextInt(earlier.size()));
      if (parent != null) v.put("Parent__c", parent.id());
      return new Row(id, v, parent);
    }
  }

  /** [start, end) of the relative literals the generator writes, computed independently. */
  private static LocalDate[] range(int which, int n) {
    return switch (which) {
      case 0 -> new LocalDate[] {TODAY, TODAY.plusDays(1)};
      case 1 -> new LocalDate[] {TODAY.minusDays(1), TODAY};
      case 2 -> new LocalDate[] {TODAY.minusDays(n), TODAY.plusDays(1)};
      case 3 -> new LocalDate[] {TODAY.plusDays(1), TODAY.plusDays(1 + n)};
      default -> new LocalDate[] {TODAY.withDayOfMonth(1), TODAY.withDayOfMonth(1).plusMonths(1)};
    };
  }

  private static <T extends Comparable<T>> boolean inRange(
      String op, @Nullable T v, T start, T end) {
    boolean inside = v != null && v.compareTo(start) >= 0 && v.compareTo(end) < 0;
    if (op.equals("=")) return inside;
    if (op.equals("!=")) return !inside;
    if (v == null) return false;
    return switch (op) {
      case "<" -> v.compareTo(start) < 0;
      case "<=" -> v.compareTo(end) < 0;
      case ">" -> v.compareTo(end) >= 0;
      default -> v.compareTo(start) >= 0;
    };
  }

  private static boolean compare(String op, int c) {
    return switch (op) {
      case "=" -> c == 0;
      case "!=" -> c != 0;
      case "<" -> c < 0;
      case "<=" -> c <= 0;
      case ">" -> c > 0;
      default -> c >= 0;
    };
  }

  private static boolean isNull(@Nullable Object v) {
    return v == null || "".equals(v);
  }

  private static Pattern likeRegex(String pattern) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\') regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
      else if (c == '%') regex.append(".*");
      else if (c == '_') regex.append('.');
      else regex.append(Pattern.quote(String.valueOf(c)));
    }
    return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  }

  private static String quote(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  private static Cond cond(String soql, java.util.function.Predicate<Row> test) {
    return new Cond() {
      @Override
      public String soql() {
        return soql;
      }

      @Override
      public boolean test(Row row) {
        return test.test(row);
      }
    };
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void engineSelectsWhatTheReferenceSelects(long seed) {
    Random random = new Random(seed);
    Generator gen = new Generator(random);
    TestOrg org =
        new TestOrg()
            .object(
                new TestObject("Item__c", "a03")
                    .field("Text__c", SoqlType.STRING)
                    .field("Num__c", SoqlType.DOUBLE)
                    .field("Int__c", SoqlType.INT)
                    .field("Flag__c", SoqlType.BOOLEAN)
                    .field("Day__c", SoqlType.DATE)
                    .field("Stamp__c", SoqlType.DATETIME)
                    .field("Tags__c", SoqlType.MULTIPICKLIST)
                    .lookup("Parent__c", "Parent__r", "Item__c"));
    List<Row> rows = new ArrayList<>();
    for (int i = 1; i <= 80; i++) {
      Row row = gen.row(TestIds.id("a03", i), rows);
      TestRow stored = org.insert("Item__c");
      row.values().forEach(stored::set);
      rows.add(row);
    }
    for (int q = 0; q < 400; q++) {
      Cond cond = gen.condition(0);
      String soql = "SELECT Id FROM Item__c WHERE " + cond.soql() + " ORDER BY Id";
      List<String> expected = rows.stream().filter(cond::test).map(Row::id).toList();
      List<String> actual = Rows.ids(org.query(soql));
      assertThat(actual).as("%s\n%s", Seeds.describe(seed), soql).isEqualTo(expected);
    }
  }
}
