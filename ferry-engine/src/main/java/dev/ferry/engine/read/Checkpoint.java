package dev.ferry.engine.read;

/**
 * Where long work asks whether it may go on: between pages, while waiting on a Bulk job, before a
 * commit. Throws {@link dev.ferry.engine.lifecycle.SupersededException} when it must stop.
 */
@FunctionalInterface
public interface Checkpoint {
  void check();
}
