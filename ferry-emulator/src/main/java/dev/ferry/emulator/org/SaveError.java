package dev.ferry.emulator.org;

import java.util.List;

/** A record-level error as Salesforce reports it: status code, message, field names. */
public record SaveError(String statusCode, String message, List<String> fields) {
  public SaveError {
    fields = List.copyOf(fields);
  }

  public static SaveError of(String statusCode, String message, String... fields) {
    return new SaveError(statusCode, message, List.of(fields));
  }

  /** The Bulk API 2.0 {@code sf__Error} form: {@code CODE:message:Field1,Field2 --}. */
  public String bulkText() {
    return statusCode + ":" + message + ":" + String.join(",", fields) + " --";
  }
}
