package dev.ferry.engine.cluster;

import dev.ferry.core.event.SyncEvents;
import dev.ferry.core.port.JobSlots;
import dev.ferry.core.store.SlotLease;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Cluster-wide limits through the {@link JobSlots} lease table: {@code bulk:<org>} (Bulk query jobs
 * per org) and {@code drift} (secondary polls, each holding a database connection). A worker that
 * finds every slot taken does not wait: it reports {@link SlotUnavailableException} and its task is
 * rescheduled a few seconds later.
 */
public final class Slots {
  public static final String DRIFT = "drift";

  /** Leases last this long unless renewed; a crashed holder's slot frees itself then. */
  static final Duration LEASE = Duration.ofMinutes(2);

  private final JobSlots slots;
  private final SyncEvents events;
  private final InstantSource clock;
  private final String node;
  private final Map<String, Integer> ensured = new ConcurrentHashMap<>();

  public Slots(JobSlots slots, SyncEvents events, InstantSource clock, String node) {
    this.slots = slots;
    this.events = events;
    this.clock = clock;
    this.node = node;
  }

  /** The slot kind bounding Bulk jobs of one org ({@code key}: org id, else connection id). */
  public static String bulkKind(String key) {
    return "bulk:" + key;
  }

  /**
   * Takes a slot of {@code kind} (which has {@code size} slots) for {@code what}; throws {@link
   * SlotUnavailableException} when all are held.
   */
  public Hold acquire(String kind, int size, String what) {
    if (!Integer.valueOf(size).equals(ensured.get(kind))) {
      slots.ensureSlots(kind, size);
      ensured.put(kind, size);
    }
    String holder = node + "/" + what;
    Optional<SlotLease> lease = slots.tryAcquire(kind, holder, LEASE, what);
    if (lease.isEmpty()) {
      events.slotUnavailable(kind, holder);
      throw new SlotUnavailableException(kind, what);
    }
    events.slotAcquired(kind, lease.get().slot(), holder);
    return new Hold(lease.get());
  }

  /** A held slot: renew it while working ({@link #renewIfDue}), close to release it. */
  public final class Hold implements AutoCloseable {
    private final SlotLease lease;
    private Instant renewedAt;
    private boolean released;

    private Hold(SlotLease lease) {
      this.lease = lease;
      this.renewedAt = clock.instant();
    }

    public SlotLease lease() {
      return lease;
    }

    /** Extends the lease when half of it has passed; false when it was lost meanwhile. */
    public boolean renewIfDue() {
      Instant now = clock.instant();
      if (Duration.between(renewedAt, now).compareTo(LEASE.dividedBy(2)) < 0) return true;
      renewedAt = now;
      return slots.renew(lease, LEASE);
    }

    @Override
    public void close() {
      if (released) return;
      released = true;
      slots.release(lease);
      events.slotReleased(lease.kind(), lease.slot(), lease.holder());
    }
  }
}
