package dev.ferry.emulator.soql;

import dev.ferry.emulator.soql.Ast.AggregateFunction;
import dev.ferry.emulator.soql.Ast.SelectItem;
import dev.ferry.emulator.soql.Schema.Scope;
import dev.ferry.emulator.soql.Values.Category;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Plans an aggregate query: GROUP BY fields, aggregate functions with their result keys (alias, or
 * {@code expr0, expr1, ...} for the unaliased ones, numbered among themselves), and ORDER BY over
 * groups or aggregates. Plain fields must be grouped, as Salesforce requires.
 */
final class AggregatePlanner {
  private final Schema schema;
  private final SourceErrors errors;

  AggregatePlanner(Schema schema) {
    this.schema = schema;
    this.errors = schema.errors();
  }

  Aggregation plan(Ast.Select select, Scope scope) {
    List<Aggregation.Group> groups = new ArrayList<>();
    for (Ast.Path path : select.groupBy()) {
      ResolvedPath resolved = schema.resolve(scope, path);
      checkGroupable(resolved);
      groups.add(new Aggregation.Group(resolved));
    }
    List<Aggregation.Measure> measures = new ArrayList<>();
    List<Aggregation.Output> outputs = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    int expr = 0;
    for (SelectItem item : select.items()) {
      switch (item) {
        case Ast.FieldItem field -> {
          ResolvedPath resolved = schema.resolve(scope, field.path());
          int group = groupIndex(groups, resolved, "Field must be grouped or aggregated: ");
          String key = field.alias() != null ? field.alias().text() : resolved.lastKey();
          outputs.add(output(keys, key, field.start(), group, -1));
        }
        case Ast.AggregateItem aggregate -> {
          ResolvedPath resolved = schema.resolve(scope, aggregate.path());
          checkAggregable(aggregate.function(), resolved);
          measures.add(new Aggregation.Measure(aggregate.function(), resolved));
          String key = aggregate.alias() != null ? aggregate.alias().text() : "expr" + expr++;
          outputs.add(output(keys, key, aggregate.start(), -1, measures.size() - 1));
        }
        case Ast.FieldsItem fields -> {
          for (SoqlField f : Planner.expand(scope.object(), fields.kind())) {
            ResolvedPath resolved =
                schema.resolve(scope, new Ast.Path(List.of(withText(fields.start(), f.name()))));
            int group = groupIndex(groups, resolved, "Field must be grouped or aggregated: ");
            outputs.add(output(keys, f.name(), fields.start(), group, -1));
          }
        }
        case Ast.SubqueryItem subquery -> throw errors.unexpected(subquery.start());
        case Ast.TypeofItem typeof -> throw errors.unexpected(typeof.start());
        case Ast.CountAll count -> throw errors.unexpected(count.start());
      }
    }
    List<Aggregation.Order> orders = new ArrayList<>();
    for (Ast.OrderItem item : select.orderBy()) {
      boolean nullsFirst = item.nullsFirst() != null ? item.nullsFirst() : !item.descending();
      switch (item.key()) {
        case Ast.OrderByPath byPath -> {
          ResolvedPath resolved = schema.resolve(scope, byPath.path());
          // Guessed wording, after "Field must be grouped or aggregated".
          int group = groupIndex(groups, resolved, "Ordered field must be grouped or aggregated: ");
          orders.add(new Aggregation.Order(group, -1, item.descending(), nullsFirst));
        }
        case Ast.OrderByAggregate byAggregate -> {
          ResolvedPath resolved = schema.resolve(scope, byAggregate.path());
          checkAggregable(byAggregate.function(), resolved);
          int measure = measureIndex(measures, byAggregate.function(), resolved);
          orders.add(new Aggregation.Order(-1, measure, item.descending(), nullsFirst));
        }
      }
    }
    return new Aggregation(groups, measures, outputs, orders);
  }

  private static Token withText(Token at, String text) {
    return new Token(Token.Kind.IDENT, text, at.start(), at.end(), null, null);
  }

  private Aggregation.Output output(
      Set<String> keys, String key, Token at, int group, int measure) {
    if (!keys.add(key.toLowerCase(Locale.ROOT))) {
      // Guessed wording.
      throw errors.at(SourceErrors.MALFORMED_QUERY, at, "duplicate alias: " + key);
    }
    return new Aggregation.Output(key, group, measure);
  }

  private int groupIndex(List<Aggregation.Group> groups, ResolvedPath path, String message) {
    for (int g = 0; g < groups.size(); g++) {
      if (groups.get(g).path().canonical().equalsIgnoreCase(path.canonical())) return g;
    }
    throw errors.at(SourceErrors.MALFORMED_QUERY, path.start(), message + path.canonical());
  }

  private static int measureIndex(
      List<Aggregation.Measure> measures, AggregateFunction function, ResolvedPath path) {
    for (int m = 0; m < measures.size(); m++) {
      Aggregation.Measure measure = measures.get(m);
      if (measure.function() == function
          && measure.path().canonical().equalsIgnoreCase(path.canonical())) {
        return m;
      }
    }
    measures.add(new Aggregation.Measure(function, path));
    return measures.size() - 1;
  }

  /** Observed wording: "field Id does not support aggregate operator COUNT" (MALFORMED_QUERY). */
  private void checkAggregable(AggregateFunction function, ResolvedPath path) {
    Category category = Values.category(path.type());
    boolean supported =
        switch (function) {
          case COUNT, COUNT_DISTINCT ->
              path.field().filterable()
                  && category != Category.ADDRESS
                  && category != Category.LOCATION;
          case SUM, AVG -> category == Category.NUMBER;
          case MIN, MAX ->
              path.field().filterable()
                  && category != Category.BOOLEAN
                  && category != Category.MULTIPICKLIST
                  && category != Category.ADDRESS
                  && category != Category.LOCATION;
        };
    if (!supported) {
      throw errors.at(
          SourceErrors.MALFORMED_QUERY,
          path.start(),
          "field " + path.field().name() + " does not support aggregate operator " + function);
    }
  }

  private void checkGroupable(ResolvedPath path) {
    Category category = Values.category(path.type());
    if (!path.field().filterable()
        || category == Category.DATETIME
        || category == Category.MULTIPICKLIST
        || category == Category.ADDRESS
        || category == Category.LOCATION) {
      // Guessed wording, after "can not be filtered/sorted in a query call".
      throw errors.at(
          SourceErrors.MALFORMED_QUERY,
          path.start(),
          "field '" + path.field().name() + "' can not be grouped in a query call");
    }
  }
}
