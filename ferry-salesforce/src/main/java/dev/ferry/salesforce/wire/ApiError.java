package dev.ferry.salesforce.wire;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One error from a Salesforce error body: REST {@code errorCode}, collections {@code statusCode} or
 * OAuth {@code error}; the message; and the fields it names.
 */
public record ApiError(@Nullable String code, String message, List<String> fields) {
  public ApiError {
    fields = List.copyOf(fields);
  }
}
