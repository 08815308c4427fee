package dev.ferry.emulator.soql;

import java.util.List;
import java.util.Optional;

/** An sObject type as SOQL sees it. All lookups are case-insensitive. */
public interface SoqlObject {
  /** Canonical API name. */
  String name();

  List<SoqlField> fields();

  Optional<SoqlField> field(String name);

  /** The reference field whose relationshipName matches, e.g. "Account" → AccountId. */
  Optional<SoqlField> parentRelationship(String relationshipName);

  /** A child relationship by name, e.g. "Contacts". */
  Optional<SoqlChildRelationship> childRelationship(String relationshipName);
}
