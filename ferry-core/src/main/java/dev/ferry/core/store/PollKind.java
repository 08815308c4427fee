package dev.ferry.core.store;

/** A primary poll reads a new window; a secondary (drift) poll re-reads a primary's window. */
public enum PollKind {
  PRIMARY,
  SECONDARY
}
