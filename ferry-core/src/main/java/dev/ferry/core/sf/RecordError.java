package dev.ferry.core.sf;

import java.util.List;

/** A per-record error from Salesforce ({@code statusCode}, message, fields). */
public record RecordError(String statusCode, String message, List<String> fields) {
  public RecordError {
    fields = List.copyOf(fields);
  }
}
