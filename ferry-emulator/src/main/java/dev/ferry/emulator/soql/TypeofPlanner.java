package dev.ferry.emulator.soql;

import dev.ferry.emulator.soql.ProjectionCompiler.Entry;
import dev.ferry.emulator.soql.Schema.Scope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Plans {@code TYPEOF rel WHEN Type THEN fields ... [ELSE fields] END}: the nested row takes the
 * fields of the branch matching the parent's concrete type (or the ELSE fields); the flat columns
 * are the union of all branches, null where the row's branch lacks them.
 */
final class TypeofPlanner {
  private final Schema schema;
  private final SourceErrors errors;

  TypeofPlanner(Schema schema) {
    this.schema = schema;
    this.errors = schema.errors();
  }

  /** Resolves the item and hands each flat column to addColumn. */
  Entry plan(Ast.TypeofItem item, Scope scope, BiConsumer<String, Reader> addColumn) {
    Token name = item.relationship();
    SoqlField reference = scope.object().parentRelationship(name.text()).orElse(null);
    if (reference == null || reference.relationshipName() == null) {
      throw schema.unknownRelationship(name, name.text());
    }
    if (!Schema.isPolymorphic(reference)) {
      // Guessed wording.
      throw errors.at(
          SourceErrors.MALFORMED_QUERY,
          name,
          "TYPEOF is only allowed on a polymorphic relationship field: " + name.text());
    }
    String key = reference.relationshipName();
    Map<String, List<List<String>>> branches = new LinkedHashMap<>();
    Map<String, Map<String, Reader>> columnReaders = new LinkedHashMap<>();
    for (Ast.TypeofBranch branch : item.branches()) {
      String type =
          reference.referenceTo().stream()
              .filter(t -> t.equalsIgnoreCase(branch.type().text()))
              .findFirst()
              .orElse(null);
      if (type == null) {
        // Guessed wording.
        throw errors.at(
            SourceErrors.MALFORMED_QUERY,
            branch.type(),
            "TYPEOF WHEN type '"
                + branch.type().text()
                + "' is not a type "
                + key
                + " can reference");
      }
      SoqlObject target = schema.object(branch.type());
      List<List<String>> paths = new ArrayList<>();
      for (Ast.Path path : branch.fields()) {
        ResolvedPath resolved = schema.resolve(new Scope(target, null), path);
        paths.add(resolved.keys());
        String column = key + "." + resolved.canonical();
        columnReaders
            .computeIfAbsent(column, c -> new LinkedHashMap<>())
            .put(type.toLowerCase(Locale.ROOT), resolved.reader());
      }
      branches.put(type.toLowerCase(Locale.ROOT), paths);
    }
    List<List<String>> orElse = new ArrayList<>();
    Map<String, List<String>> elseColumns = new LinkedHashMap<>();
    for (Ast.Path path : item.orElse()) {
      List<Token> segments = new ArrayList<>();
      segments.add(name);
      segments.addAll(path.segments());
      ResolvedPath resolved = schema.resolve(scope, new Ast.Path(segments));
      List<String> tail = resolved.keys().subList(1, resolved.keys().size());
      orElse.add(tail);
      String column = key + "." + String.join(".", tail);
      columnReaders.computeIfAbsent(column, c -> new LinkedHashMap<>());
      elseColumns.put(column, tail);
    }
    for (Map.Entry<String, Map<String, Reader>> column : columnReaders.entrySet()) {
      List<String> elsePath = elseColumns.get(column.getKey());
      Map<String, Reader> byBranch = column.getValue();
      Reader reader =
          Reader.polymorphicHop(
              reference,
              schema.data(),
              type -> {
                String lower = type.toLowerCase(Locale.ROOT);
                if (branches.containsKey(lower)) {
                  return byBranch.getOrDefault(lower, Reader.nothing());
                }
                if (elsePath == null) return Reader.nothing();
                return schema
                    .lookup(type)
                    .map(o -> schema.reader(o, elsePath))
                    .orElse(Reader.nothing());
              });
      addColumn.accept(column.getKey(), reader);
    }
    return new ProjectionCompiler.TypeofEntry(key, reference, branches, orElse);
  }
}
