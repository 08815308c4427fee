package dev.ferry.core.soql;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A WHERE condition. Values are formatted by {@link SoqlLiteral}: strings are quoted and escaped,
 * Instants become UTC datetime literals, LocalDates date literals, null becomes {@code null}. AND
 * and OR groups are always parenthesised, because SOQL rejects mixing them without parentheses.
 */
public sealed interface Condition {
  String render();

  static Condition eq(String field, @Nullable Object value) {
    return new Comparison(field, "=", value);
  }

  static Condition ne(String field, @Nullable Object value) {
    return new Comparison(field, "!=", value);
  }

  static Condition lt(String field, Object value) {
    return new Comparison(field, "<", Objects.requireNonNull(value));
  }

  static Condition lte(String field, Object value) {
    return new Comparison(field, "<=", Objects.requireNonNull(value));
  }

  static Condition gt(String field, Object value) {
    return new Comparison(field, ">", Objects.requireNonNull(value));
  }

  static Condition gte(String field, Object value) {
    return new Comparison(field, ">=", Objects.requireNonNull(value));
  }

  static Condition like(String field, String pattern) {
    return new Comparison(field, "LIKE", Objects.requireNonNull(pattern));
  }

  static Condition in(String field, Collection<?> values) {
    return new In(field, false, List.copyOf(values));
  }

  static Condition notIn(String field, Collection<?> values) {
    return new In(field, true, List.copyOf(values));
  }

  static Condition and(Condition... parts) {
    return new Group("AND", List.of(parts));
  }

  static Condition or(Condition... parts) {
    return new Group("OR", List.of(parts));
  }

  static Condition not(Condition inner) {
    return new Not(inner);
  }

  default Condition and(Condition other) {
    return and(this, other);
  }

  default Condition or(Condition other) {
    return or(this, other);
  }

  record Comparison(String field, String op, @Nullable Object value) implements Condition {
    public Comparison {
      Soql.fieldPath(field);
    }

    @Override
    public String render() {
      return field + " " + op + " " + SoqlLiteral.format(value);
    }
  }

  record In(String field, boolean negated, List<?> values) implements Condition {
    public In {
      Soql.fieldPath(field);
      if (values.isEmpty())
        throw new IllegalArgumentException("IN list for " + field + " is empty");
    }

    @Override
    public String render() {
      List<String> parts = new ArrayList<>();
      for (Object v : values) parts.add(SoqlLiteral.format(v));
      return field + (negated ? " NOT IN (" : " IN (") + String.join(", ", parts) + ")";
    }
  }

  record Group(String op, List<Condition> parts) implements Condition {
    public Group {
      if (parts.isEmpty()) throw new IllegalArgumentException(op + " needs at least one condition");
      parts = List.copyOf(parts);
    }

    @Override
    public String render() {
      if (parts.size() == 1) return parts.get(0).render();
      List<String> rendered = new ArrayList<>();
      for (Condition c : parts) {
        rendered.add(c instanceof Group || c instanceof Not ? "(" + c.render() + ")" : c.render());
      }
      return String.join(" " + op + " ", rendered);
    }
  }

  record Not(Condition inner) implements Condition {
    @Override
    public String render() {
      return "NOT (" + inner.render() + ")";
    }
  }
}
