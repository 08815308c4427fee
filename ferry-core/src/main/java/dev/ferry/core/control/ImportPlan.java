package dev.ferry.core.control;

import java.util.List;

/** What an import does, per mapping: CREATE, UPDATE (with the field changes) or UNCHANGED. */
public record ImportPlan(List<Change> changes) {
  public ImportPlan {
    changes = List.copyOf(changes);
  }

  public enum Action {
    CREATE,
    UPDATE,
    UNCHANGED
  }

  public record Change(
      String objectName, Action action, List<String> addedFields, List<String> removedFields) {}
}
