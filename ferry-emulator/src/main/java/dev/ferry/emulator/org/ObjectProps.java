package dev.ferry.emulator.org;

import org.jspecify.annotations.Nullable;

/** Object-level describe properties (those that are not fields or relationships). */
public record ObjectProps(
    String name,
    String label,
    String labelPlural,
    String keyPrefix,
    boolean custom,
    boolean createable,
    boolean updateable,
    boolean deletable,
    boolean queryable,
    boolean replicateable,
    boolean retrieveable,
    boolean searchable,
    boolean triggerable,
    boolean undeletable,
    boolean layoutable,
    boolean mergeable,
    boolean mruEnabled,
    boolean feedEnabled,
    boolean activateable,
    boolean customSetting,
    @Nullable String defaultImplementation) {

  /** Standard flags for an ordinary data object. */
  public static ObjectProps data(
      String name, @Nullable String label, @Nullable String labelPlural, String keyPrefix) {
    String l = label != null ? label : FieldDef.labelFromName(name);
    String lp = labelPlural != null ? labelPlural : l.endsWith("s") ? l + "es" : l + "s";
    boolean custom = name.endsWith("__c");
    return new ObjectProps(
        name, l, lp, keyPrefix, custom, true, true, true, true, true, true, true, true, true, true,
        !custom, true, true, false, false, null);
  }
}
