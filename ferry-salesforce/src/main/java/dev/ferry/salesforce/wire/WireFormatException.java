package dev.ferry.salesforce.wire;

/**
 * A response did not have the shape salesforce-api.md documents. The transport turns it into a
 * permanent error naming the call; it is a bug on one side, and retrying will not fix it.
 */
public class WireFormatException extends RuntimeException {
  public WireFormatException(String message) {
    super(message);
  }

  public WireFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
