package dev.ferry.engine.lifecycle;

import dev.ferry.core.port.MappingStore;
import dev.ferry.core.store.Mapping;

/**
 * A worker's claim on a mapping's state: the state version it last saw or wrote. {@link #check()}
 * reads the stored version and throws {@link SupersededException} when someone else changed the
 * state since (abort, reload, delete); workers call it between pages, while waiting on Bulk jobs
 * and before every commit, so an abort stops the work within one page.
 */
public final class RunGuard {
  private final MappingStore mappings;
  private volatile Mapping current;

  public RunGuard(MappingStore mappings, Mapping current) {
    this.mappings = mappings;
    this.current = current;
  }

  /** The mapping as this worker last saw it. */
  public Mapping current() {
    return current;
  }

  /** Records a transition this worker made. */
  void advanced(Mapping now) {
    this.current = now;
  }

  /** Throws {@link SupersededException} when the stored state moved on without this worker. */
  public void check() {
    Mapping stored =
        mappings
            .find(current.id())
            .orElseThrow(() -> new SupersededException(current.id(), "mapping deleted"));
    if (stored.stateVersion() != current.stateVersion()) {
      throw new SupersededException(
          current.id(),
          "state changed to "
              + stored.state()
              + " while the worker was in "
              + current.state()
              + " (version "
              + current.stateVersion()
              + " -> "
              + stored.stateVersion()
              + ")");
    }
  }

  /** {@link #check()} as a boolean: true when the work should stop. */
  public boolean superseded() {
    try {
      check();
      return false;
    } catch (SupersededException e) {
      return true;
    }
  }
}
