package dev.ferry.emulator.soql;

import dev.ferry.emulator.soql.Ast.Literal;
import dev.ferry.emulator.soql.Values.Category;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Compiles a WHERE tree into a predicate over rows: every field is resolved and every literal
 * checked against its field's type once, before the first row is read. Logic is two-valued, as in
 * Salesforce ({@code NOT} simply negates); what each comparison means per type is {@link
 * ValueTests}'s job.
 */
final class FilterCompiler {
  private final Schema schema;
  private final Schema.Scope scope;
  private final LocalDate today;
  private final ValueTests values;

  FilterCompiler(Schema schema, Schema.Scope scope, LocalDate today) {
    this.schema = schema;
    this.scope = scope;
    this.today = today;
    this.values = new ValueTests(schema.errors(), today);
  }

  Predicate<SoqlRow> compile(Ast.Condition condition) {
    return switch (condition) {
      case Ast.And and -> conjunction(and.terms());
      case Ast.Or or -> any(compileAll(or.terms()));
      case Ast.Not not -> compile(not.term()).negate();
      case Ast.Comparison comparison -> comparison(comparison);
      case Ast.InList in -> in(in);
      case Ast.SemiJoin join -> semiJoin(join);
      case Ast.Includes includes -> includes(includes);
    };
  }

  private List<Predicate<SoqlRow>> compileAll(List<Ast.Condition> terms) {
    List<Predicate<SoqlRow>> compiled = new ArrayList<>(terms.size());
    for (Ast.Condition term : terms) compiled.add(compile(term));
    return compiled;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Predicate<SoqlRow> all(List<Predicate<SoqlRow>> terms) {
    Predicate<SoqlRow>[] array = terms.toArray(new Predicate[0]);
    return row -> {
      for (Predicate<SoqlRow> p : array) if (!p.test(row)) return false;
      return true;
    };
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Predicate<SoqlRow> any(List<Predicate<SoqlRow>> terms) {
    Predicate<SoqlRow>[] array = terms.toArray(new Predicate[0]);
    return row -> {
      for (Predicate<SoqlRow> p : array) if (p.test(row)) return true;
      return false;
    };
  }

  private Predicate<SoqlRow> comparison(Ast.Comparison comparison) {
    FieldTest test = fieldTest(comparison);
    return row -> test.test().test(test.reader().read(row));
  }

  /** A comparison split into the field it reads and the test its value must pass. */
  private record FieldTest(String canonical, Reader reader, Predicate<Object> test) {}

  private FieldTest fieldTest(Ast.Comparison comparison) {
    ResolvedPath path = filterable(comparison.path());
    Predicate<Object> test = values.comparison(path, comparison.operator(), comparison.value());
    return new FieldTest(path.canonical().toLowerCase(Locale.ROOT), path.reader(), test);
  }

  /**
   * AND. Comparisons on the same field are merged so the field is read once per row: the
   * incremental-sync window {@code SystemModstamp >= a AND SystemModstamp < b} costs one read.
   */
  private Predicate<SoqlRow> conjunction(List<Ast.Condition> terms) {
    java.util.Map<String, List<FieldTest>> byField = new java.util.LinkedHashMap<>();
    List<Predicate<SoqlRow>> others = new ArrayList<>();
    for (Ast.Condition term : terms) {
      if (term instanceof Ast.Comparison comparison) {
        FieldTest test = fieldTest(comparison);
        byField.computeIfAbsent(test.canonical(), k -> new ArrayList<>()).add(test);
      } else {
        others.add(compile(term));
      }
    }
    List<Predicate<SoqlRow>> compiled = new ArrayList<>();
    for (List<FieldTest> tests : byField.values()) {
      Reader reader = tests.get(0).reader();
      @SuppressWarnings({"unchecked", "rawtypes"})
      Predicate<Object>[] valueTests =
          tests.stream().map(FieldTest::test).toArray(Predicate[]::new);
      compiled.add(
          valueTests.length == 1
              ? row -> valueTests[0].test(reader.read(row))
              : row -> {
                Object value = reader.read(row);
                for (Predicate<Object> t : valueTests) if (!t.test(value)) return false;
                return true;
              });
    }
    compiled.addAll(others);
    return compiled.size() == 1 ? compiled.get(0) : all(compiled);
  }

  private Predicate<SoqlRow> in(Ast.InList in) {
    ResolvedPath path = filterable(in.path());
    Predicate<Object> test = values.member(path, in.operator(), in.values());
    Predicate<Object> result = in.negated() ? test.negate() : test;
    Reader reader = path.reader();
    return row -> result.test(reader.read(row));
  }

  private Predicate<SoqlRow> includes(Ast.Includes includes) {
    ResolvedPath path = filterable(includes.path());
    if (Values.category(path.type()) != Category.MULTIPICKLIST) {
      throw schema
          .errors()
          .at(
              SourceErrors.INVALID_QUERY_FILTER_OPERATOR,
              includes.operator(),
              "includes or excludes operator only valid on multipicklist field");
    }
    List<Set<String>> groups = new ArrayList<>();
    for (Literal value : includes.values()) {
      if (!(value instanceof Ast.StringLit s)) throw values.typeError(path, value);
      groups.add(Values.picks(s.value()));
    }
    Predicate<Object> contains =
        v -> {
          if (Values.isNull(v)) return false;
          Set<String> picks = Values.picks(v.toString());
          for (Set<String> group : groups)
            if (!group.isEmpty() && picks.containsAll(group)) return true;
          return false;
        };
    Predicate<Object> test = includes.excludes() ? contains.negate() : contains;
    Reader reader = path.reader();
    return row -> test.test(reader.read(row));
  }

  /** {@code Id IN (SELECT AccountId FROM Contact ...)}: the inner query runs once, up front. */
  private Predicate<SoqlRow> semiJoin(Ast.SemiJoin join) {
    ResolvedPath path = filterable(join.path());
    Ast.Select inner = join.query();
    if (Values.category(path.type()) != Category.ID) {
      // Guessed wording.
      throw schema
          .errors()
          .at(
              SourceErrors.MALFORMED_QUERY,
              path.start(),
              "semi join sub selects are only allowed on id fields");
    }
    if (inner.from().segments().size() != 1
        || inner.items().size() != 1
        || !(inner.items().get(0) instanceof Ast.FieldItem item)
        || !inner.groupBy().isEmpty()
        || !inner.orderBy().isEmpty()
        || inner.limit() != null
        || inner.offset() != null) {
      // Guessed wording.
      throw schema
          .errors()
          .at(
              SourceErrors.MALFORMED_QUERY,
              inner.selectToken(),
              "a semi join sub select must select exactly one id field from one object, with no"
                  + " GROUP BY, ORDER BY, LIMIT or OFFSET");
    }
    SoqlObject object = schema.object(inner.from().first());
    Schema.Scope innerScope =
        new Schema.Scope(object, inner.alias() == null ? null : inner.alias().text());
    ResolvedPath selected = schema.resolve(innerScope, item.path());
    if (Values.category(selected.type()) != Category.ID) {
      throw schema
          .errors()
          .at(
              SourceErrors.MALFORMED_QUERY,
              selected.start(),
              "semi join sub selects can only select id fields");
    }
    Predicate<SoqlRow> where =
        inner.where() == null
            ? row -> true
            : new FilterCompiler(schema, innerScope, today).compile(inner.where());
    Set<String> ids = new HashSet<>();
    for (SoqlRow row : schema.data().rows(object.name(), false)) {
      if (!where.test(row)) continue;
      Object value = selected.reader().read(row);
      if (!Values.isNull(value)) ids.add(Values.idKey(value));
    }
    Predicate<Object> member = v -> !Values.isNull(v) && ids.contains(Values.idKey(v));
    Predicate<Object> test = join.negated() ? member.negate() : member;
    Reader reader = path.reader();
    return row -> test.test(reader.read(row));
  }

  private ResolvedPath filterable(Ast.Path written) {
    ResolvedPath path = schema.resolve(scope, written);
    Category category = Values.category(path.type());
    if (category == Category.ADDRESS || category == Category.LOCATION) {
      // Observed for Address; the Location sentence is guessed by analogy.
      String kind = category == Category.ADDRESS ? "Address" : "Location";
      throw schema
          .errors()
          .at(
              SourceErrors.INVALID_FIELD,
              path.start(),
              kind + " fields can only be filtered using Distance expressions");
    }
    if (!path.field().filterable()) {
      throw schema
          .errors()
          .at(
              SourceErrors.INVALID_FIELD,
              path.start(),
              "field '" + path.field().name() + "' can not be filtered in query call");
    }
    return path;
  }
}
