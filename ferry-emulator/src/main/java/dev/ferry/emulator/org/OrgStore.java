package dev.ferry.emulator.org;

import dev.ferry.emulator.soql.SoqlData;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The org's records: one {@link ObjectTable} per sObject type, a recycle bin (soft-deleted records
 * plus tombstones for getDeleted), and "late commits" that stay invisible until their time comes.
 * All access goes through a read-write lock; writes run in a {@link WriteTx} that can be rolled
 * back (allOrNone, failed Bulk batches).
 */
public final class OrgStore implements SoqlData {
  /** How long deletions stay available to getDeleted (the recycle bin's lifetime). */
  public static final Duration RECYCLE_BIN_RETENTION = Duration.ofDays(15);

  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final InstantSource clock;
  private final IdGenerator ids;
  private volatile Schema schema;
  private final Map<String, ObjectTable> tables = new LinkedHashMap<>();
  private final Map<String, ObjectTable> tablesByPrefix = new HashMap<>();
  private final List<Tombstone> tombstones = new ArrayList<>();
  private final PriorityQueue<PendingCommit> pending =
      new PriorityQueue<>((a, b) -> a.visibleAt().compareTo(b.visibleAt()));
  private Instant earliestDeletedAvailable;
  private volatile CommitListener commitListener = (changes, at, origin) -> {};

  public OrgStore(Schema schema, InstantSource clock, IdGenerator ids) {
    this.clock = clock;
    this.ids = ids;
    this.earliestDeletedAvailable = now();
    installSchema(schema);
  }

  private void installSchema(Schema next) {
    this.schema = next;
    tables.clear();
    tablesByPrefix.clear();
    for (ObjectDef def : next.objects()) {
      ObjectTable t = new ObjectTable(def);
      tables.put(def.name().toLowerCase(Locale.ROOT), t);
      tablesByPrefix.put(def.keyPrefix(), t);
    }
  }

  public Schema schema() {
    return schema;
  }

  public InstantSource clock() {
    return clock;
  }

  /** Who hears of every commit when it becomes visible (change data capture). */
  public void commitListener(CommitListener listener) {
    this.commitListener = listener;
  }

  /** Now, in whole seconds: real orgs store timestamps with {@code .000} milliseconds. */
  public Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS);
  }

  // --- locking ------------------------------------------------------------------------------

  public <T> T read(Supplier<T> work) {
    lock.readLock().lock();
    try {
      return work.get();
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Runs work in a transaction made outside the API; see {@link #write(ChangeOrigin, Function)}.
   */
  public <T> T write(Function<WriteTx, T> work) {
    return write(ChangeOrigin.NONE, work);
  }

  /**
   * Runs work in a transaction; an exception rolls it back and propagates. The commit listener
   * hears of the committed changes, tagged with the origin.
   */
  public <T> T write(ChangeOrigin origin, Function<WriteTx, T> work) {
    lock.writeLock().lock();
    WriteTx tx = new WriteTx();
    try {
      T result = work.apply(tx);
      tx.closed = true;
      List<RecordChange> changes = tx.netChanges();
      if (!changes.isEmpty()) {
        commitListener.committed(changes, tx.now(), origin);
      }
      return result;
    } catch (RuntimeException | Error e) {
      tx.rollback();
      throw e;
    } finally {
      tx.closed = true;
      lock.writeLock().unlock();
    }
  }

  /**
   * Runs work like {@link #write}, but keeps its effect invisible until {@code delay} has passed on
   * the clock (a long-running transaction that commits late). Timestamps are those of now.
   */
  public <T> T writeLate(Duration delay, Function<WriteTx, T> work) {
    return writeLate(delay, ChangeOrigin.NONE, work);
  }

  /** {@link #writeLate(Duration, Function)} with the origin its change events report. */
  public <T> T writeLate(Duration delay, ChangeOrigin origin, Function<WriteTx, T> work) {
    lock.writeLock().lock();
    WriteTx tx = new WriteTx();
    try {
      T result = work.apply(tx);
      List<StoredRecord> versions = new ArrayList<>();
      Map<String, Boolean> seen = new HashMap<>();
      for (Undo u : tx.undo) {
        if (u.table != null && seen.put(u.id, Boolean.TRUE) == null) {
          StoredRecord current = u.table.get(u.id);
          if (current != null) {
            versions.add(current);
          }
        }
      }
      tx.rollback();
      pending.add(new PendingCommit(clock.instant().plus(delay), now(), versions, origin));
      return result;
    } catch (RuntimeException | Error e) {
      tx.rollback();
      throw e;
    } finally {
      tx.closed = true;
      lock.writeLock().unlock();
    }
  }

  /** Makes late commits whose time has come visible; cheap when none is due. */
  public void promoteDueCommits() {
    Instant now = clock.instant();
    if (pending.isEmpty()) {
      return;
    }
    lock.writeLock().lock();
    try {
      while (!pending.isEmpty() && !pending.peek().visibleAt().isAfter(now)) {
        PendingCommit commit = pending.poll();
        List<RecordChange> changes = new ArrayList<>();
        for (StoredRecord r : commit.versions()) {
          StoredRecord before = r.table().put(r);
          changes.add(new RecordChange(r.def(), r.id(), before, r));
        }
        commitListener.committed(changes, commit.modstamp(), commit.origin());
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** SystemModstamp of the oldest change still invisible (getUpdated's latestDateCovered). */
  public Optional<Instant> oldestPendingModstamp() {
    return read(
        () -> pending.stream().map(PendingCommit::modstamp).min(Instant::compareTo).map(i -> i));
  }

  // --- schema changes ----------------------------------------------------------------------

  public ObjectDef addField(String objectName, FieldDef field) {
    return write(tx -> {
      ObjectTable t = requireTable(objectName);
      if (t.def().fieldDef(field.name()).isPresent()) {
        throw new IllegalArgumentException(
            "object " + t.name() + " already has a field " + field.name());
      }
      ObjectDef next = t.def().withField(field);
      Schema nextSchema = schema.replace(next);
      this.schema = nextSchema;
      t.setDef(nextSchema.find(t.name()).orElseThrow());
      return t.def();
    });
  }

  public ObjectDef removeField(String objectName, String fieldName) {
    return write(tx -> {
      ObjectTable t = requireTable(objectName);
      FieldDef f =
          t.def()
              .fieldDef(fieldName)
              .orElseThrow(() ->
                  new IllegalArgumentException(
                      "object " + t.name() + " has no field " + fieldName));
      if (f.isSystem() || f.nameField()) {
        throw new IllegalArgumentException(
            "field " + f.name() + " of " + t.name() + " is a standard field and cannot go");
      }
      ObjectDef next = t.def().withoutField(f.name());
      Schema nextSchema = schema.replace(next);
      this.schema = nextSchema;
      t.setDef(nextSchema.find(t.name()).orElseThrow());
      return t.def();
    });
  }

  /** Back to a schema with no records (reset); the caller reseeds. */
  public void reset(Schema original) {
    lock.writeLock().lock();
    try {
      ids.reset();
      installSchema(original);
      tombstones.clear();
      pending.clear();
      earliestDeletedAvailable = now();
    } finally {
      lock.writeLock().unlock();
    }
  }

  // --- reads --------------------------------------------------------------------------------

  public Optional<ObjectTable> table(String objectName) {
    return Optional.ofNullable(tables.get(objectName.toLowerCase(Locale.ROOT)));
  }

  public ObjectTable requireTable(String objectName) {
    return table(objectName)
        .orElseThrow(() -> new IllegalArgumentException("no object " + objectName));
  }

  public Optional<ObjectTable> tableForId(String id) {
    return Optional.ofNullable(tablesByPrefix.get(SfIds.keyPrefix(id)));
  }

  /** A record by id in any state (deleted included), or null. */
  public @Nullable StoredRecord find(String id) {
    return read(() -> {
      ObjectTable t = tablesByPrefix.get(SfIds.keyPrefix(id));
      return t == null ? null : t.get(id);
    });
  }

  /** Record counts (recycle bin excluded) by object. */
  public Map<String, Integer> counts() {
    return read(() -> {
      Map<String, Integer> out = new LinkedHashMap<>();
      for (ObjectTable t : tables.values()) {
        out.put(t.name(), t.liveCount());
      }
      return out;
    });
  }

  /** Deletions in [start, end) plus the recycle bin's horizon. */
  public DeletedWindow deletedBetween(String objectName, Instant start, Instant end) {
    return read(() -> {
      List<Tombstone> out = new ArrayList<>();
      for (Tombstone t : tombstones) {
        if (t.objectName().equalsIgnoreCase(objectName)
            && !t.deletedDate().isBefore(start)
            && t.deletedDate().isBefore(end)) {
          out.add(t);
        }
      }
      return new DeletedWindow(out, earliestDeletedAvailable);
    });
  }

  /** Ids of live records whose SystemModstamp is in [start, end). */
  public List<String> updatedBetween(String objectName, Instant start, Instant end) {
    return read(() -> {
      ObjectTable t = requireTable(objectName);
      FieldDef stamp = t.def().fieldDefExact(SystemFields.SYSTEM_MODSTAMP);
      List<String> out = new ArrayList<>();
      for (StoredRecord r : t.all()) {
        if (r.isDeleted()) {
          continue;
        }
        Instant s = (Instant) r.get(stamp);
        if (s != null && !s.isBefore(start) && s.isBefore(end)) {
          out.add(r.id());
        }
      }
      return out;
    });
  }

  /** Purges the recycle bin: deleted records and tombstones older than the retention, or all. */
  public int purgeRecycleBin(@Nullable Instant olderThan) {
    lock.writeLock().lock();
    try {
      Instant cutoff = olderThan == null ? Instant.MAX : olderThan;
      int purged = 0;
      Instant latestPurged = null;
      var it = tombstones.iterator();
      while (it.hasNext()) {
        Tombstone t = it.next();
        if (t.deletedDate().isBefore(cutoff)) {
          it.remove();
          ObjectTable table = tables.get(t.objectName().toLowerCase(Locale.ROOT));
          StoredRecord r = table == null ? null : table.get(t.id());
          if (r != null && r.isDeleted()) {
            table.remove(t.id());
          }
          purged++;
          if (latestPurged == null || t.deletedDate().isAfter(latestPurged)) {
            latestPurged = t.deletedDate();
          }
        }
      }
      if (olderThan == null) {
        earliestDeletedAvailable = now();
      } else if (latestPurged != null && latestPurged.isAfter(earliestDeletedAvailable)) {
        earliestDeletedAvailable = latestPurged;
      }
      return purged;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Drops deletions older than the recycle bin keeps them (called before getDeleted). */
  public void expireRecycleBin() {
    Instant horizon = now().minus(RECYCLE_BIN_RETENTION);
    boolean due =
        read(() -> !tombstones.isEmpty() && tombstones.get(0).deletedDate().isBefore(horizon));
    if (due) {
      purgeRecycleBin(horizon);
    }
  }

  // --- SoqlData -----------------------------------------------------------------------------

  @Override
  public Collection<StoredRecord> rows(String objectName, boolean includeDeleted) {
    return read(() -> {
      ObjectTable t = tables.get(objectName.toLowerCase(Locale.ROOT));
      if (t == null) {
        return List.of();
      }
      List<StoredRecord> out = new ArrayList<>(t.size());
      for (StoredRecord r : t.all()) {
        if (includeDeleted || !r.isDeleted()) {
          out.add(r);
        }
      }
      return out;
    });
  }

  @Override
  public Optional<StoredRecord> byId(String id) {
    if (id == null || id.length() < 3) {
      return Optional.empty();
    }
    String normalized = id.length() == 18 ? id : SfIds.normalize(id);
    if (normalized == null) {
      return Optional.empty();
    }
    StoredRecord r = find(normalized);
    return r == null || r.isDeleted() ? Optional.empty() : Optional.of(r);
  }

  @Override
  public Collection<StoredRecord> children(
      String childObject, String field, String parentId, boolean includeDeleted) {
    return read(() -> {
      ObjectTable t = tables.get(childObject.toLowerCase(Locale.ROOT));
      if (t == null) {
        return List.of();
      }
      FieldDef f = t.def().fieldDefExact(field);
      if (f == null) {
        return List.of();
      }
      List<StoredRecord> group = t.childrenOf(f, parentId);
      List<StoredRecord> out = new ArrayList<>(group.size());
      for (StoredRecord r : group) {
        if (includeDeleted || !r.isDeleted()) {
          out.add(r);
        }
      }
      return out;
    });
  }

  /**
   * Loads many records at once without an undo log (start-up seeding and generated data). The
   * loader trusts its input: no validation.
   */
  public void bulkLoad(java.util.function.Consumer<Loader> work) {
    lock.writeLock().lock();
    try {
      work.accept(new Loader());
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Direct writes for seeding. */
  public final class Loader {
    public Instant now() {
      return OrgStore.this.now();
    }

    public String newId(ObjectDef def) {
      return ids.next(def.keyPrefix());
    }

    public ObjectTable table(String name) {
      return requireTable(name);
    }

    /** Stores a record built from slot values (slot 0 = Id, IsDeleted set to false if null). */
    public StoredRecord put(ObjectTable table, Object[] values) {
      ObjectDef def = table.def();
      if (def.hasIsDeleted() && values[def.isDeletedSlot()] == null) {
        values[def.isDeletedSlot()] = Boolean.FALSE;
      }
      StoredRecord r = new StoredRecord(table, values);
      table.put(r);
      return r;
    }
  }

  // --- transactions -------------------------------------------------------------------------

  private record Undo(
      @Nullable ObjectTable table,
      String id,
      @Nullable StoredRecord previous,
      @Nullable Tombstone tombstone) {}

  private record PendingCommit(
      Instant visibleAt, Instant modstamp, List<StoredRecord> versions, ChangeOrigin origin) {}

  /** The recycle bin's content for getDeleted. */
  public record DeletedWindow(List<Tombstone> deleted, Instant earliestDateAvailable) {}

  /** Changes made under the write lock, with an undo log. */
  public final class WriteTx {
    private final List<Undo> undo = new ArrayList<>();
    private final Instant now = OrgStore.this.now();
    private boolean closed;

    private void checkOpen() {
      if (closed) {
        throw new IllegalStateException("transaction already closed");
      }
    }

    /** The transaction's timestamp (whole seconds). */
    public Instant now() {
      return now;
    }

    public Schema schema() {
      return schema;
    }

    public String newId(ObjectDef def) {
      return ids.next(def.keyPrefix());
    }

    public ObjectTable table(ObjectDef def) {
      return requireTable(def.name());
    }

    public Optional<ObjectTable> table(String name) {
      return OrgStore.this.table(name);
    }

    /** A record in any state, by 18-character id. */
    public @Nullable StoredRecord get(String id) {
      ObjectTable t = tablesByPrefix.get(SfIds.keyPrefix(id));
      return t == null ? null : t.get(id);
    }

    public StoredRecord newVersion(ObjectTable table, Object[] values) {
      return new StoredRecord(table, values);
    }

    public void put(StoredRecord record) {
      checkOpen();
      StoredRecord previous = record.table().put(record);
      undo.add(new Undo(record.table(), record.id(), previous, null));
    }

    public void remove(StoredRecord record) {
      checkOpen();
      StoredRecord previous = record.table().remove(record.id());
      if (previous != null) {
        undo.add(new Undo(record.table(), record.id(), previous, null));
      }
    }

    public void tombstone(StoredRecord record, Instant when) {
      checkOpen();
      Tombstone t = new Tombstone(record.objectName(), record.id(), when);
      tombstones.add(t);
      undo.add(new Undo(null, record.id(), null, t));
    }

    public List<String> idsWithValue(ObjectTable table, FieldDef field, Object value) {
      return table.idsWithValue(field, value);
    }

    /** Records (any state) whose reference field points at the parent. */
    public List<StoredRecord> childrenOf(ObjectTable table, FieldDef field, String parentId) {
      return table.childrenOf(field, parentId);
    }

    public long nextAutoNumber(ObjectTable table, FieldDef field) {
      return table.nextAutoNumber(field.name());
    }

    /** A marker to roll back to. */
    public int savepoint() {
      return undo.size();
    }

    /** Undoes everything after the savepoint, newest first. */
    public void rollbackTo(int savepoint) {
      for (int i = undo.size() - 1; i >= savepoint; i--) {
        Undo u = undo.remove(i);
        if (u.tombstone != null) {
          tombstones.remove(u.tombstone);
        } else if (u.table != null) {
          if (u.previous == null) {
            u.table.remove(u.id);
          } else {
            u.table.put(u.previous);
          }
        }
      }
    }

    public void rollback() {
      rollbackTo(0);
    }

    /** Each touched record's version before the transaction and now, first touch first. */
    List<RecordChange> netChanges() {
      Map<String, Undo> first = new LinkedHashMap<>();
      for (Undo u : undo) {
        if (u.table != null) {
          first.putIfAbsent(u.id, u);
        }
      }
      List<RecordChange> out = new ArrayList<>(first.size());
      for (Undo u : first.values()) {
        StoredRecord after = u.table.get(u.id);
        if (after != u.previous) {
          out.add(new RecordChange(u.table.def(), u.id, u.previous, after));
        }
      }
      return out;
    }
  }
}
