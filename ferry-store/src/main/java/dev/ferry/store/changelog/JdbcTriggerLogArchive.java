package dev.ferry.store.changelog;

import static dev.ferry.store.internal.Rows.setInstant;

import dev.ferry.core.port.TriggerLogArchive;
import dev.ferry.core.store.EntryState;
import dev.ferry.store.internal.Jdbc;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.Arrays;
import javax.sql.DataSource;

/** {@link TriggerLogArchive} over a connection schema's trigger log tables. */
public final class JdbcTriggerLogArchive implements TriggerLogArchive {

  /**
   * States that end an entry and move it to the archive at once, listed so the move can use the
   * (state, id) index. FAILED is not among them: a failure stays in the log for a while ({@link
   * #archiveFailed}).
   */
  private static final Object[] DONE_STATES =
      Arrays.stream(EntryState.values())
          .filter(EntryState::isDone)
          .filter(s -> s != EntryState.FAILED)
          .map(Enum::name)
          .toArray();

  private static final String ARCHIVE_DONE =
      """
      WITH moved AS (DELETE FROM %1$s WHERE state = ANY (?) RETURNING *)
      INSERT INTO %2$s SELECT * FROM moved ON CONFLICT (id) DO NOTHING
      """;

  private static final String ARCHIVE_FAILED =
      """
      WITH moved AS (
        DELETE FROM %1$s
         WHERE state = 'FAILED' AND COALESCE(processed_at, updated_at, created_at) < ?
        RETURNING *)
      INSERT INTO %2$s SELECT * FROM moved ON CONFLICT (id) DO NOTHING
      """;

  private static final String PURGE = "DELETE FROM %1$s WHERE created_at < ?";

  private final Jdbc jdbc;
  private final TriggerLogTables tables;

  public JdbcTriggerLogArchive(DataSource dataSource, String schema) {
    this.jdbc = new Jdbc(dataSource);
    this.tables = TriggerLogTables.of(schema);
  }

  @Override
  public int archiveDone() {
    return jdbc.inTransaction(
        "archive trigger log entries of " + tables.schema(),
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(ARCHIVE_DONE.formatted(tables.log(), tables.archive()))) {
            p.setArray(1, c.createArrayOf("varchar", DONE_STATES));
            return p.executeUpdate();
          }
        });
  }

  @Override
  public int archiveFailed(Instant processedBefore) {
    return jdbc.inTransaction(
        "archive failed trigger log entries of " + tables.schema(),
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(ARCHIVE_FAILED.formatted(tables.log(), tables.archive()))) {
            setInstant(p, 1, processedBefore);
            return p.executeUpdate();
          }
        });
  }

  @Override
  public int purgeArchive(Instant cutoff) {
    return jdbc.inTransaction(
        "purge trigger log archive of " + tables.schema(),
        c -> {
          try (PreparedStatement p = c.prepareStatement(PURGE.formatted(tables.archive()))) {
            setInstant(p, 1, cutoff);
            return p.executeUpdate();
          }
        });
  }
}
