package dev.ferry.emulator.cdc;

import dev.ferry.emulator.org.ChangeOrigin;
import dev.ferry.emulator.org.CommitListener;
import dev.ferry.emulator.org.FieldDef;
import dev.ferry.emulator.org.ObjectDef;
import dev.ferry.emulator.org.RecordChange;
import dev.ferry.emulator.org.Schema;
import dev.ferry.emulator.org.StoredRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Change Data Capture: turns every commit of a selected entity into change events on the {@link
 * EventLog}, one per record, sharing a transaction key; also makes gap and overflow events on
 * request. Hears the store's commits in order, under its write lock.
 */
public final class ChangeDataCapture implements CommitListener {
  private final Supplier<Schema> schema;
  private final InstantSource clock;
  private final Supplier<String> defaultUser;
  private final EntitySelection selection;
  private final EventLog log;
  private final DeliveryAllocation allocation;
  private final ChangeEventSchemas schemas = new ChangeEventSchemas();
  private long commitNumber;
  private volatile Duration deliveryDelay = Duration.ZERO;
  private volatile boolean muted;

  public ChangeDataCapture(
      Supplier<Schema> schema,
      Supplier<String> defaultUser,
      InstantSource clock,
      Collection<String> selectedEntities,
      Duration retention,
      long deliveryAllocation,
      long seed) {
    this.schema = schema;
    this.defaultUser = defaultUser;
    this.clock = clock;
    for (String entity : selectedEntities) {
      if (objectOfChannel(entity) == null) {
        throw new IllegalArgumentException(
            "cannot select "
                + entity
                + " for Change Data Capture: the org has no such object (use e.g. AccountChangeEvent"
                + " or Invoice__ChangeEvent)");
      }
    }
    this.selection = new EntitySelection(selectedEntities);
    this.log = new EventLog(clock, retention, seed);
    this.allocation = new DeliveryAllocation(clock, deliveryAllocation);
    this.commitNumber = 10_000_000L + Math.floorMod(seed, 100_000);
  }

  @Override
  public void committed(List<RecordChange> changes, Instant committedAt, ChangeOrigin origin) {
    if (muted) {
      return;
    }
    List<RecordChange> published = new ArrayList<>();
    for (RecordChange c : changes) {
      if (c.kind() != null && selection.isSelected(EntityChannels.channelOf(c.def().name()))) {
        published.add(c);
      }
    }
    if (published.isEmpty()) {
      return;
    }
    ChangeEventEncoder.Commit commit =
        newCommit(origin.wire(), committedAt, commitUser(published.get(0)));
    int sequence = 1;
    for (RecordChange c : published) {
      ChangeEventSchema s = schemas.of(c.def());
      append(s, ChangeEventEncoder.change(s, commit, sequence++, c));
    }
  }

  /**
   * Publishes a gap event (GAP_CREATE, GAP_UPDATE, GAP_DELETE, GAP_UNDELETE) for records, or one
   * GAP_OVERFLOW (no record ids), as Salesforce does when it cannot send the data.
   */
  public synchronized long gap(String objectName, String changeType, List<String> recordIds) {
    if (!ChangeEventHeaders.CHANGE_TYPES.contains(changeType) || !changeType.startsWith("GAP_")) {
      throw new IllegalArgumentException(
          "changeType must be GAP_CREATE, GAP_UPDATE, GAP_DELETE, GAP_UNDELETE or GAP_OVERFLOW, got "
              + changeType);
    }
    boolean overflow = changeType.equals("GAP_OVERFLOW");
    if (!overflow && recordIds.isEmpty()) {
      throw new IllegalArgumentException(changeType + " needs at least one record id");
    }
    ObjectDef def =
        schema
            .get()
            .find(objectName)
            .orElseThrow(() -> new IllegalArgumentException("no object " + objectName));
    String channel = EntityChannels.channelOf(def.name());
    if (!selection.isSelected(channel)) {
      throw new IllegalArgumentException(
          channel + " is not selected for Change Data Capture: select it first");
    }
    ChangeEventSchema s = schemas.of(def);
    ChangeEventEncoder.Commit commit = newCommit("", clock.instant(), defaultUser.get());
    return append(
        s,
        ChangeEventEncoder.headerOnly(
            s, commit, 1, changeType, overflow ? List.of() : List.copyOf(recordIds)));
  }

  private synchronized ChangeEventEncoder.Commit newCommit(String origin, Instant at, String user) {
    return new ChangeEventEncoder.Commit(
        origin, UUID.randomUUID().toString(), at.toEpochMilli(), ++commitNumber, user);
  }

  private long append(ChangeEventSchema s, byte[] payload) {
    return log.append(
        EntityChannels.channelOf(s.entityName()),
        s.schemaId(),
        UUID.randomUUID().toString(),
        payload);
  }

  private String commitUser(RecordChange c) {
    StoredRecord r = c.after() != null ? c.after() : c.before();
    if (r != null) {
      FieldDef by = r.def().fieldDefExact("LastModifiedById");
      Object v = by == null ? null : r.get(by);
      if (v != null) {
        return v.toString();
      }
    }
    return defaultUser.get();
  }

  /** The current schema of an object's change events, or empty when there is no such object. */
  public Optional<ChangeEventSchema> schemaOf(String objectName) {
    return schema.get().find(objectName).map(schemas::of);
  }

  /** A schema's JSON by id (current or from before a schema change). */
  public Optional<String> schemaJson(String schemaId) {
    Optional<String> known = schemas.json(schemaId);
    if (known.isPresent()) {
      return known;
    }
    // ids of objects nobody has published yet
    for (ObjectDef def : schema.get().objects()) {
      ChangeEventSchema s = schemas.of(def);
      if (s.schemaId().equals(schemaId)) {
        return Optional.of(s.json());
      }
    }
    return Optional.empty();
  }

  /** The object of a per-entity channel ({@code AccountChangeEvent}), if it exists. */
  public @Nullable ObjectDef objectOfChannel(String channel) {
    String object = EntityChannels.objectOf(channel);
    if (object == null) {
      return null;
    }
    return schema
        .get()
        .find(object)
        .filter(d -> EntityChannels.channelOf(d.name()).equalsIgnoreCase(channel))
        .orElse(null);
  }

  public EntitySelection selection() {
    return selection;
  }

  public EventLog log() {
    return log;
  }

  public DeliveryAllocation allocation() {
    return allocation;
  }

  /** How long an event waits before subscribers may receive it (a control; zero by default). */
  public Duration deliveryDelay() {
    return deliveryDelay;
  }

  public void deliveryDelay(Duration delay) {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative");
    }
    this.deliveryDelay = delay;
  }

  /** Runs work (reseeding the org) without publishing its changes: they are not changes. */
  public void withoutEvents(Runnable work) {
    muted = true;
    try {
      work.run();
    } finally {
      muted = false;
    }
  }

  /** Back to the start: no events, the initial selection, no delay. */
  public void reset() {
    log.clear();
    selection.reset();
    deliveryDelay = Duration.ZERO;
  }
}
