package dev.ferry.engine.read;

import dev.ferry.core.event.SyncEvents;
import dev.ferry.core.port.TableSink;
import dev.ferry.core.state.MappingState;
import dev.ferry.core.store.Connection;
import dev.ferry.core.store.Mapping;
import dev.ferry.core.store.SinkTarget;
import dev.ferry.engine.budget.MeteredSalesforceApi;
import dev.ferry.engine.cluster.Slots;
import dev.ferry.engine.env.EngineConfig;
import dev.ferry.engine.env.Sleeper;
import dev.ferry.engine.env.SyncStores;
import dev.ferry.engine.lifecycle.MappingStates;
import dev.ferry.engine.lifecycle.RunGuard;
import dev.ferry.engine.plan.MappingModel;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Everything one unit of work on a mapping needs (a load, a poll, a secondary poll): the mapping
 * and its model, the metered Salesforce client, the sink target, and the checkpoint that stops it
 * when the mapping's state is changed by someone else. Workers that own the mapping's state (loads
 * and polls) move it through {@link #move}; secondary polls have no state to move.
 */
public final class ReadContext {
  private final @Nullable RunGuard guard;
  private final @Nullable MappingStates states;
  private final Checkpoint checkpoint;
  private final Mapping mapping;
  private final Connection connection;
  private final MeteredSalesforceApi api;
  private final MappingModel model;
  private final SinkTarget target;
  private final Deps deps;
  private @Nullable Slots.Hold bulkSlot;

  /** The engine-wide collaborators of every unit of work. */
  public record Deps(
      SyncStores stores,
      Slots slots,
      SyncEvents events,
      EngineConfig config,
      InstantSource clock,
      Sleeper sleeper,
      SecondaryScheduler secondaries) {}

  private ReadContext(
      @Nullable RunGuard guard,
      @Nullable MappingStates states,
      Checkpoint checkpoint,
      Mapping mapping,
      Connection connection,
      MeteredSalesforceApi api,
      MappingModel model,
      SinkTarget target,
      Deps deps) {
    this.guard = guard;
    this.states = states;
    this.checkpoint = checkpoint;
    this.mapping = mapping;
    this.connection = connection;
    this.api = api;
    this.model = model;
    this.target = target;
    this.deps = deps;
  }

  /** Work that owns the mapping's state. */
  public static ReadContext owning(
      RunGuard guard,
      MappingStates states,
      Connection connection,
      MeteredSalesforceApi api,
      MappingModel model,
      SinkTarget target,
      Deps deps) {
    return new ReadContext(
        guard, states, guard::check, guard.current(), connection, api, model, target, deps);
  }

  /** Work beside the mapping's own (a secondary poll), stopped by {@code checkpoint}. */
  public static ReadContext beside(
      Checkpoint checkpoint,
      Mapping mapping,
      Connection connection,
      MeteredSalesforceApi api,
      MappingModel model,
      SinkTarget target,
      Deps deps) {
    return new ReadContext(null, null, checkpoint, mapping, connection, api, model, target, deps);
  }

  /** The mapping as last seen (after this work's own transitions). */
  public Mapping mapping() {
    return guard == null ? mapping : guard.current();
  }

  public boolean ownsState() {
    return guard != null;
  }

  /** Moves the mapping's state (no-op for work that does not own it). */
  public void move(MappingState to, String reason) {
    move(to, reason, null);
  }

  public void move(MappingState to, String reason, @Nullable String detail) {
    if (states == null) return;
    states.move(Objects.requireNonNull(guard), to, reason, detail, null);
  }

  /** Stops the work if it was superseded; keeps a held bulk slot alive. */
  public void check() {
    checkpoint.check();
    if (bulkSlot != null) bulkSlot.renewIfDue();
  }

  public void holdBulkSlot(Slots.@Nullable Hold hold) {
    this.bulkSlot = hold;
  }

  public Connection connection() {
    return connection;
  }

  public MeteredSalesforceApi api() {
    return api;
  }

  public MappingModel model() {
    return model;
  }

  public SinkTarget target() {
    return target;
  }

  public TableSink sink() {
    return deps.stores().sink();
  }

  public SyncStores stores() {
    return deps.stores();
  }

  public SecondaryScheduler secondaries() {
    return deps.secondaries();
  }

  public Slots slots() {
    return deps.slots();
  }

  public SyncEvents events() {
    return deps.events();
  }

  public EngineConfig config() {
    return deps.config();
  }

  public Instant now() {
    return deps.clock().instant();
  }

  public InstantSource clock() {
    return deps.clock();
  }

  public Sleeper sleeper() {
    return deps.sleeper();
  }

  /** The key bounding this org's Bulk jobs. */
  public String bulkKind() {
    String org = connection.orgId();
    return Slots.bulkKind(org != null ? org : connection.id().toString());
  }

  /** Takes a bulk slot for the rest of this work (see {@link Slots#acquire}). */
  public Slots.Hold acquireBulkSlot(String what) {
    Slots.Hold hold = slots().acquire(bulkKind(), config().bulkMaxJobs(), what);
    holdBulkSlot(hold);
    return hold;
  }
}
