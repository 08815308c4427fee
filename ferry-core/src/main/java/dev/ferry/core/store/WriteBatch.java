package dev.ferry.core.store;

import dev.ferry.core.id.ConnectionId;
import dev.ferry.core.sf.SaveOperation;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A write to Salesforce in flight, recorded before the call is made so that a process that dies
 * mid-call leaves enough behind for the next one to find out what happened (crash safety).
 *
 * @param id assigned by the store (0 before it is recorded)
 * @param holder the writer that sends it (its lease holder name)
 * @param operation what was sent: CREATE, UPSERT, UPDATE or DELETE
 * @param entryIds the {@code _trigger_log} entries the batch carries
 * @param jobId the Bulk ingest job, once created
 * @param externalIdField the upsert field of an UPSERT
 * @param startedAt when the batch was recorded (before any call)
 */
public record WriteBatch(
    long id,
    ConnectionId connection,
    String holder,
    String tableName,
    String objectName,
    SaveOperation operation,
    WriteTransport transport,
    List<Long> entryIds,
    @Nullable String jobId,
    @Nullable String externalIdField,
    Instant startedAt) {

  public WriteBatch {
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(transport, "transport");
    entryIds = List.copyOf(entryIds);
    if (entryIds.isEmpty()) throw new IllegalArgumentException("a write batch needs entries");
    if (operation == SaveOperation.UPSERT && externalIdField == null) {
      throw new IllegalArgumentException("an UPSERT batch of " + objectName + " needs its field");
    }
  }

  public WriteBatch withId(long newId) {
    return new WriteBatch(
        newId,
        connection,
        holder,
        tableName,
        objectName,
        operation,
        transport,
        entryIds,
        jobId,
        externalIdField,
        startedAt);
  }

  public WriteBatch withJob(String newJobId) {
    return new WriteBatch(
        id,
        connection,
        holder,
        tableName,
        objectName,
        operation,
        transport,
        entryIds,
        newJobId,
        externalIdField,
        startedAt);
  }
}
