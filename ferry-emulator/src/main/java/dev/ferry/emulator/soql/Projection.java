package dev.ferry.emulator.soql;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Turns a stored row into the result tree of the contract: fields by canonical name in select-list
 * order, parents nested as {@link ResultRow} (null when the lookup is empty), subqueries as {@link
 * ChildResult} (null when there are no child rows). Built once per query; applied per row only when
 * a page is read.
 */
final class Projection {
  private Projection() {}

  /** One key of a projected row. */
  sealed interface Node {
    String key();

    @Nullable Object value(SoqlRow row);
  }

  record FieldNode(String key, Reader reader) implements Node {
    @Override
    public @Nullable Object value(SoqlRow row) {
      return reader.read(row);
    }
  }

  /** A name the concrete type behind a polymorphic lookup does not have: present, and null. */
  record MissingNode(String key) implements Node {
    @Override
    public @Nullable Object value(SoqlRow row) {
      return null;
    }
  }

  /** A parent relationship; its fields may depend on the parent's concrete type. */
  static final class ParentNode implements Node {
    private final String key;
    private final SoqlField reference;
    private final SoqlData data;
    private final Function<String, List<Node>> childrenByType;
    private final Map<String, List<Node>> cache = new ConcurrentHashMap<>();

    ParentNode(
        String key,
        SoqlField reference,
        SoqlData data,
        Function<String, List<Node>> childrenByType) {
      this.key = key;
      this.reference = reference;
      this.data = data;
      this.childrenByType = childrenByType;
    }

    @Override
    public String key() {
      return key;
    }

    @Override
    public @Nullable Object value(SoqlRow row) {
      SoqlRow parent = Reader.parent(row, reference, data);
      if (parent == null) return null;
      List<Node> children = cache.computeIfAbsent(parent.objectName(), childrenByType);
      return project(parent, children);
    }
  }

  record SubqueryNode(String key, ChildQuery query) implements Node {
    @Override
    public @Nullable Object value(SoqlRow row) {
      return query.run(row);
    }
  }

  static ResultRow project(SoqlRow row, List<Node> nodes) {
    LinkedHashMap<String, @Nullable Object> values = LinkedHashMap.newLinkedHashMap(nodes.size());
    for (Node node : nodes) values.put(node.key(), node.value(row));
    return new ResultRow(row.objectName(), row.id(), values);
  }
}
