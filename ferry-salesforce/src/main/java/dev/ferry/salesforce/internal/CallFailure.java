package dev.ferry.salesforce.internal;

import dev.ferry.core.error.FerryException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A failed attempt, classified, with what the retry logic needs beyond the public exception: did
 * Salesforce certainly not process the request, did the session expire, did it ask us to wait.
 * Never leaves the client: the transport throws {@link #error()} once it stops retrying.
 *
 * @param notProcessed true when the failure proves the request had no effect (429/420/503, a lock
 *     failure, a refused connection), so even a non-idempotent request may be sent again
 * @param sessionExpired 401 INVALID_SESSION_ID: refresh the token once and resend
 * @param retryAfter the server's Retry-After, if it sent one
 */
public final class CallFailure extends RuntimeException {
  private final FerryException error;
  private final boolean notProcessed;
  private final boolean sessionExpired;
  private final @Nullable Duration retryAfter;

  public CallFailure(
      FerryException error,
      boolean notProcessed,
      boolean sessionExpired,
      @Nullable Duration retryAfter) {
    super(error.getMessage(), error, false, false);
    this.error = error;
    this.notProcessed = notProcessed;
    this.sessionExpired = sessionExpired;
    this.retryAfter = retryAfter;
  }

  public FerryException error() {
    return error;
  }

  public boolean retriable() {
    return error.isRetriable();
  }

  public boolean notProcessed() {
    return notProcessed;
  }

  public boolean sessionExpired() {
    return sessionExpired;
  }

  public @Nullable Duration retryAfter() {
    return retryAfter;
  }
}
