package dev.ferry.emulator.pubsub;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * Pub/Sub API errors as Salesforce sends them: a gRPC status whose description ends with {@code
 * rpcId: <id>}, and trailers {@code error-code: sfdc.platform.eventbus.grpc.<code>} plus the rpc
 * id.
 */
final class PubSubErrors {
  static final Metadata.Key<String> ERROR_CODE =
      Metadata.Key.of("error-code", Metadata.ASCII_STRING_MARSHALLER);
  static final Metadata.Key<String> RPC_ID =
      Metadata.Key.of("rpc-id", Metadata.ASCII_STRING_MARSHALLER);
  private static final String PREFIX = "sfdc.platform.eventbus.grpc.";

  static final String AUTH_ERROR = "service.auth.error";
  static final String AUTH_HEADERS_INVALID = "service.auth.headers.invalid";
  static final String UNAVAILABLE = "service.unavailable";
  static final String TOPIC_NOT_FOUND = "topic.not.found";
  static final String TOPIC_EMPTY = "topic.validation.empty";
  static final String SCHEMA_NOT_FOUND = "schema.not.found";
  static final String REPLAY_CORRUPTED = "subscription.fetch.replayid.corrupted";
  static final String REPLAY_VALIDATION = "subscription.fetch.replayid.validation.failed";
  static final String TOPIC_MISMATCH = "subscription.fetch.topic.mismatch";
  static final String REQUESTED_INVALID = "subscription.fetch.requested.events.invalid";
  static final String LIMIT_EXCEEDED = "subscription.limit.exceeded";

  private PubSubErrors() {}

  static StatusRuntimeException of(Status.Code status, String code, String message, String rpcId) {
    Metadata trailers = new Metadata();
    trailers.put(ERROR_CODE, PREFIX + code);
    trailers.put(RPC_ID, rpcId);
    return Status.fromCode(status)
        .withDescription(message + " rpcId: " + rpcId)
        .asRuntimeException(trailers);
  }
}
