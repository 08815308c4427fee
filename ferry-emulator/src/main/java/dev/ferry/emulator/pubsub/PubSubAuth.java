package dev.ferry.emulator.pubsub;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Optional;
import java.util.UUID;

/**
 * Checks every call's {@code accesstoken}, {@code instanceurl} and {@code tenantid} metadata the
 * way the REST side checks a bearer token, and gives each call an rpc id. Refusals end the call
 * with UNAUTHENTICATED and the Salesforce error code in the trailers.
 */
final class PubSubAuth implements ServerInterceptor {
  static final Metadata.Key<String> ACCESS_TOKEN =
      Metadata.Key.of("accesstoken", Metadata.ASCII_STRING_MARSHALLER);
  static final Metadata.Key<String> INSTANCE_URL =
      Metadata.Key.of("instanceurl", Metadata.ASCII_STRING_MARSHALLER);
  static final Metadata.Key<String> TENANT_ID =
      Metadata.Key.of("tenantid", Metadata.ASCII_STRING_MARSHALLER);

  static final Context.Key<String> TOKEN = Context.key("ferry-pubsub-token");
  static final Context.Key<String> RPC = Context.key("ferry-pubsub-rpc-id");

  private final PubSubServer.Callers verifier;

  PubSubAuth(PubSubServer.Callers verifier) {
    this.verifier = verifier;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String rpcId = UUID.randomUUID().toString();
    String token = headers.get(ACCESS_TOKEN);
    String instanceUrl = headers.get(INSTANCE_URL);
    String tenant = headers.get(TENANT_ID);
    StatusRuntimeException refused = null;
    if (blank(token) || blank(instanceUrl) || blank(tenant)) {
      refused =
          PubSubErrors.of(
              Status.Code.UNAUTHENTICATED,
              PubSubErrors.AUTH_HEADERS_INVALID,
              "accesstoken, instanceurl and tenantid metadata are required",
              rpcId);
    } else if (!instanceUrl.startsWith("https://") && !instanceUrl.startsWith("http://")) {
      refused =
          PubSubErrors.of(
              Status.Code.UNAUTHENTICATED,
              PubSubErrors.AUTH_HEADERS_INVALID,
              "instanceurl must be the org's URL, got " + instanceUrl,
              rpcId);
    } else {
      Optional<String> why = verifier.refuse(token, tenant);
      if (why.isPresent()) {
        refused =
            PubSubErrors.of(Status.Code.UNAUTHENTICATED, PubSubErrors.AUTH_ERROR, why.get(), rpcId);
      }
    }
    if (refused != null) {
      call.close(refused.getStatus(), refused.getTrailers());
      return new ServerCall.Listener<>() {};
    }
    Context ctx = Context.current().withValue(TOKEN, token).withValue(RPC, rpcId);
    return Contexts.interceptCall(ctx, call, headers, next);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
