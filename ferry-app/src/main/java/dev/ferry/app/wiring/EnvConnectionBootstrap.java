package dev.ferry.app.wiring;

import dev.ferry.core.control.ConnectionView;
import dev.ferry.core.control.FerryService;
import dev.ferry.core.control.NewConnection;
import dev.ferry.core.control.SalesforceCredentials;
import dev.ferry.core.id.ConnectionId;
import dev.ferry.core.log.LogContext;
import dev.ferry.core.store.Connection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection from the environment (FERRY_SF_*, FERRY_SCHEMA), as one Heroku Connect add-on is
 * one connection: created on first start; on later starts re-authorized when the environment's
 * credentials differ from the stored ones (the environment is the source of truth, so a changed
 * password takes effect on restart, and an unchanged one leaves a paused connection paused). It is
 * found by its schema, which no other connection may use.
 */
final class EnvConnectionBootstrap {
  private static final Logger log = LoggerFactory.getLogger(EnvConnectionBootstrap.class);

  private EnvConnectionBootstrap() {}

  /** The environment's connection id, or empty when no FERRY_SF_* is set and none exists yet. */
  static Optional<ConnectionId> ensure(
      FerryService service,
      String name,
      String schema,
      Optional<SalesforceCredentials> creds,
      Function<Connection, Optional<SalesforceCredentials>> stored) {
    Optional<ConnectionView> existing =
        service.connections().stream()
            .filter(v -> v.connection().schemaName().equals(schema))
            .findFirst();
    if (existing.isPresent()) {
      ConnectionId id = existing.get().connection().id();
      if (creds.isPresent() && !creds.equals(stored.apply(existing.get().connection()))) {
        try (LogContext lc = LogContext.connection(id)) {
          service.authorize(id, creds.get());
          log.atInfo()
              .addKeyValue("schema", schema)
              .addKeyValue("flow", creds.get().flow())
              .log("connection re-authorized from the environment");
        }
      }
      return Optional.of(id);
    }
    if (creds.isEmpty()) return Optional.empty();
    ConnectionView created =
        service.createConnection(new NewConnection(name, schema, creds.get(), Map.of()));
    ConnectionId id = created.connection().id();
    try (LogContext lc = LogContext.connection(id)) {
      log.atInfo()
          .addKeyValue("schema", schema)
          .addKeyValue("state", created.connection().state())
          .addKeyValue("flow", creds.get().flow())
          .log("connection created from the environment");
    }
    return Optional.of(id);
  }
}
