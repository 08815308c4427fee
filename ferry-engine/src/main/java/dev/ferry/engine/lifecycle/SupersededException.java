package dev.ferry.engine.lifecycle;

import dev.ferry.core.id.MappingId;

/**
 * The mapping's state was changed by someone else (an abort, a reload, a delete, another process)
 * while a worker was acting on it: the worker must stop, roll back what it has not committed and
 * leave the state alone. Control flow inside the engine, never shown to users.
 */
public final class SupersededException extends RuntimeException {
  private final MappingId mapping;

  public SupersededException(MappingId mapping, String message) {
    super(message, null, false, false);
    this.mapping = mapping;
  }

  public MappingId mapping() {
    return mapping;
  }
}
