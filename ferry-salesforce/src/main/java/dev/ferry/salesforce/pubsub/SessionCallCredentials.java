package dev.ferry.salesforce.pubsub;

import dev.ferry.salesforce.auth.AccessToken;
import dev.ferry.salesforce.auth.Session;
import io.grpc.CallCredentials;
import io.grpc.Metadata;
import io.grpc.Status;
import java.util.concurrent.Executor;

/**
 * The Pub/Sub API's auth metadata ({@code accesstoken}, {@code instanceurl}, {@code tenantid}) from
 * the connection's session, read at each call so a renewed token is used at once.
 */
final class SessionCallCredentials extends CallCredentials {
  static final Metadata.Key<String> ACCESS_TOKEN =
      Metadata.Key.of("accesstoken", Metadata.ASCII_STRING_MARSHALLER);
  static final Metadata.Key<String> INSTANCE_URL =
      Metadata.Key.of("instanceurl", Metadata.ASCII_STRING_MARSHALLER);
  static final Metadata.Key<String> TENANT_ID =
      Metadata.Key.of("tenantid", Metadata.ASCII_STRING_MARSHALLER);

  private final AccessToken token;

  private SessionCallCredentials(AccessToken token) {
    this.token = token;
  }

  /** Credentials of the token current now (logging in first if needed). */
  static SessionCallCredentials current(Session session) {
    return new SessionCallCredentials(session.current());
  }

  AccessToken token() {
    return token;
  }

  @Override
  public void applyRequestMetadata(
      RequestInfo requestInfo, Executor appExecutor, MetadataApplier applier) {
    try {
      Metadata m = new Metadata();
      m.put(ACCESS_TOKEN, token.value());
      m.put(INSTANCE_URL, token.instanceUrl().toString());
      String org = token.organizationId();
      if (org != null) m.put(TENANT_ID, org);
      applier.apply(m);
    } catch (RuntimeException e) {
      applier.fail(Status.UNAUTHENTICATED.withDescription("no Salesforce session").withCause(e));
    }
  }
}
