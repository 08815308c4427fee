package dev.ferry.core.error;

/**
 * Root of Ferry's errors. Every failure is either {@link RetriableException} (try again later: the
 * cause is transient) or {@link PermanentException} (retrying cannot help: a human or a config
 * change is needed). Errors are classified once, at the edge where they arise.
 */
public abstract class FerryException extends RuntimeException {
  protected FerryException(String message, Throwable cause) {
    super(message, cause);
  }

  protected FerryException(String message) {
    super(message);
  }

  public abstract boolean isRetriable();
}
