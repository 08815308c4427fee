package dev.ferry.engine.write;

import dev.ferry.core.port.JobSlots;
import dev.ferry.core.store.SlotLease;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;

/**
 * A connection-wide lease held by one process at a time: the writer's ({@code writer:<connection>}
 * job slots) and the change-event listener's ({@code events:<connection>}). The writer lease is
 * held by the process that writes the connection, renewed while it works, lapsing when it dies so
 * another takes over within {@code ferry.write.lease-seconds}. Safe to lapse mid-call: a call whose
 * answer is pending is settled by the next writer only after {@code ferry.write.settle-seconds}.
 */
public final class WriterLease implements AutoCloseable {
  private final JobSlots slots;
  private final SlotLease lease;
  private final Duration ttl;
  private final InstantSource clock;
  private Instant renewedAt;
  private boolean lost;
  private boolean released;

  private WriterLease(JobSlots slots, SlotLease lease, Duration ttl, InstantSource clock) {
    this.slots = slots;
    this.lease = lease;
    this.ttl = ttl;
    this.clock = clock;
    this.renewedAt = clock.instant();
  }

  public static Optional<WriterLease> acquire(
      JobSlots slots, String kind, String holder, Duration ttl, InstantSource clock) {
    return slots
        .tryAcquire(kind, holder, ttl, null)
        .map(l -> new WriterLease(slots, l, ttl, clock));
  }

  public String holder() {
    return lease.holder();
  }

  /** Renews once a third of the lease has passed; false when it was lost meanwhile. */
  public synchronized boolean renewIfDue() {
    if (lost || released) return false;
    Instant now = clock.instant();
    if (Duration.between(renewedAt, now).compareTo(ttl.dividedBy(3)) < 0) return true;
    if (!slots.renew(lease, ttl)) {
      lost = true;
      return false;
    }
    renewedAt = now;
    return true;
  }

  @Override
  public synchronized void close() {
    if (released) return;
    released = true;
    if (!lost) slots.release(lease);
  }
}
