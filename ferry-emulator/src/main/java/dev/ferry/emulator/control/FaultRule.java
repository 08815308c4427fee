package dev.ferry.emulator.control;

import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * One injected fault: requests of an endpoint class fail (or slow down) with the given status and
 * error code, with probability {@code rate}, at most {@code count} times (null: unlimited).
 *
 * @param endpoint the class, or null for any
 * @param status HTTP status to answer with; 0 for latency only
 */
public record FaultRule(
    @Nullable EndpointClass endpoint,
    int status,
    String errorCode,
    @Nullable String message,
    double rate,
    @Nullable AtomicLong remaining,
    long latencyMs) {

  public boolean matches(EndpointClass c) {
    return endpoint == null || endpoint == c;
  }

  /** Takes one use of a counted rule; false when it is used up. */
  boolean take() {
    if (remaining == null) {
      return true;
    }
    while (true) {
      long r = remaining.get();
      if (r <= 0) {
        return false;
      }
      if (remaining.compareAndSet(r, r - 1)) {
        return true;
      }
    }
  }

  boolean exhausted() {
    return remaining != null && remaining.get() <= 0;
  }

  /** Salesforce's usual wording for the code. */
  public String effectiveMessage() {
    if (message != null) {
      return message;
    }
    return switch (errorCode) {
      case "SERVER_UNAVAILABLE" -> "Server temporarily unavailable. Please retry your request.";
      case "REQUEST_LIMIT_EXCEEDED" -> "TotalRequests Limit exceeded.";
      case "UNABLE_TO_LOCK_ROW" -> "unable to obtain exclusive access to this record";
      case "INVALID_SESSION_ID" -> "Session expired or invalid";
      case "UNKNOWN_EXCEPTION" ->
          "An unexpected error occurred. Please include this ErrorId if you contact support:"
              + " 000000000-00000 (-1)";
      default -> errorCode;
    };
  }
}
