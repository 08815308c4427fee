package dev.ferry.engine.write;

import dev.ferry.core.port.ChangeLog;

/** The change log of each connection schema (ferry-store's {@code JdbcStores::changeLog}). */
@FunctionalInterface
public interface ChangeLogs {
  ChangeLog forSchema(String schema);
}
