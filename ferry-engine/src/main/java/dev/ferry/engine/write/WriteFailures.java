package dev.ferry.engine.write;

import dev.ferry.core.error.ApiLimitExceededException;
import dev.ferry.core.error.DatabaseUnavailableException;
import dev.ferry.core.error.InactiveOrgException;
import dev.ferry.core.error.RetriableException;
import dev.ferry.core.error.SalesforceAuthException;
import dev.ferry.core.id.ConnectionId;
import dev.ferry.core.state.ConnectionState;
import dev.ferry.core.store.Connection;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a failed write pass means for its connection, classified once: rejected credentials →
 * UNAUTHORIZED, inactive org → INACTIVE_ORG (both wait for a human); the daily API limit → a
 * notification and 15 minutes; a lost database, Salesforce unavailable or an answer lost → back off
 * and try again (doubling); anything else → back off, and SYSTEM_ERROR after three in a row.
 * Per-record rejections never get here: they are FAILED entries.
 */
final class WriteFailures {
  private static final Logger log = LoggerFactory.getLogger(WriteFailures.class);
  private static final int UNEXPECTED_BEFORE_ERROR = 3;

  private final ConnectionId id;
  private final WriteDeps deps;
  private int failures;
  private int unexpected;

  /**
   * The decision.
   *
   * @param retryIn when to try again; null when a human must act (the connection's state says so)
   */
  record Verdict(@Nullable Duration retryIn, boolean databaseLost) {}

  WriteFailures(ConnectionId id, WriteDeps deps) {
    this.id = id;
    this.deps = deps;
  }

  /** A pass succeeded: the backoff starts over. */
  void succeeded() {
    failures = 0;
    unexpected = 0;
  }

  Verdict classify(Connection c, RuntimeException e) {
    failures++;
    if (e instanceof SalesforceAuthException) {
      return human(ConnectionState.UNAUTHORIZED, "SF Auth failed: " + e.getMessage(), e);
    }
    if (e instanceof InactiveOrgException) {
      return human(
          ConnectionState.INACTIVE_ORG, "Salesforce org is inactive: " + e.getMessage(), e);
    }
    if (e instanceof DatabaseUnavailableException) {
      return retry(c, e, deps.engine().dbRetry(), true);
    }
    if (e instanceof ApiLimitExceededException) {
      deps.notifications().add(id, null, "api_limit", e.getMessage());
      return retry(c, e, Duration.ofMinutes(15), false);
    }
    if (e instanceof RetriableException || e instanceof CollectionsSender.OutcomeUnknownException) {
      return retry(c, e, deps.config().backoff(failures), false);
    }
    unexpected++;
    log.atError()
        .setCause(e)
        .addKeyValue("connection_name", c.name())
        .log("write cycle failed unexpectedly");
    if (unexpected >= UNEXPECTED_BEFORE_ERROR) {
      unexpected = 0;
      return human(
          ConnectionState.SYSTEM_ERROR,
          "Writes failed: " + e.getClass().getSimpleName() + ": " + e.getMessage(),
          e);
    }
    return retry(c, e, deps.config().backoff(failures), false);
  }

  private Verdict human(ConnectionState to, String reason, RuntimeException e) {
    deps.connectionStates().force(id, to, reason);
    deps.events().writeFailed(id, e, null);
    return new Verdict(null, false);
  }

  private Verdict retry(Connection c, RuntimeException e, Duration wait, boolean databaseLost) {
    var retryAt = deps.clock().instant().plus(wait);
    log.atWarn()
        .addKeyValue("connection_name", c.name())
        .addKeyValue("retry_at", retryAt)
        .log("writes to Salesforce failed ({}); retrying", e.getMessage());
    deps.events().writeFailed(id, e, retryAt);
    return new Verdict(wait, databaseLost);
  }
}
