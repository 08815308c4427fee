package dev.ferry.engine.connect;

import dev.ferry.core.control.SalesforceCredentials;
import dev.ferry.core.error.SalesforceAuthException;
import dev.ferry.core.error.SalesforceError;
import dev.ferry.core.id.ConnectionId;
import dev.ferry.core.port.SalesforceApi;
import dev.ferry.core.port.SalesforceConnector;
import dev.ferry.core.port.SecretBox;
import dev.ferry.core.store.Connection;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Salesforce client per connection, opened from the connection's sealed credentials and shared
 * by its mappings; replaced when the credentials change (re-authorization).
 */
public final class SalesforceClients implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SalesforceClients.class);

  private final SalesforceConnector connector;
  private final SecretBox secrets;
  private final Map<ConnectionId, Open> open = new ConcurrentHashMap<>();

  /** A client and what it was opened for: the sealed credentials and the org it must reach. */
  private record Open(byte[] sealed, @Nullable String orgId, SalesforceApi api) {
    boolean serves(Connection c) {
      return Arrays.equals(sealed, c.credentials()) && Objects.equals(orgId, c.orgId());
    }
  }

  public SalesforceClients(SalesforceConnector connector, SecretBox secrets) {
    this.connector = connector;
    this.secrets = secrets;
  }

  /** The context bound to a connection's sealed credentials. */
  public static String secretContext(ConnectionId id) {
    return "connection:" + id + ":credentials";
  }

  /** The client of {@code connection}; throws SalesforceAuthException without credentials. */
  public SalesforceApi forConnection(Connection connection) {
    byte[] sealed = connection.credentials();
    if (sealed == null) {
      throw new SalesforceAuthException(
          new SalesforceError(
              "NO_CREDENTIALS",
              0,
              "connection " + connection.name() + " has no Salesforce credentials; authorize it",
              null,
              null));
    }
    Open current = open.get(connection.id());
    if (current != null && current.serves(connection)) return current.api();
    synchronized (this) {
      current = open.get(connection.id());
      if (current != null && current.serves(connection)) return current.api();
      SalesforceCredentials credentials =
          CredentialsCodec.decode(secrets.open(sealed, secretContext(connection.id())));
      // every login must reach the org the connection syncs: a refreshed sandbox is refused
      SalesforceApi api = connector.open(credentials, connection.orgId());
      Open previous = open.put(connection.id(), new Open(sealed, connection.orgId(), api));
      if (previous != null) closeQuietly(previous.api());
      return api;
    }
  }

  /** Opens a client for credentials not stored yet (to verify them). The caller closes it. */
  public SalesforceApi openUnstored(SalesforceCredentials credentials) {
    return connector.open(credentials);
  }

  /**
   * Opens a separate client for {@code connection} calling API version {@code apiVersion} (e.g. to
   * compare describes across versions). The caller closes it.
   */
  public SalesforceApi openAtVersion(Connection connection, String apiVersion) {
    forConnection(connection); // the same checks and errors as the connection's own client
    SalesforceCredentials c =
        CredentialsCodec.decode(
            secrets.open(connection.credentials(), secretContext(connection.id())));
    return connector.open(
        new SalesforceCredentials(
            c.loginUrl(),
            c.flow(),
            c.clientId(),
            c.clientSecret(),
            c.username(),
            c.password(),
            c.refreshToken(),
            c.privateKeyPem(),
            apiVersion),
        connection.orgId());
  }

  public byte[] seal(ConnectionId id, SalesforceCredentials credentials) {
    return secrets.seal(CredentialsCodec.encode(credentials), secretContext(id));
  }

  /** Forgets (and closes) a connection's client. */
  public void forget(ConnectionId id) {
    Open previous = open.remove(id);
    if (previous != null) closeQuietly(previous.api());
  }

  @Override
  public void close() {
    open.values().forEach(o -> closeQuietly(o.api()));
    open.clear();
  }

  public static void closeQuietly(SalesforceApi api) {
    if (api instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception e) {
        log.debug("closing a Salesforce client failed: {}", e.toString());
      }
    }
  }
}
