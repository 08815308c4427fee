package dev.ferry.engine.write;

import dev.ferry.core.error.DatabaseUnavailableException;
import dev.ferry.core.id.ConnectionId;
import dev.ferry.core.log.LogContext;
import dev.ferry.core.port.ChangeLog;
import dev.ferry.core.port.SalesforceApi;
import dev.ferry.core.port.TriggerLogArchive;
import dev.ferry.core.state.ConnectionState;
import dev.ferry.core.store.ChangeEntry;
import dev.ferry.core.store.Connection;
import dev.ferry.core.store.SlotLease;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer of one connection, on its own thread: holds the connection's writer lease (one process
 * at a time by default; the others stand by and take over when it lapses), wakes on the capture
 * trigger's NOTIFY (after a short debounce) or on a timer, settles what a previous writer left in
 * flight, then claims NEW entries in capture order and writes them, the connection in
 * POLLING_DB_CHANGES meanwhile and IDLE once the queue stays empty. A paused connection, or one in
 * an error state, is not written (its changes keep being captured).
 */
final class ConnectionWriter implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(ConnectionWriter.class);
  private static final Duration SLICE = Duration.ofMillis(250);
  private static final Duration ARCHIVE_PURGE_EVERY = Duration.ofHours(1);

  private final ConnectionId id;
  private final WriteDeps deps;
  private volatile boolean stopped;
  private volatile boolean wakeRequested;
  private @Nullable WriterLease lease;
  private ChangeLog.@Nullable Wakeups wakeups;
  private @Nullable ChangeLog changeLog;
  private @Nullable TriggerLogArchive archive;
  private @Nullable String changeLogSchema;
  private boolean needsReconcile = true;
  private final WriteFailures failures;
  private @Nullable Instant lastWork;
  private @Nullable Instant lastPurge;
  private @Nullable Instant retryAt;
  private @Nullable Instant stateCheckedAt;
  private volatile boolean standDown;
  private boolean leaseSlotsSized;
  private @Nullable String budgetDetail;

  ConnectionWriter(ConnectionId id, WriteDeps deps) {
    this.id = id;
    this.deps = deps;
    this.failures = new WriteFailures(id, deps);
  }

  ConnectionId connection() {
    return id;
  }

  /** Asks the writer to finish its current call and stop. */
  void stop() {
    stopped = true;
  }

  /** Looks at the trigger log now (a user action changed something). */
  void wake() {
    wakeRequested = true;
  }

  @Override
  public void run() {
    try (LogContext context = LogContext.connection(id)) {
      while (!stopped) {
        Duration wait = step();
        if (!stopped) await(wait);
      }
    } finally {
      closeWakeups();
      releaseLease();
    }
  }

  /** One pass on the calling thread (tests and tools drive a writer this way). */
  Duration runOnce() {
    try (LogContext context = LogContext.connection(id)) {
      return step();
    }
  }

  /** Releases the lease and the LISTEN session (after {@link #runOnce} use). */
  void close() {
    closeWakeups();
    releaseLease();
  }

  /** One pass; returns how long to wait before the next. */
  private Duration step() {
    standDown = false;
    stateCheckedAt = null;
    Connection c;
    try {
      c = deps.connections().find(id).orElse(null);
    } catch (DatabaseUnavailableException e) {
      closeWakeups();
      return deps.engine().dbRetry();
    }
    if (c == null) {
      stopped = true;
      return Duration.ZERO;
    }
    if (!writable(c)) {
      settleBeforeStandingDown(c);
      return recheck();
    }
    if (retryAt != null && deps.clock().instant().isBefore(retryAt)) {
      return Duration.between(deps.clock().instant(), retryAt);
    }
    try {
      if (!holdLease(c)) return recheck();
      return work(c);
    } catch (WriteContext.StoppedException e) {
      needsReconcile = true;
      log.atDebug()
          .addKeyValue("connection_name", c.name())
          .log("write cycle stopped: {}", e.getMessage());
      if (lease != null && !lease.renewIfDue()) dropLease();
      return Duration.ZERO;
    } catch (RuntimeException e) {
      return onFailure(c, e);
    }
  }

  private Duration work(Connection c) {
    SalesforceApi api = deps.clients().forConnection(c);
    ChangeLog log = changeLog(c);
    listen(log);
    Map<String, WriteTarget> targets = deps.targets().writable(c, api);
    WriteMeters meters = new WriteMeters(api);
    WriteContext ctx = context(c, meters, log);
    try {
      return write(c, log, targets, ctx);
    } finally {
      charge(c, meters);
    }
  }

  private Duration write(
      Connection c, ChangeLog log, Map<String, WriteTarget> targets, WriteContext ctx) {
    CollectionsSender collections = new CollectionsSender(ctx);
    BulkSender bulk = new BulkSender(ctx, collections);
    // Nothing of this writer is in flight between passes: whatever is PENDING now was left by a
    // writer that died (or by this one's failed pass) and is settled before anything is sent.
    new Reconciler(ctx, bulk, new CreatedLookup(ctx)).reconcile(targets, others(), alone());
    needsReconcile = false;
    boolean merged = Boolean.FALSE.equals(c.features().get("poll_db_no_merge"));
    boolean bulkAllowed = !Boolean.TRUE.equals(c.features().get("disable_bulk_writes"));
    WriteCycle cycle = new WriteCycle(ctx, targets, merged, bulkAllowed, collections, bulk);
    WriteBudget.Gate gate = gate(c, targets, ctx);
    boolean wrote = false;
    log.requeueMarked(); // entries an application set to REQUEUE go to the end of the queue
    List<ChangeEntry> claimed =
        gate.open().isEmpty() ? List.of() : log.claim(deps.config().claimSize(), gate.open());
    while (!claimed.isEmpty()) {
      if (!wrote) polling(c);
      wrote = true;
      long t0 = System.nanoTime();
      ClaimAhead ahead = new ClaimAhead(log, deps.config().claimSize(), gate.open());
      try {
        cycle.write(claimed);
      } catch (RuntimeException e) {
        ahead.release();
        throw e;
      }
      long t1 = System.nanoTime();
      int archived = archive(c).archiveDone();
      List<ChangeEntry> next = ahead.join();
      ConnectionWriter.log
          .atDebug()
          .addKeyValue("connection_name", c.name())
          .addKeyValue("entries", claimed.size())
          .addKeyValue("write_ms", (t1 - t0) / 1_000_000)
          .addKeyValue("claimed_ahead", next.size())
          .addKeyValue("claim_wait_ms", (System.nanoTime() - t1) / 1_000_000)
          .addKeyValue("archived", archived)
          .log("write cycle");
      if (stopped || !writable(deps.connections().find(id).orElse(c))) {
        log.release(next.stream().map(ChangeEntry::id).toList());
        break;
      }
      charge(c, ctx.meters());
      gate = gate(c, targets, ctx);
      Set<String> open = gate.open();
      List<Long> over =
          next.stream().filter(e -> !open.contains(e.tableName())).map(ChangeEntry::id).toList();
      if (!over.isEmpty()) {
        // their mapping's budget ran out while the claim before them was written
        log.release(over);
        next = next.stream().filter(e -> open.contains(e.tableName())).toList();
      }
      if (open.isEmpty()) break;
      claimed = next.isEmpty() ? log.claim(deps.config().claimSize(), open) : next;
    }
    failures.succeeded();
    retryAt = null;
    Instant now = deps.clock().instant();
    if (wrote) lastWork = now;
    purgeIfDue(archive(c), now);
    if (lastWork == null) return deps.config().pollInterval();
    Duration quiet = Duration.between(lastWork, now);
    if (quiet.compareTo(deps.config().idleAfter()) >= 0) {
      idle("Write queue empty");
      lastWork = null;
      return deps.config().pollInterval();
    }
    return deps.config().idleAfter().minus(quiet);
  }

  // ---- API budget

  /** Which tables may be claimed now; shows on the connection why the others wait. */
  private WriteBudget.Gate gate(Connection c, Map<String, WriteTarget> targets, WriteContext ctx) {
    WriteBudget.Gate gate =
        new WriteBudget(deps.budget())
            .check(c, targets, ctx.meters().raw(), deps.clock().instant());
    showBudget(gate.why());
    return gate;
  }

  /**
   * Puts why writes wait into the connection's state detail (and clears it once they may go out
   * again), without changing its state: a connection waiting for the API budget stays IDLE or
   * POLLING_DB_CHANGES, its changes queued (NEW).
   */
  private void showBudget(@Nullable String why) {
    budgetDetail = why;
    Connection now = deps.connections().find(id).orElse(null);
    if (now == null || !writable(now)) return;
    String shown = now.stateDetail();
    if (Objects.equals(shown, why)) return;
    if (why == null && shown != null && !shown.startsWith(WriteBudget.PAUSED)) return; // not ours
    String reason = why != null ? why : "Writes resumed: API budget available";
    deps.connections().transition(id, now.stateVersion(), now.state(), reason, why);
    ConnectionWriter.log.atInfo().addKeyValue("connection", now.name()).log(reason);
  }

  private void charge(Connection c, WriteMeters meters) {
    try {
      meters.charge(deps.budget(), c.orgId(), deps.clock().instant());
    } catch (RuntimeException e) {
      ConnectionWriter.log.debug("could not record the writes' API usage: {}", e.toString());
    }
  }

  private WriteContext context(Connection c, WriteMeters api, ChangeLog log) {
    return new WriteContext(
        c,
        api,
        log,
        deps.stores().batches(),
        deps.config(),
        deps.engine(),
        deps.slots(),
        deps.events(),
        deps.clock(),
        deps.sleeper(),
        lease,
        this::stopRequested);
  }

  /** Stop asked, or the connection was paused (or failed) meanwhile: looked up once a second. */
  private synchronized boolean stopRequested() {
    if (stopped) return true;
    Instant now = deps.clock().instant();
    if (stateCheckedAt == null || Duration.between(stateCheckedAt, now).toMillis() >= 1000) {
      stateCheckedAt = now;
      try {
        standDown = deps.connections().find(id).map(c -> !writable(c)).orElse(true);
      } catch (RuntimeException e) {
        standDown = false; // the next database call reports the problem itself
      }
    }
    return standDown;
  }

  // ---- lease

  private String leaseKind() {
    return "writer:" + id;
  }

  private boolean holdLease(Connection c) {
    if (lease != null) {
      if (lease.renewIfDue()) return true;
      log.atWarn()
          .addKeyValue("connection_name", c.name())
          .log("lost the writer lease; standing by");
      dropLease();
      return false;
    }
    if (!leaseSlotsSized) {
      deps.jobSlots().ensureSlots(leaseKind(), deps.config().writersPerConnection());
      leaseSlotsSized = true;
    }
    lease =
        WriterLease.acquire(
                deps.jobSlots(),
                leaseKind(),
                deps.engine().nodeName() + "/writer",
                deps.config().lease(),
                deps.clock())
            .orElse(null);
    if (lease == null) return false; // another process writes this connection
    needsReconcile = true;
    log.atInfo()
        .addKeyValue("connection_name", c.name())
        .log("writing changes of {} to Salesforce", c.name());
    return true;
  }

  private void dropLease() {
    closeWakeups();
    releaseLease();
    needsReconcile = true;
  }

  private void releaseLease() {
    WriterLease l = lease;
    lease = null;
    if (l == null) return;
    try {
      l.close();
    } catch (RuntimeException e) {
      log.debug("could not release the writer lease: {}", e.toString());
    }
  }

  private Set<String> others() {
    Set<String> holders = new HashSet<>();
    for (SlotLease l : deps.jobSlots().holders(leaseKind())) holders.add(l.holder());
    if (lease != null) holders.remove(lease.holder());
    return holders;
  }

  private boolean alone() {
    return deps.config().writersPerConnection() == 1;
  }

  // ---- connection state

  private static boolean writable(Connection c) {
    return c.credentials() != null
        && (c.state() == ConnectionState.IDLE || c.state() == ConnectionState.POLLING_DB_CHANGES);
  }

  private void polling(Connection c) {
    deps.connectionStates()
        .request(
            id,
            x -> x.state() == ConnectionState.IDLE ? ConnectionState.POLLING_DB_CHANGES : x.state(),
            "Writing changes to Salesforce",
            budgetDetail);
  }

  private void idle(String reason) {
    deps.connectionStates()
        .request(
            id,
            x -> x.state() == ConnectionState.POLLING_DB_CHANGES ? ConnectionState.IDLE : x.state(),
            reason,
            budgetDetail);
  }

  /** Paused or in error: release what this writer claimed but did not send, then stand down. */
  private void settleBeforeStandingDown(Connection c) {
    if (lease == null) return;
    if (needsReconcile && c.credentials() != null) {
      try {
        ChangeLog log = changeLog(c);
        SalesforceApi api = deps.clients().forConnection(c);
        WriteMeters meters = new WriteMeters(api);
        WriteContext ctx = context(c, meters, log);
        new Reconciler(ctx, new BulkSender(ctx, new CollectionsSender(ctx)), new CreatedLookup(ctx))
            .reconcile(deps.targets().writable(c, api), others(), alone());
        needsReconcile = false;
        charge(c, meters);
      } catch (RuntimeException e) {
        log.atDebug()
            .addKeyValue("connection_name", c.name())
            .log("reconcile deferred: {}", e.toString());
      }
    }
    lastWork = null;
    dropLease();
    needsReconcile = true;
  }

  private Duration recheck() {
    Duration p = deps.config().pollInterval();
    Duration cap = Duration.ofSeconds(5);
    return p.compareTo(cap) < 0 ? p : cap;
  }

  // ---- failures

  private Duration onFailure(Connection c, RuntimeException e) {
    needsReconcile = true;
    WriteFailures.Verdict v = failures.classify(c, e);
    if (v.databaseLost()) closeWakeups();
    if (v.retryIn() == null) return recheck();
    retryAt = deps.clock().instant().plus(v.retryIn());
    try {
      idle("Writes paused until " + retryAt);
    } catch (RuntimeException ignored) {
      // the database may be down too
    }
    lastWork = null;
    return v.retryIn();
  }

  // ---- waiting

  private ChangeLog changeLog(Connection c) {
    if (changeLog != null && !c.schemaName().equals(changeLogSchema)) {
      // the connection moved to another schema (PATCH /connections/{id}): follow it
      closeWakeups();
      changeLog = null;
    }
    if (changeLog == null) {
      changeLog = deps.stores().triggerLogs().changeLog(c.schemaName());
      archive = deps.stores().triggerLogs().archive(c.schemaName());
      changeLogSchema = c.schemaName();
    }
    return changeLog;
  }

  /** The archive of the change log {@link #changeLog} follows. */
  private TriggerLogArchive archive(Connection c) {
    changeLog(c);
    return java.util.Objects.requireNonNull(archive);
  }

  private void listen(ChangeLog log) {
    if (wakeups == null) wakeups = log.listen();
  }

  private void closeWakeups() {
    ChangeLog.Wakeups w = wakeups;
    wakeups = null;
    if (w != null) w.close();
  }

  /** Waits up to {@code d}, ending early on a notification (then debounced) or a stop. */
  private void await(Duration d) {
    Instant until = deps.clock().instant().plus(d);
    while (!stopped) {
      if (wakeRequested) {
        wakeRequested = false;
        return;
      }
      Duration left = Duration.between(deps.clock().instant(), until);
      if (left.isNegative() || left.isZero()) return;
      if (lease != null && !renewQuietly()) return; // the next pass finds out what happened
      Duration slice = left.compareTo(SLICE) < 0 ? left : SLICE;
      boolean notified;
      try {
        ChangeLog.Wakeups w = wakeups;
        if (w == null) {
          deps.sleeper().sleep(slice);
          notified = false;
        } else {
          notified = w.await(slice);
        }
      } catch (DatabaseUnavailableException e) {
        closeWakeups();
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stopped = true;
        return;
      }
      if (notified) {
        debounce();
        return;
      }
    }
  }

  /** Keeps the lease while waiting; false when it was lost or the database is gone. */
  private boolean renewQuietly() {
    try {
      return lease.renewIfDue();
    } catch (RuntimeException e) {
      return false;
    }
  }

  private void debounce() {
    Duration d = deps.config().debounce();
    if (d.isZero()) return;
    try {
      deps.sleeper().sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopped = true;
    }
  }

  private void purgeIfDue(TriggerLogArchive log, Instant now) {
    if (lastPurge != null && Duration.between(lastPurge, now).compareTo(ARCHIVE_PURGE_EVERY) < 0) {
      return;
    }
    lastPurge = now;
    log.archiveDone(); // also what finished while nothing was claimed (a deleted mapping's)
    log.archiveFailed(now.minus(deps.config().failedVisible()));
    int purged = log.purgeArchive(now.minus(deps.config().archiveRetention()));
    if (purged > 0) {
      ConnectionWriter.log
          .atInfo()
          .addKeyValue("connection", id)
          .addKeyValue("entries", purged)
          .log("purged old trigger log archive entries");
    }
  }
}
