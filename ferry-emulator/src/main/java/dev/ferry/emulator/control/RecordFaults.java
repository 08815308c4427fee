package dev.ferry.emulator.control;

import dev.ferry.emulator.org.SaveError;
import java.util.Optional;

/**
 * Record-level faults: the next N record saves (sObject REST, collections, Bulk ingest rows) fail
 * with a given error, e.g. UNABLE_TO_LOCK_ROW, so per-row error handling can be tested.
 */
public final class RecordFaults {
  private long remaining;
  private SaveError error =
      SaveError.of("UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access to this record");

  public synchronized void set(long count, SaveError error) {
    this.remaining = count;
    this.error = error;
  }

  public synchronized void clear() {
    remaining = 0;
  }

  /** The error the next save gets, if any. */
  public synchronized Optional<SaveError> next() {
    if (remaining <= 0) {
      return Optional.empty();
    }
    remaining--;
    return Optional.of(error);
  }

  public synchronized long remaining() {
    return remaining;
  }
}
