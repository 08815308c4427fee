package dev.ferry.core.error;

/** A failure that retrying cannot fix: bad config, rejected credentials, invalid request. */
public class PermanentException extends FerryException {
  public PermanentException(String message, Throwable cause) {
    super(message, cause);
  }

  public PermanentException(String message) {
    super(message);
  }

  @Override
  public final boolean isRetriable() {
    return false;
  }
}
