package dev.ferry.emulator.soql;

import dev.ferry.emulator.soql.Ast.SelectItem;
import dev.ferry.emulator.soql.ProjectionCompiler.Entry;
import dev.ferry.emulator.soql.Schema.Scope;
import dev.ferry.emulator.soql.Values.Category;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Binds a parsed SELECT to the schema (every name resolved, every literal type-checked, in the
 * order Salesforce reports problems: select list, WHERE, ORDER BY, LIMIT/OFFSET) and runs it. The
 * matched rows are kept as references; projection happens when the result is read.
 */
final class Planner {
  static final long MAX_OFFSET = 2000;
  static final long FIELDS_MAX_LIMIT = 200;

  /** API 58.0+: a parent root and child subqueries four levels deep. */
  static final int MAX_CHILD_LEVELS = 4;

  private static final String WSDL =
      " Please reference your WSDL or the describe call for the appropriate names.";

  private final Schema schema;
  private final SourceErrors errors;
  private final LocalDate today;
  private final boolean includeDeleted;
  private final ProjectionCompiler projections;

  Planner(Schema schema, LocalDate today, boolean includeDeleted) {
    this.schema = schema;
    this.errors = schema.errors();
    this.today = today;
    this.includeDeleted = includeDeleted;
    this.projections = new ProjectionCompiler(schema);
  }

  SoqlResult run(Ast.Select select) {
    SoqlObject object = schema.object(select.from().first());
    Scope scope = new Scope(object, text(select.alias()));
    if (select.items().stream().anyMatch(i -> i instanceof Ast.CountAll)) {
      return count(select, scope);
    }
    if (isAggregate(select)) return aggregate(select, scope);
    SelectList list = selectList(select, scope, 0);
    Predicate<SoqlRow> filter = filter(select, scope);
    RowSorter sorter = sorter(select, scope);
    long limit = limit(select);
    long offset = offset(select);
    List<SoqlRow> matched = matched(object, filter);
    if (sorter != null) matched = sorter.sortRows(matched, limit < 0 ? -1 : offset + limit);
    List<Projection.Node> nodes = projections.compile(object, list.entries());
    return new RowsResult(
        object.name(), list.columns(), Slice.of(matched, offset, limit), nodes, list.readers());
  }

  static boolean isAggregate(Ast.Select select) {
    return !select.groupBy().isEmpty()
        || select.items().stream().anyMatch(i -> i instanceof Ast.AggregateItem);
  }

  private SoqlResult count(Ast.Select select, Scope scope) {
    if (select.items().size() > 1) {
      SelectItem other =
          select.items().get(0) instanceof Ast.CountAll
              ? select.items().get(1)
              : select.items().get(0);
      // Guess: Salesforce's grammar has COUNT() alone in the select list.
      throw errors.unexpected(other.start());
    }
    if (!select.groupBy().isEmpty()) throw errors.unexpected(select.groupBy().get(0).first());
    Predicate<SoqlRow> filter = filter(select, scope);
    sorter(select, scope);
    long limit = limit(select);
    long offset = offset(select);
    Collection<? extends SoqlRow> rows = schema.data().rows(scope.object().name(), includeDeleted);
    long count;
    if (filter == null) {
      count = rows.size();
    } else {
      count = 0;
      for (SoqlRow row : rows) if (filter.test(row)) count++;
    }
    return new CountResult(scope.object().name(), Slice.count(count, offset, limit));
  }

  private SoqlResult aggregate(Ast.Select select, Scope scope) {
    Aggregation aggregation = new AggregatePlanner(schema).plan(select, scope);
    Predicate<SoqlRow> filter = filter(select, scope);
    long limit = limit(select);
    long offset = offset(select);
    List<ResultRow> rows = aggregation.run(matched(scope.object(), filter), offset, limit);
    return new AggregateRows(scope.object().name(), aggregation.columns(), rows);
  }

  private List<SoqlRow> matched(SoqlObject object, @Nullable Predicate<SoqlRow> filter) {
    Collection<? extends SoqlRow> rows = schema.data().rows(object.name(), includeDeleted);
    if (filter == null) return new ArrayList<>(rows);
    ArrayList<SoqlRow> matched = new ArrayList<>();
    for (SoqlRow row : rows) if (filter.test(row)) matched.add(row);
    return matched;
  }

  /** The select list of a record query: projection entries, flat columns and their readers. */
  private record SelectList(List<Entry> entries, List<String> columns, List<Reader> readers) {}

  private SelectList selectList(Ast.Select select, Scope scope, int depth) {
    List<Entry> entries = new ArrayList<>();
    Map<String, Reader> columns = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    for (SelectItem item : select.items()) {
      switch (item) {
        case Ast.FieldItem field -> {
          if (field.alias() != null) {
            // Guessed wording.
            throw errors.at(
                SourceErrors.MALFORMED_QUERY,
                field.alias(),
                "Only aggregate expressions use field aliasing");
          }
          ResolvedPath path = schema.resolve(scope, field.path());
          addColumn(columns, seen, path.canonical(), path.reader());
          entries.add(new ProjectionCompiler.PathEntry(path.keys()));
        }
        case Ast.FieldsItem fields -> {
          if (fields.kind() != Ast.FieldsKind.STANDARD) {
            long limit = select.limit() == null ? -1 : limit(select);
            if (limit < 0 || limit > FIELDS_MAX_LIMIT) {
              throw new SoqlException(
                  SourceErrors.MALFORMED_QUERY,
                  "The SOQL FIELDS function must have a LIMIT of at most " + FIELDS_MAX_LIMIT);
            }
          }
          for (SoqlField f : expand(scope.object(), fields.kind())) {
            addColumn(columns, seen, f.name(), Reader.field(f));
            entries.add(new ProjectionCompiler.PathEntry(List.of(f.name())));
          }
        }
        case Ast.SubqueryItem subquery -> entries.add(child(subquery, scope, depth + 1));
        case Ast.TypeofItem typeof ->
            entries.add(
                new TypeofPlanner(schema)
                    .plan(typeof, scope, (name, reader) -> addColumn(columns, seen, name, reader)));
        case Ast.CountAll count -> throw errors.unexpected(count.start());
        case Ast.AggregateItem aggregate -> throw errors.unexpected(aggregate.start());
      }
    }
    return new SelectList(
        List.copyOf(entries), List.copyOf(columns.keySet()), List.copyOf(columns.values()));
  }

  static void addColumn(Map<String, Reader> columns, Set<String> seen, String name, Reader reader) {
    if (!seen.add(name.toLowerCase(Locale.ROOT))) {
      throw new SoqlException(SourceErrors.INVALID_FIELD, "duplicate field selected: " + name);
    }
    columns.put(name, reader);
  }

  /** FIELDS(): custom fields are the ones whose name ends in __c. */
  static List<SoqlField> expand(SoqlObject object, Ast.FieldsKind kind) {
    List<SoqlField> fields = new ArrayList<>();
    for (SoqlField field : object.fields()) {
      boolean custom = field.name().toLowerCase(Locale.ROOT).endsWith("__c");
      if (kind == Ast.FieldsKind.ALL || (kind == Ast.FieldsKind.CUSTOM) == custom)
        fields.add(field);
    }
    return fields;
  }

  private Entry child(Ast.SubqueryItem item, Scope outer, int depth) {
    Ast.Select sub = item.query();
    if (depth > MAX_CHILD_LEVELS) {
      // Salesforce's documented wording for the older one-level limit, with today's four levels.
      throw errors.at(
          SourceErrors.MALFORMED_QUERY,
          sub.selectToken(),
          "SOQL statements cannot query aggregate relationships more than "
              + MAX_CHILD_LEVELS
              + " levels away from the root entity object.");
    }
    List<Token> from = sub.from().segments();
    String relationship = null;
    if (from.size() == 1) {
      relationship = from.get(0).text();
    } else if (from.size() == 2) {
      String prefix = from.get(0).text();
      if (prefix.equalsIgnoreCase(outer.object().name())
          || (outer.alias() != null && prefix.equalsIgnoreCase(outer.alias()))) {
        relationship = from.get(1).text();
      }
    }
    SoqlChildRelationship found =
        relationship == null ? null : outer.object().childRelationship(relationship).orElse(null);
    SoqlObject child = found == null ? null : schema.lookup(found.childObject()).orElse(null);
    if (found == null || child == null) {
      throw errors.at(
          SourceErrors.INVALID_TYPE,
          from.get(0),
          "Didn't understand relationship '"
              + sub.from().text()
              + "' in FROM part of query call. If you are attempting to use a custom relationship,"
              + " be sure to append the '__r' after the custom relationship name."
              + WSDL);
    }
    if (isAggregate(sub) || sub.items().stream().anyMatch(i -> i instanceof Ast.CountAll)) {
      // Guessed wording.
      throw errors.at(
          SourceErrors.MALFORMED_QUERY,
          sub.selectToken(),
          "aggregate functions and GROUP BY are not supported in parent-to-child subqueries");
    }
    Scope scope = new Scope(child, text(sub.alias()));
    SelectList list = selectList(sub, scope, depth);
    Predicate<SoqlRow> filter = filter(sub, scope);
    RowSorter sorter = sorter(sub, scope);
    ChildQuery query =
        new ChildQuery(
            schema.data(),
            child,
            found.field(),
            includeDeleted,
            filter,
            sorter,
            offset(sub),
            limit(sub));
    query.project(projections.compile(child, list.entries()));
    return new ProjectionCompiler.SubqueryEntry(found.relationshipName(), query);
  }

  private @Nullable Predicate<SoqlRow> filter(Ast.Select select, Scope scope) {
    if (select.where() == null) return null;
    return new FilterCompiler(schema, scope, today).compile(select.where());
  }

  private @Nullable RowSorter sorter(Ast.Select select, Scope scope) {
    if (select.orderBy().isEmpty()) return null;
    List<RowSorter.Key> keys = new ArrayList<>();
    for (Ast.OrderItem item : select.orderBy()) {
      if (!(item.key() instanceof Ast.OrderByPath byPath)) {
        // Guessed wording.
        throw errors.at(
            SourceErrors.MALFORMED_QUERY,
            item.key().start(),
            "aggregate functions in ORDER BY need an aggregate query");
      }
      ResolvedPath path = schema.resolve(scope, byPath.path());
      Category category = Values.category(path.type());
      if (!path.field().sortable()
          || category == Category.ADDRESS
          || category == Category.LOCATION) {
        // Observed: MALFORMED_QUERY for ORDER BY on a long text area.
        throw errors.at(
            SourceErrors.MALFORMED_QUERY,
            path.start(),
            "field '" + path.field().name() + "' can not be sorted in a query call");
      }
      boolean nullsFirst = item.nullsFirst() != null ? item.nullsFirst() : !item.descending();
      keys.add(
          new RowSorter.Key(path.reader(), Values.order(category), item.descending(), nullsFirst));
    }
    return new RowSorter(keys);
  }

  private long limit(Ast.Select select) {
    return select.limit() == null ? -1 : count(select.limit());
  }

  private long offset(Ast.Select select) {
    if (select.offset() == null) return 0;
    long offset = count(select.offset());
    if (offset > MAX_OFFSET) {
      throw new SoqlException(
          "NUMBER_OUTSIDE_VALID_RANGE", "Maximum SOQL offset allowed is " + MAX_OFFSET);
    }
    return offset;
  }

  /** A LIMIT or OFFSET value: a non-negative integer literal. */
  private long count(Token token) {
    BigDecimal value = (BigDecimal) Objects.requireNonNull(token.value());
    String text = token.text();
    if (value.signum() < 0 || text.contains(".") || text.contains("e") || text.contains("E")) {
      throw errors.unexpected(token);
    }
    if (value.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
      // Guessed wording.
      throw errors.at(SourceErrors.MALFORMED_QUERY, token, "numeric value out of range: " + text);
    }
    return value.longValueExact();
  }

  private static @Nullable String text(@Nullable Token token) {
    return token == null ? null : token.text();
  }
}
