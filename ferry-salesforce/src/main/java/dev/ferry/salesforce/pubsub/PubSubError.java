package dev.ferry.salesforce.pubsub;

import dev.ferry.core.cdc.StreamFailure;
import io.grpc.Metadata;
import io.grpc.Status;
import org.jspecify.annotations.Nullable;

/**
 * A Pub/Sub API error, classified once: what the stream does next. Salesforce puts a code such as
 * {@code sfdc.platform.eventbus.grpc.subscription.fetch.replayid.corrupted} in the {@code
 * error-code} trailer and ends the stream with a gRPC status.
 */
record PubSubError(
    Action action, StreamFailure.Reason reason, String message, @Nullable String code) {
  static final Metadata.Key<String> ERROR_CODE =
      Metadata.Key.of("error-code", Metadata.ASCII_STRING_MARSHALLER);

  /** What the stream does about it. */
  enum Action {
    /** Re-open from the last replay id seen, after a backoff. */
    RETRY,
    /** Renew the session, then re-open at once. */
    RENEW_SESSION,
    /** Give up: the subscriber must decide. */
    FAIL
  }

  static PubSubError classify(Status status, @Nullable Metadata trailers) {
    String code = trailers == null ? null : trailers.get(ERROR_CODE);
    String c = code == null ? "" : code;
    String message =
        status.getCode()
            + (status.getDescription() == null ? "" : ": " + status.getDescription())
            + (code == null ? "" : " (" + code + ")");
    if (c.contains("replayid.corrupted") || c.contains("replayid.validation.failed")) {
      return fail(StreamFailure.Reason.REPLAY_ID_INVALID, message, code);
    }
    if (c.contains("topic.not.found") || c.contains("topic.validation")) {
      return fail(StreamFailure.Reason.NOT_SELECTED, message, code);
    }
    if (c.contains("permission")
        || c.contains("cannot.subscribe")
        || c.contains("tenant.license")) {
      return fail(StreamFailure.Reason.NO_PERMISSION, message, code);
    }
    if (c.contains("subscription.limit.exceeded")) {
      return fail(StreamFailure.Reason.ALLOCATION_SPENT, message, code);
    }
    if (c.contains("service.auth") || status.getCode() == Status.Code.UNAUTHENTICATED) {
      return new PubSubError(Action.RENEW_SESSION, StreamFailure.Reason.AUTH, message, code);
    }
    return switch (status.getCode()) {
      case NOT_FOUND -> fail(StreamFailure.Reason.NOT_SELECTED, message, code);
      case PERMISSION_DENIED -> fail(StreamFailure.Reason.NO_PERMISSION, message, code);
      case INVALID_ARGUMENT, FAILED_PRECONDITION, UNIMPLEMENTED ->
          fail(StreamFailure.Reason.OTHER, message, code);
      default -> new PubSubError(Action.RETRY, StreamFailure.Reason.UNREACHABLE, message, code);
    };
  }

  private static PubSubError fail(
      StreamFailure.Reason reason, String message, @Nullable String code) {
    return new PubSubError(Action.FAIL, reason, message, code);
  }

  StreamFailure failure() {
    return new StreamFailure(reason, message, code);
  }
}
