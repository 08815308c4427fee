package dev.ferry.emulator.soql;

import dev.ferry.emulator.soql.Ast.AggregateFunction;
import dev.ferry.emulator.soql.Values.Category;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * GROUP BY and the aggregate functions. Rows are grouped by their group-field values (text
 * case-insensitively, keeping the first spelling seen); each group yields one {@code
 * AggregateResult} row. Without GROUP BY there is exactly one group, even over no rows.
 */
final class Aggregation {
  record Group(ResolvedPath path) {}

  /** An aggregate function over a path; hidden ones exist only for ORDER BY. */
  record Measure(AggregateFunction function, ResolvedPath path) {
    Category resultCategory() {
      return switch (function) {
        case COUNT, COUNT_DISTINCT, SUM, AVG -> Category.NUMBER;
        case MIN, MAX -> Values.category(path.type());
      };
    }
  }

  /** A key of the result rows: a group (group &gt;= 0) or a measure. */
  record Output(String key, int group, int measure) {}

  /** An ORDER BY item over a group (group &gt;= 0) or a measure. */
  record Order(int group, int measure, boolean descending, boolean nullsFirst) {}

  private final List<Group> groups;
  private final List<Measure> measures;
  private final List<Output> outputs;
  private final List<Order> orders;

  Aggregation(
      List<Group> groups, List<Measure> measures, List<Output> outputs, List<Order> orders) {
    this.groups = List.copyOf(groups);
    this.measures = List.copyOf(measures);
    this.outputs = List.copyOf(outputs);
    this.orders = List.copyOf(orders);
  }

  List<String> columns() {
    return outputs.stream().map(Output::key).toList();
  }

  /** Groups the matched rows and returns the AggregateResult rows, sorted and sliced. */
  List<ResultRow> run(List<SoqlRow> rows, long offset, long limit) {
    Map<List<Object>, State> states = new LinkedHashMap<>();
    for (SoqlRow row : rows) {
      Object[] values = new Object[groups.size()];
      List<Object> key = new ArrayList<>(groups.size());
      for (int g = 0; g < groups.size(); g++) {
        ResolvedPath path = groups.get(g).path();
        values[g] = RowSorter.normalize(path.reader().read(row));
        key.add(groupKey(values[g], Values.category(path.type())));
      }
      State state = states.computeIfAbsent(key, k -> new State(values, measures));
      for (int m = 0; m < measures.size(); m++) {
        state.accumulators[m].add(measures.get(m).path().reader().read(row));
      }
    }
    if (states.isEmpty() && groups.isEmpty()) {
      states.put(List.of(), new State(new Object[0], measures));
    }
    List<State> results = new ArrayList<>(states.values());
    List<@Nullable Object[]> sortKeys = new ArrayList<>(results.size());
    for (State state : results) sortKeys.add(sortKey(state));
    List<State> sorted = sorter().sort(results, sortKeys, limit < 0 ? -1 : offset + limit);
    List<ResultRow> out = new ArrayList<>();
    for (State state : Slice.of(sorted, offset, limit)) out.add(resultRow(state));
    return out;
  }

  private RowSorter sorter() {
    List<RowSorter.Key> keys = new ArrayList<>();
    if (orders.isEmpty()) {
      // Guess: without ORDER BY, groups come back ordered by their group values.
      for (Group group : groups) {
        keys.add(
            new RowSorter.Key(
                Reader.nothing(), order(Values.category(group.path().type())), false, true));
      }
    } else {
      for (Order o : orders) {
        Category category =
            o.group() >= 0
                ? Values.category(groups.get(o.group()).path().type())
                : measures.get(o.measure()).resultCategory();
        keys.add(
            new RowSorter.Key(Reader.nothing(), order(category), o.descending(), o.nullsFirst()));
      }
    }
    return new RowSorter(keys);
  }

  private static Comparator<Object> order(Category category) {
    return Values.order(category);
  }

  private Object[] sortKey(State state) {
    if (orders.isEmpty()) return state.groupValues.clone();
    Object[] key = new Object[orders.size()];
    for (int i = 0; i < key.length; i++) {
      Order o = orders.get(i);
      key[i] = o.group() >= 0 ? state.groupValues[o.group()] : state.result(o.measure());
    }
    return key;
  }

  private ResultRow resultRow(State state) {
    LinkedHashMap<String, @Nullable Object> values = LinkedHashMap.newLinkedHashMap(outputs.size());
    for (Output output : outputs) {
      values.put(
          output.key(),
          output.group() >= 0 ? state.groupValues[output.group()] : state.result(output.measure()));
    }
    return new ResultRow("AggregateResult", null, values);
  }

  private static @Nullable Object groupKey(@Nullable Object value, Category category) {
    if (value == null) return null;
    return switch (category) {
      case TEXT, MULTIPICKLIST -> Values.textKey(value);
      case ID -> Values.idKey(value);
      case NUMBER -> Values.number(value).stripTrailingZeros();
      default -> value;
    };
  }

  private static final class State {
    final Object[] groupValues;
    final Accumulator[] accumulators;

    State(Object[] groupValues, List<Measure> measures) {
      this.groupValues = groupValues;
      this.accumulators = new Accumulator[measures.size()];
      for (int m = 0; m < measures.size(); m++) {
        Measure measure = measures.get(m);
        accumulators[m] =
            new Accumulator(measure.function(), Values.category(measure.path().type()));
      }
    }

    @Nullable Object result(int measure) {
      return accumulators[measure].result();
    }
  }

  /** The running value of one aggregate function in one group. */
  private static final class Accumulator {
    private final AggregateFunction function;
    private final Comparator<Object> order;
    private long count;
    private @Nullable BigDecimal sum;
    private @Nullable Object best;
    private final Set<Object> distinct = new HashSet<>();

    Accumulator(AggregateFunction function, Category category) {
      this.function = function;
      this.order = Values.order(category);
    }

    void add(@Nullable Object value) {
      if (Values.isNull(value)) return;
      count++;
      switch (function) {
        case COUNT -> {}
        case COUNT_DISTINCT -> distinct.add(value);
        case SUM, AVG -> sum = sum == null ? Values.number(value) : sum.add(Values.number(value));
        case MIN -> {
          if (best == null || order.compare(value, best) < 0) best = value;
        }
        case MAX -> {
          if (best == null || order.compare(value, best) > 0) best = value;
        }
      }
    }

    @Nullable Object result() {
      return switch (function) {
        case COUNT -> (int) count;
        case COUNT_DISTINCT -> distinct.size();
        case SUM -> sum;
        case AVG ->
            sum == null
                ? null
                : plain(sum.divide(BigDecimal.valueOf(count), MathContext.DECIMAL64));
        case MIN, MAX -> best;
      };
    }

    private static BigDecimal plain(BigDecimal value) {
      BigDecimal stripped = value.stripTrailingZeros();
      return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
  }
}
