package dev.ferry.emulator.soql;

import java.util.List;

/**
 * A field path checked against the schema.
 *
 * @param start the first token of the path as written (where errors point)
 * @param keys the canonical spelling of each segment, e.g. {@code [Account, Owner, Name]}
 * @param field the final field (for a polymorphic parent: as the first target that has it defines
 *     it)
 * @param objectType true for the {@code Type} of a polymorphic parent (the concrete sObject type)
 * @param reader reads the value from a row of the FROM object
 */
record ResolvedPath(
    Token start, List<String> keys, SoqlField field, boolean objectType, Reader reader) {

  String canonical() {
    return String.join(".", keys);
  }

  /** The type comparisons and ordering use; the {@code Type} of a polymorphic parent is text. */
  SoqlType type() {
    return objectType ? SoqlType.STRING : field.type();
  }

  /** The last segment, the key aggregate results use for a grouped field. */
  String lastKey() {
    return keys.get(keys.size() - 1);
  }
}
