package dev.ferry.core.error;

/** A transient failure: the same call may succeed later (I/O, 5xx, throttling, lock contention). */
public class RetriableException extends FerryException {
  public RetriableException(String message, Throwable cause) {
    super(message, cause);
  }

  public RetriableException(String message) {
    super(message);
  }

  @Override
  public final boolean isRetriable() {
    return true;
  }
}
