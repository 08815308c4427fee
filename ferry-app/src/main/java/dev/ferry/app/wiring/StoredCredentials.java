package dev.ferry.app.wiring;

import dev.ferry.app.secret.TinkSecretBox;
import dev.ferry.core.control.SalesforceCredentials;
import dev.ferry.core.error.FerryException;
import dev.ferry.core.port.ConnectionStore;
import dev.ferry.core.store.Connection;
import dev.ferry.engine.connect.CredentialsCodec;
import dev.ferry.engine.connect.SalesforceClients;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sealed credentials of connections, as the composition root needs them: compare a stored blob
 * with the environment's credentials, and re-seal blobs of an older key after a keyset rotation.
 * The engine decides the format and the context; this reuses both.
 */
final class StoredCredentials {
  private static final Logger log = LoggerFactory.getLogger(StoredCredentials.class);

  private final TinkSecretBox box;

  StoredCredentials(TinkSecretBox box) {
    this.box = box;
  }

  /** The connection's credentials, or empty when it has none or they cannot be opened. */
  Optional<SalesforceCredentials> of(Connection c) {
    if (c.credentials() == null) return Optional.empty();
    try {
      return Optional.of(
          CredentialsCodec.decode(
              box.open(c.credentials(), SalesforceClients.secretContext(c.id()))));
    } catch (FerryException | IllegalArgumentException e) {
      log.atWarn()
          .addKeyValue("connection", c.id())
          .addKeyValue("error", e.getMessage())
          .log("stored credentials cannot be opened");
      return Optional.empty();
    }
  }

  /**
   * Re-seals every connection's credentials that an older key of the keyset sealed, so the old key
   * can be removed after a rotation. Returns how many were re-sealed.
   */
  int resealOlder(ConnectionStore connections) {
    int resealed = 0;
    for (Connection c : connections.list()) {
      byte[] sealed = c.credentials();
      if (sealed == null || !box.sealedWithOlderKey(sealed)) continue;
      String context = SalesforceClients.secretContext(c.id());
      byte[] plaintext;
      try {
        plaintext = box.open(sealed, context);
      } catch (FerryException e) {
        log.atWarn()
            .addKeyValue("connection", c.id())
            .log("credentials sealed with a key no longer in the keyset; re-authorize it");
        continue;
      }
      connections.updateCredentials(c.id(), box.seal(plaintext, context));
      resealed++;
    }
    if (resealed > 0) {
      log.atInfo()
          .addKeyValue("connections", resealed)
          .log("re-sealed credentials with the keyset's primary key");
    }
    return resealed;
  }
}
