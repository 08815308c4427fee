package dev.ferry.core.sf;

import org.jspecify.annotations.Nullable;

/**
 * One page of Bulk API 2.0 query results, parsed lazily from the CSV response. Close it to release
 * the HTTP response. nextLocator is null on the last page (Salesforce sends the string "null").
 */
public interface QueryResultPage extends RecordStream {
  @Nullable String nextLocator();

  /** Sforce-NumberOfRecords of this page. */
  long numberOfRecords();
}
