package dev.ferry.core.cdc;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The header of one Change Data Capture event: which records of which object changed, and how.
 * Ferry treats it as a trigger, never as data (its field values are not even decoded): the records
 * are read back from Salesforce.
 *
 * @param entity the object's API name ({@code Account}, {@code Invoice__c})
 * @param recordIds the changed records; empty for GAP_OVERFLOW; may hold a wildcard such as {@code
 *     001*} after a field type conversion
 * @param commitTimestamp when the change was committed in Salesforce
 * @param changeOrigin e.g. {@code com/salesforce/api/rest/62.0;client=ferry}
 * @param replayId the opaque position of the event in its topic
 */
public record ChangeEvent(
    String entity,
    ChangeType type,
    List<String> recordIds,
    Instant commitTimestamp,
    String changeOrigin,
    ReplayId replayId) {

  public ChangeEvent {
    Objects.requireNonNull(entity, "entity");
    Objects.requireNonNull(type, "type");
    recordIds = List.copyOf(recordIds);
    Objects.requireNonNull(commitTimestamp, "commitTimestamp");
    Objects.requireNonNull(changeOrigin, "changeOrigin");
    Objects.requireNonNull(replayId, "replayId");
  }

  /**
   * True when only a full re-poll of the object catches up: GAP_OVERFLOW, or record ids given as a
   * wildcard prefix ({@code 001*}).
   */
  public boolean needsFullPoll() {
    return type == ChangeType.GAP_OVERFLOW
        || recordIds.isEmpty()
        || recordIds.stream().anyMatch(id -> id.endsWith("*"));
  }
}
