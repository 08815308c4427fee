package dev.ferry.core.store;

/** Which progress mark of a mapping. */
public enum WatermarkKind {
  /** SystemModstamp (or LastModifiedDate) high-water mark of merged changes. */
  CHANGES,
  /** End of the last window polled for deletes (getDeleted / queryAll). */
  DELETES
}
