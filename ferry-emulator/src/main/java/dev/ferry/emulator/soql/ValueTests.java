package dev.ferry.emulator.soql;

import dev.ferry.emulator.soql.Ast.Literal;
import dev.ferry.emulator.soql.Values.Category;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The test a field's value must pass for {@code field op literal}, by field type, with the literal
 * checked against the type first (Salesforce's INVALID_FIELD / INVALID_QUERY_FILTER_OPERATOR
 * errors). Text compares case-insensitively and '' means null; ids compare on their 15-character
 * form; ordering operators never match null; relative date literals are day ranges ({@code =}
 * inside, {@code <} before the start, {@code >} after the end), in UTC.
 */
final class ValueTests {
  private enum Op {
    EQ,
    NE,
    LT,
    LE,
    GT,
    GE
  }

  private final SourceErrors errors;
  private final LocalDate today;

  ValueTests(SourceErrors errors, LocalDate today) {
    this.errors = errors;
    this.today = today;
  }

  /** {@code field op literal}, op one of = != <> < <= > >= LIKE. */
  Predicate<Object> comparison(ResolvedPath path, Token operator, Literal value) {
    if (operator.isKeyword("LIKE")) return like(path, operator, value);
    return valueTest(path, op(operator), operator, value);
  }

  /** {@code field IN (literals)}: text and ids by one hash lookup, the rest one by one. */
  Predicate<Object> member(ResolvedPath path, Token operator, List<Literal> values) {
    Category category = Values.category(path.type());
    if ((category == Category.TEXT || category == Category.ID) && allStrings(values)) {
      return keySet(path, category, values);
    }
    List<Predicate<Object>> tests = new ArrayList<>();
    for (Literal value : values) tests.add(valueTest(path, Op.EQ, operator, value));
    return v -> {
      for (Predicate<Object> t : tests) if (t.test(v)) return true;
      return false;
    };
  }

  private static boolean allStrings(List<Literal> values) {
    return values.stream().allMatch(v -> v instanceof Ast.StringLit || v instanceof Ast.NullLit);
  }

  /** IN over text or ids: one hash lookup per row. */
  private Predicate<Object> keySet(ResolvedPath path, Category category, List<Literal> values) {
    Set<String> keys = new HashSet<>();
    boolean matchesNull = false;
    for (Literal value : values) {
      if (value instanceof Ast.StringLit s && !s.value().isEmpty()) {
        if (category == Category.ID) {
          checkId(s);
          keys.add(Values.idKey(s.value()));
        } else {
          keys.add(Values.textKey(s.value()));
        }
      } else {
        matchesNull = true;
      }
    }
    boolean nulls = matchesNull;
    if (category == Category.ID) {
      return v -> Values.isNull(v) ? nulls : keys.contains(Values.idKey(v));
    }
    return v -> Values.isNull(v) ? nulls : keys.contains(Values.textKey(v));
  }

  private Predicate<Object> like(ResolvedPath path, Token operator, Literal value) {
    Category category = Values.category(path.type());
    if (category != Category.TEXT) throw invalidOperator(path, operator);
    if (value instanceof Ast.NullLit) throw errors.unexpected(value.token());
    if (!(value instanceof Ast.StringLit s)) throw typeError(path, value);
    LikePattern pattern = LikePattern.compile(s.likePattern());
    return v -> !Values.isNull(v) && pattern.matches(v.toString());
  }

  /** The test a value must pass for {@code field op literal}. */
  private Predicate<Object> valueTest(ResolvedPath path, Op op, Token operator, Literal value) {
    Category category = Values.category(path.type());
    if (value instanceof Ast.NullLit) return nullTest(op);
    return switch (category) {
      case TEXT -> text(path, op, value);
      case ID -> id(path, op, value);
      case MULTIPICKLIST -> multipicklist(path, op, operator, value);
      case BOOLEAN -> bool(path, op, operator, value);
      case NUMBER -> number(path, op, value);
      case DATE -> date(path, op, value);
      case DATETIME -> dateTime(path, op, value);
      case TIME, ADDRESS, LOCATION -> throw typeError(path, value);
    };
  }

  private static Predicate<Object> nullTest(Op op) {
    return switch (op) {
      case EQ -> Values::isNull;
      case NE -> v -> !Values.isNull(v);
      // SQL-like: an ordering comparison with null matches nothing.
      case LT, LE, GT, GE -> v -> false;
    };
  }

  private Predicate<Object> text(ResolvedPath path, Op op, Literal value) {
    if (!(value instanceof Ast.StringLit s)) throw typeError(path, value);
    String literal = s.value();
    if (literal.isEmpty()) return nullTest(op);
    return switch (op) {
      case EQ -> v -> !Values.isNull(v) && v.toString().equalsIgnoreCase(literal);
      case NE -> v -> Values.isNull(v) || !v.toString().equalsIgnoreCase(literal);
      default ->
          ordered(
              op,
              v -> Values.isNull(v) ? null : v.toString(),
              literal,
              String.CASE_INSENSITIVE_ORDER);
    };
  }

  private Predicate<Object> id(ResolvedPath path, Op op, Literal value) {
    if (!(value instanceof Ast.StringLit s)) throw typeError(path, value);
    if (s.value().isEmpty()) return nullTest(op);
    checkId(s);
    String key = Values.idKey(s.value());
    return switch (op) {
      case EQ -> v -> !Values.isNull(v) && Values.sameId(v, key);
      case NE -> v -> Values.isNull(v) || !Values.sameId(v, key);
      default ->
          ordered(op, v -> Values.isNull(v) ? null : Values.idKey(v), key, String::compareTo);
    };
  }

  private void checkId(Ast.StringLit literal) {
    if (!Values.isIdLiteral(literal.value())) {
      throw errors.at(
          SourceErrors.INVALID_QUERY_FILTER_OPERATOR,
          literal.token(),
          "invalid ID field: " + literal.value());
    }
  }

  private Predicate<Object> multipicklist(ResolvedPath path, Op op, Token operator, Literal value) {
    if (op != Op.EQ && op != Op.NE) throw invalidOperator(path, operator);
    if (!(value instanceof Ast.StringLit s)) throw typeError(path, value);
    if (s.value().isEmpty()) return nullTest(op);
    Set<String> wanted = Values.picks(s.value());
    Predicate<Object> equal = v -> !Values.isNull(v) && Values.picks(v.toString()).equals(wanted);
    return op == Op.EQ ? equal : equal.negate();
  }

  private Predicate<Object> bool(ResolvedPath path, Op op, Token operator, Literal value) {
    if (!(value instanceof Ast.BooleanLit b)) throw typeError(path, value);
    if (op != Op.EQ && op != Op.NE) throw invalidOperator(path, operator);
    Boolean literal = b.value();
    return op == Op.EQ ? literal::equals : v -> !literal.equals(v);
  }

  private Predicate<Object> number(ResolvedPath path, Op op, Literal value) {
    if (!(value instanceof Ast.NumberLit n)) throw typeError(path, value);
    BigDecimal literal = n.value();
    boolean integral = literal.signum() == 0 || literal.stripTrailingZeros().scale() <= 0;
    boolean fitsLong = integral && literal.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0;
    long asLong = fitsLong ? literal.longValueExact() : 0;
    return v -> {
      if (v == null) return op == Op.NE;
      int c =
          fitsLong && (v instanceof Integer || v instanceof Long)
              ? Long.compare(((Number) v).longValue(), asLong)
              : Values.number(v).compareTo(literal);
      return holds(op, c);
    };
  }

  private Predicate<Object> date(ResolvedPath path, Op op, Literal value) {
    if (value instanceof Ast.DateLit d) {
      LocalDate literal = d.value();
      return new Compared<>(op, literal);
    }
    if (value instanceof Ast.RelativeDateLit r) {
      RelativeDate.Range range = r.kind().range(today, r.n());
      return range(
          op,
          v -> ((LocalDate) v).compareTo(range.start()),
          v -> ((LocalDate) v).compareTo(range.end()));
    }
    throw typeError(path, value);
  }

  private Predicate<Object> dateTime(ResolvedPath path, Op op, Literal value) {
    if (value instanceof Ast.DateTimeLit d) {
      Instant literal = d.value();
      return new Compared<>(op, literal);
    }
    if (value instanceof Ast.RelativeDateLit r) {
      RelativeDate.Range range = r.kind().range(today, r.n());
      Instant start = range.start().atStartOfDay(ZoneOffset.UTC).toInstant();
      Instant end = range.end().atStartOfDay(ZoneOffset.UTC).toInstant();
      return range(op, v -> ((Instant) v).compareTo(start), v -> ((Instant) v).compareTo(end));
    }
    throw typeError(path, value);
  }

  /** A date or datetime compared with a literal; null only satisfies {@code !=}. */
  private record Compared<T extends Comparable<T>>(Op op, T literal) implements Predicate<Object> {
    @Override
    @SuppressWarnings("unchecked")
    public boolean test(Object value) {
      return value == null ? op == Op.NE : holds(op, ((T) value).compareTo(literal));
    }
  }

  /** A relative date range [start, end). */
  private static Predicate<Object> range(
      Op op,
      java.util.function.ToIntFunction<Object> againstStart,
      java.util.function.ToIntFunction<Object> againstEnd) {
    Predicate<Object> inside =
        v -> v != null && againstStart.applyAsInt(v) >= 0 && againstEnd.applyAsInt(v) < 0;
    return switch (op) {
      case EQ -> inside;
      case NE -> inside.negate();
      case LT -> v -> v != null && againstStart.applyAsInt(v) < 0;
      case LE -> v -> v != null && againstEnd.applyAsInt(v) < 0;
      case GT -> v -> v != null && againstEnd.applyAsInt(v) >= 0;
      case GE -> v -> v != null && againstStart.applyAsInt(v) >= 0;
    };
  }

  private static <T> Predicate<Object> ordered(
      Op op, java.util.function.Function<Object, T> key, T literal, java.util.Comparator<T> order) {
    return v -> {
      T k = key.apply(v);
      return k != null && holds(op, order.compare(k, literal));
    };
  }

  private static boolean holds(Op op, int sign) {
    return switch (op) {
      case EQ -> sign == 0;
      case NE -> sign != 0;
      case LT -> sign < 0;
      case LE -> sign <= 0;
      case GT -> sign > 0;
      case GE -> sign >= 0;
    };
  }

  private static Op op(Token operator) {
    return switch (operator.kind()) {
      case EQ -> Op.EQ;
      case NE -> Op.NE;
      case LT -> Op.LT;
      case LE -> Op.LE;
      case GT -> Op.GT;
      case GE -> Op.GE;
      default -> throw new IllegalStateException("not a comparison operator: " + operator.text());
    };
  }

  /**
   * A literal of the wrong kind for the field. Salesforce's wording for quoted dates and numbers
   * (observed, errorCode INVALID_FIELD); the same sentence is used for every type.
   */
  SoqlException typeError(ResolvedPath path, Literal value) {
    SoqlType type = path.type();
    Category category = Values.category(type);
    boolean quoted =
        category == Category.TEXT || category == Category.ID || category == Category.MULTIPICKLIST;
    String typeName =
        switch (category) {
          case TEXT, MULTIPICKLIST -> "string";
          case ID -> "id";
          case DATETIME -> "dateTime";
          default -> type.name().toLowerCase(Locale.ROOT);
        };
    return errors.at(
        SourceErrors.INVALID_FIELD,
        value.token(),
        "value of filter criterion for field '"
            + path.field().name()
            + "' must be of type "
            + typeName
            + " and should "
            + (quoted ? "" : "not ")
            + "be enclosed in quotes");
  }

  /** Observed for LIKE on an id field ("invalid operator on id field"); the same for others. */
  private SoqlException invalidOperator(ResolvedPath path, Token operator) {
    String typeName =
        switch (Values.category(path.type())) {
          case ID -> "id";
          case MULTIPICKLIST -> "multipicklist";
          default -> path.type().name().toLowerCase(Locale.ROOT);
        };
    return errors.at(
        SourceErrors.INVALID_QUERY_FILTER_OPERATOR,
        operator,
        "invalid operator on " + typeName + " field");
  }
}
