package dev.ferry.app.wiring;

import dev.ferry.core.config.Settings;
import dev.ferry.core.event.SyncEvents;
import dev.ferry.core.port.SalesforceConnector;
import dev.ferry.core.port.SecretBox;
import dev.ferry.store.JdbcStores;
import java.time.InstantSource;
import javax.sql.DataSource;

/**
 * What the composition root builds before the engine: the engine is started on these ({@code
 * events}: the metrics listener).
 */
public record NodeInfrastructure(
    Settings settings,
    DataSource dataSource,
    JdbcStores stores,
    SecretBox secretBox,
    SalesforceConnector salesforce,
    InstantSource clock,
    SyncEvents events) {}
