package dev.ferry.core.cdc;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Why a change-event stream ended for good (transient drops are retried inside the client and only
 * reported, see {@link ChangeStreamListener#onInterrupted}).
 *
 * @param errorCode Salesforce's {@code error-code} trailer (e.g. {@code
 *     sfdc.platform.eventbus.grpc.subscription.fetch.replayid.corrupted}), when one came
 */
public record StreamFailure(Reason reason, String message, @Nullable String errorCode) {

  /** What went wrong, as far as the subscriber must act on it. */
  public enum Reason {
    /** The stored replay id is invalid or older than the retention: start from LATEST and poll. */
    REPLAY_ID_INVALID,
    /** The object is not selected for Change Data Capture (no such channel). */
    NOT_SELECTED,
    /** The user may not subscribe to the channel. */
    NO_PERMISSION,
    /** The org's daily event-delivery allocation is spent. */
    ALLOCATION_SPENT,
    /** The session could not be renewed: the connection needs authorizing. */
    AUTH,
    /** The Pub/Sub endpoint cannot be reached (after the client's retries). */
    UNREACHABLE,
    /** Anything else. */
    OTHER
  }

  public StreamFailure {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
  }
}
