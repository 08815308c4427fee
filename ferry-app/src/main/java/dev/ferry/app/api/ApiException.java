package dev.ferry.app.api;

/**
 * A failure the API layer itself detects (authentication, malformed path ids): status + message.
 */
public final class ApiException extends RuntimeException {
  private final int status;

  public ApiException(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
