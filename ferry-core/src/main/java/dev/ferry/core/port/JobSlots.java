package dev.ferry.core.port;

import dev.ferry.core.store.SlotLease;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Cluster-wide limits: at most K holders per kind at once (bulk jobs per org, secondary polls). A
 * lease not renewed expires, so a crashed holder frees its slot.
 */
public interface JobSlots {

  /** Makes {@code kind} have exactly {@code slots} slots (extra ones go when free). */
  void ensureSlots(String kind, int slots);

  /** Takes a free (or expired) slot for {@code ttl}; empty when all are held. */
  Optional<SlotLease> tryAcquire(String kind, String holder, Duration ttl, @Nullable String jobRef);

  /** Extends the lease; false when it was lost (expired and taken by someone else). */
  boolean renew(SlotLease lease, Duration ttl);

  /** Frees the slot if still held by the lease's holder. */
  void release(SlotLease lease);

  /** Unexpired leases of {@code kind}. */
  List<SlotLease> holders(String kind);
}
