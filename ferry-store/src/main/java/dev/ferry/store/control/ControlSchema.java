package dev.ferry.store.control;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ferry's control schema {@value #NAME} (connections, mappings, states, watermarks, poll windows,
 * job slots, API budget, notifications), migrated by Flyway. Every node may call {@link #migrate}
 * at start: Flyway serializes concurrent migrations on Postgres.
 */
public final class ControlSchema {
  public static final String NAME = "ferry";
  private static final Logger log = LoggerFactory.getLogger(ControlSchema.class);

  private ControlSchema() {}

  public static void migrate(DataSource dataSource) {
    MigrateResult r =
        Flyway.configure()
            .dataSource(dataSource)
            .schemas(NAME)
            .defaultSchema(NAME)
            .createSchemas(true)
            .locations("classpath:db/ferry")
            .load()
            .migrate();
    log.atInfo()
        .addKeyValue("schema", NAME)
        .addKeyValue("version", r.targetSchemaVersion)
        .addKeyValue("applied", r.migrationsExecuted)
        .log("control schema migrated");
  }
}
