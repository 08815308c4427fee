package dev.ferry.emulator.org;

import org.jspecify.annotations.Nullable;

/** One picklist value as describe lists it. */
public record PicklistEntry(String value, String label, boolean active, boolean defaultValue) {
  public static PicklistEntry of(String value, @Nullable String label, boolean defaultValue) {
    return new PicklistEntry(value, label == null ? value : label, true, defaultValue);
  }
}
