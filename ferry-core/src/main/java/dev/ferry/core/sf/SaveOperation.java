package dev.ferry.core.sf;

/** sObject Collections operations. */
public enum SaveOperation {
  CREATE,
  UPDATE,
  UPSERT,
  DELETE
}
