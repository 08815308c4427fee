package dev.ferry.core.store;

/** How a write batch reaches Salesforce. */
public enum WriteTransport {
  /** sObject Collections, at most 200 records per call. */
  COLLECTIONS,
  /** One Bulk API 2.0 ingest job. */
  BULK
}
