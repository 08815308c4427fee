package dev.ferry.core.port;

/** Each connection schema's trigger log, by audience (ferry-store: {@code JdbcTriggerLogs}). */
public interface TriggerLogs {

  /** What the writers claim, complete and listen to. */
  ChangeLog changeLog(String schema);

  /** Write errors, their retry and the backlog, for operators. */
  WriteErrorLog writeErrors(String schema);

  /** The archive's upkeep. */
  TriggerLogArchive archive(String schema);
}
