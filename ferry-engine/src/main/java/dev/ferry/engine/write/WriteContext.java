package dev.ferry.engine.write;

import dev.ferry.core.event.SyncEvents;
import dev.ferry.core.port.ChangeLog;
import dev.ferry.core.port.SalesforceApi;
import dev.ferry.core.port.WriteBatchStore;
import dev.ferry.core.sf.SaveOperation;
import dev.ferry.core.store.Connection;
import dev.ferry.core.store.EntryOutcome;
import dev.ferry.core.store.WriteBatch;
import dev.ferry.core.store.WriteTransport;
import dev.ferry.engine.cluster.SlotUnavailableException;
import dev.ferry.engine.cluster.Slots;
import dev.ferry.engine.env.EngineConfig;
import dev.ferry.engine.env.Sleeper;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Collection;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * What one writer needs while it works on a connection: the connection, its Salesforce client and
 * change log, where in-flight batches are recorded, the writer's lease (checked before every call
 * to Salesforce, so a writer that lost it never sends again), time, and the stop signal.
 */
final class WriteContext {
  private final Connection connection;
  private final WriteMeters api;
  private final ChangeLog log;
  private final WriteBatchStore batches;
  private final WriteConfig config;
  private final EngineConfig engine;
  private final Slots slots;
  private final SyncEvents events;
  private final InstantSource clock;
  private final Sleeper sleeper;
  private final WriterLease lease;
  private final BooleanSupplier stopping;

  WriteContext(
      Connection connection,
      WriteMeters api,
      ChangeLog log,
      WriteBatchStore batches,
      WriteConfig config,
      EngineConfig engine,
      Slots slots,
      SyncEvents events,
      InstantSource clock,
      Sleeper sleeper,
      WriterLease lease,
      BooleanSupplier stopping) {
    this.connection = connection;
    this.api = api;
    this.log = log;
    this.batches = batches;
    this.config = config;
    this.engine = engine;
    this.slots = slots;
    this.events = events;
    this.clock = clock;
    this.sleeper = sleeper;
    this.lease = lease;
    this.stopping = stopping;
  }

  /** The writer stopped (shutdown, pause) or lost its lease: leave the rest to reconciliation. */
  static final class StoppedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StoppedException(String why) {
      super(why);
    }
  }

  Connection connection() {
    return connection;
  }

  /** The client for calls made to write {@code t}: charged to its mapping's API budget. */
  SalesforceApi api(WriteTarget t) {
    return api.forTarget(t);
  }

  WriteMeters meters() {
    return api;
  }

  ChangeLog log() {
    return log;
  }

  WriteBatchStore batchStore() {
    return batches;
  }

  WriteConfig config() {
    return config;
  }

  EngineConfig engine() {
    return engine;
  }

  SyncEvents events() {
    return events;
  }

  InstantSource clock() {
    return clock;
  }

  Instant now() {
    return clock.instant();
  }

  String holder() {
    return lease.holder();
  }

  boolean stopping() {
    return stopping.getAsBoolean();
  }

  /** Call before every Salesforce call that changes data. */
  void checkLease() {
    if (stopping()) throw new StoppedException("writer of " + connection.name() + " stopping");
    if (!lease.renewIfDue()) {
      throw new StoppedException("writer of " + connection.name() + " lost its lease");
    }
  }

  /** For long waits (Bulk jobs): keeps the leases alive; true when the wait should end. */
  boolean cancelled(Slots.@Nullable Hold bulkSlot) {
    if (bulkSlot != null) bulkSlot.renewIfDue();
    return stopping() || !lease.renewIfDue();
  }

  WriteBatch record(WriteTarget t, SaveOperation op, WriteTransport transport, List<Write> writes) {
    List<Long> ids = writes.stream().flatMap(w -> w.entryIds().stream()).toList();
    return batches.open(
        new WriteBatch(
            0,
            connection.id(),
            holder(),
            t.table(),
            t.object(),
            op,
            transport,
            ids,
            null,
            op == SaveOperation.UPSERT ? t.upsertField() : null,
            now()));
  }

  void attachJob(WriteBatch b, String jobId) {
    batches.attachJob(b.id(), jobId);
  }

  void close(WriteBatch b) {
    batches.close(b.id());
  }

  void complete(List<EntryOutcome> outcomes) {
    if (!outcomes.isEmpty()) log.complete(outcomes);
  }

  /** Puts entries back to NEW: they were not (or provably not) processed by Salesforce. */
  void release(Collection<Write> writes) {
    List<Long> ids = writes.stream().flatMap(w -> w.entryIds().stream()).toList();
    if (!ids.isEmpty()) log.release(ids);
  }

  /** A Bulk job slot of the org, waiting (without a thread spinning) until one is free. */
  Slots.Hold bulkSlot(String what) {
    String org = connection.orgId();
    String kind = Slots.bulkKind(org != null ? org : connection.id().toString());
    Duration wait = Duration.ofMillis(200);
    while (true) {
      checkLease();
      try {
        return slots.acquire(kind, engine.bulkMaxJobs(), what);
      } catch (SlotUnavailableException e) {
        pause(wait);
        wait =
            wait.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0
                ? Duration.ofSeconds(5)
                : wait.multipliedBy(2);
      }
    }
  }

  void pause(Duration d) {
    try {
      sleeper.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoppedException("interrupted");
    }
  }
}
