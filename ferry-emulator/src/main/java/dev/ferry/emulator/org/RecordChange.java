package dev.ferry.emulator.org;

import org.jspecify.annotations.Nullable;

/**
 * One record's net change in a committed transaction: its version before and after (either may be
 * null: created, hard-deleted). Several writes to one record in a transaction give one change.
 */
public record RecordChange(
    ObjectDef def, String id, @Nullable StoredRecord before, @Nullable StoredRecord after) {

  /** What kind of change this is, or null when nothing visible changed. */
  public @Nullable Kind kind() {
    boolean wasLive = before != null && !before.isDeleted();
    boolean isLive = after != null && !after.isDeleted();
    if (!wasLive && isLive) {
      return before == null ? Kind.CREATE : Kind.UNDELETE;
    }
    if (wasLive && !isLive) {
      return Kind.DELETE;
    }
    if (wasLive && before != after) {
      return Kind.UPDATE;
    }
    return null;
  }

  /** Change kinds a commit can produce. */
  public enum Kind {
    CREATE,
    UPDATE,
    DELETE,
    UNDELETE
  }
}
