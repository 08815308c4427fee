package dev.ferry.emulator.http;

/** A token-endpoint error: {@code {"error": ..., "error_description": ...}} with status 400. */
public final class OAuthException extends RuntimeException {
  private final int status;
  private final String error;

  public OAuthException(String error, String description) {
    this(400, error, description);
  }

  public OAuthException(int status, String error, String description) {
    super(description);
    this.status = status;
    this.error = error;
  }

  public int status() {
    return status;
  }

  public String error() {
    return error;
  }
}
