package dev.ferry.store.changelog;

import dev.ferry.core.port.ChangeLog;
import dev.ferry.core.port.TriggerLogArchive;
import dev.ferry.core.port.TriggerLogs;
import dev.ferry.core.port.WriteErrorLog;
import java.time.InstantSource;
import javax.sql.DataSource;

/** {@link TriggerLogs} over the connection schemas of one database. */
public final class JdbcTriggerLogs implements TriggerLogs {
  private final DataSource dataSource;
  private final InstantSource clock;

  public JdbcTriggerLogs(DataSource dataSource, InstantSource clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  @Override
  public ChangeLog changeLog(String schema) {
    return new JdbcChangeLog(dataSource, schema, clock);
  }

  @Override
  public WriteErrorLog writeErrors(String schema) {
    return new JdbcWriteErrorLog(dataSource, schema, clock);
  }

  @Override
  public TriggerLogArchive archive(String schema) {
    return new JdbcTriggerLogArchive(dataSource, schema);
  }
}
