package dev.ferry.emulator.soql;

import java.util.Collection;
import java.util.Optional;

/**
 * The records visible to a query, at one instant. Implementations decide visibility (e.g. records
 * of a "late commit" not yet visible are left out everywhere).
 */
public interface SoqlData {
  /** All visible rows of the object; soft-deleted ones only when includeDeleted (queryAll). */
  Collection<? extends SoqlRow> rows(String objectName, boolean includeDeleted);

  /** A visible row by its 18-character id, of any object (parent traversal). */
  Optional<? extends SoqlRow> byId(String id);

  /** Visible child rows whose reference field points at parentId (subqueries). */
  Collection<? extends SoqlRow> children(
      String childObject, String field, String parentId, boolean includeDeleted);
}
