package dev.ferry.emulator.soql;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/** A parent-to-child subquery, run for one parent row when that row is projected. */
final class ChildQuery {
  private final SoqlData data;
  private final SoqlObject child;
  private final String field;
  private final boolean includeDeleted;
  private final @Nullable Predicate<SoqlRow> filter;
  private final @Nullable RowSorter sorter;
  private final long offset;
  private final long limit;
  private List<Projection.Node> nodes = List.of();

  ChildQuery(
      SoqlData data,
      SoqlObject child,
      String field,
      boolean includeDeleted,
      @Nullable Predicate<SoqlRow> filter,
      @Nullable RowSorter sorter,
      long offset,
      long limit) {
    this.data = data;
    this.child = child;
    this.field = field;
    this.includeDeleted = includeDeleted;
    this.filter = filter;
    this.sorter = sorter;
    this.offset = offset;
    this.limit = limit;
  }

  /** Set once the select list is compiled (it may hold nested subqueries). */
  void project(List<Projection.Node> nodes) {
    this.nodes = List.copyOf(nodes);
  }

  /** The child rows of the parent, or null when there are none (Salesforce sends null). */
  @Nullable ChildResult run(SoqlRow parent) {
    Collection<? extends SoqlRow> children =
        data.children(child.name(), field, parent.id(), includeDeleted);
    List<SoqlRow> matched = new ArrayList<>(children.size());
    for (SoqlRow row : children) if (filter == null || filter.test(row)) matched.add(row);
    if (sorter != null) matched = sorter.sortRows(matched, limit < 0 ? -1 : offset + limit);
    List<SoqlRow> page = Slice.of(matched, offset, limit);
    if (page.isEmpty()) return null;
    List<ResultRow> records = new ArrayList<>(page.size());
    for (SoqlRow row : page) records.add(Projection.project(row, nodes));
    return new ChildResult(child.name(), List.copyOf(records));
  }
}
