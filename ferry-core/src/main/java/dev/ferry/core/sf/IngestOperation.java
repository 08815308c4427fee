package dev.ferry.core.sf;

/** Bulk API 2.0 ingest operations, with their wire names. */
public enum IngestOperation {
  INSERT("insert"),
  UPDATE("update"),
  UPSERT("upsert"),
  DELETE("delete"),
  HARD_DELETE("hardDelete");

  private final String wire;

  IngestOperation(String wire) {
    this.wire = wire;
  }

  public String wireName() {
    return wire;
  }
}
