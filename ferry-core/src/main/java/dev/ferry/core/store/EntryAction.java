package dev.ferry.core.store;

/** {@code _trigger_log.action}. */
public enum EntryAction {
  INSERT,
  UPDATE,
  DELETE
}
