package dev.ferry.emulator.soql;

import org.jspecify.annotations.Nullable;

/** One stored record, read-only, as SOQL sees it. */
public interface SoqlRow {
  /** The 18-character id. */
  String id();

  /** The sObject type's canonical name. */
  String objectName();

  boolean isDeleted();

  /** The field's value (see the package doc for the Java types), null when null or unset. */
  @Nullable Object get(SoqlField field);
}
