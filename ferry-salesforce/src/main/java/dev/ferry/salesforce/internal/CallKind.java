package dev.ferry.salesforce.internal;

/** What a call is for; the API accounting counts calls by kind. */
public enum CallKind {
  AUTH("auth"),
  IDENTITY("identity"),
  METADATA("metadata"),
  LIMITS("limits"),
  QUERY("query"),
  REPLICATION("replication"),
  COMPOSITE("composite"),
  BULK_QUERY("bulk-query"),
  BULK_INGEST("bulk-ingest"),
  TOOLING("tooling");

  private final String label;

  CallKind(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
