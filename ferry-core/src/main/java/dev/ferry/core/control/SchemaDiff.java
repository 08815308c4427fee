package dev.ferry.core.control;

import java.util.List;

/**
 * What moving a connection to another Salesforce API version would change for its mappings (Heroku
 * Connect's {@code schema-diff}).
 *
 * @param guid identifies this comparison
 */
public record SchemaDiff(
    String currentApiVersion, String targetApiVersion, String guid, List<MappingDiff> mappings) {
  public SchemaDiff {
    mappings = List.copyOf(mappings);
  }

  /**
   * One mapping's difference.
   *
   * @param name the mapped object
   * @param fieldsHaveChanged a mapped field differs between the versions
   * @param hasUnsafeChanges a mapped field is gone or changed type at the target version
   * @param actionUndetermined the object could not be described at one of the versions
   * @param changes one line per changed field (Ferry extra)
   */
  public record MappingDiff(
      String name,
      boolean fieldsHaveChanged,
      boolean hasUnsafeChanges,
      boolean actionUndetermined,
      String resultMessage,
      List<String> changes) {
    public MappingDiff {
      changes = List.copyOf(changes);
    }
  }
}
