package dev.ferry.core.state;

/**
 * The 23 Heroku Connect mapping states, with the names the API and CLI return and the dashboard
 * labels (Heroku Dev Center "Mapping States Reference"). The names are public contract.
 */
public enum MappingState {
  DATA_SYNCED("OK", "All rows have been synced since the last poll."),
  INITIAL("Creating", "Creating a database table for a new mapping."),
  RESYNC("Loading new columns", "Querying and loading data for newly added fields."),
  RELOAD_TABLE("Reloading", "Doing an initial load or a reload of the table."),
  SCHEMA_CHANGED(
      "Altering DB schema", "Altering the database schema after a mapping config change."),
  POLLING_SF_CHANGES("Polling SF", "Polling Salesforce for changes and writing them to Postgres."),
  POLLING_SF_BULK("Polling SF [bulk]", "Polling Salesforce for changes using the Bulk API."),
  POLLING_SF_FOR_DELETES("Polling SF [deletes]", "Polling Salesforce for deleted records."),
  WAIT_BULK_LOAD(
      "Waiting for bulk job", "Waiting for a bulk job of the initial load or reload to complete."),
  LOADING_BULK_JOB("Loading [bulk]", "Loading data from completed bulk batches into Postgres."),
  RESOLVE_EXTERNAL_IDS(
      "Resolving External_IDs", "Querying Salesforce for External IDs after a bulk load."),
  BULK_LOAD_ERROR(
      "Bulk load failed", "The initial bulk load or reload failed; reload after fixing the cause."),
  WAIT_BULK_UPDATE("Waiting for bulk job", "Waiting for a bulk job of an update poll to complete."),
  APPLYING_BULK_UPDATE("Updating [bulk]", "Applying data from completed bulk batches to Postgres."),
  POLL_EXTERNAL_IDS(
      "Resolving External_IDs", "Querying Salesforce for External IDs after a bulk update."),
  RECOVERY("Re-enabling", "Recovering sync after re-authorization or a manual recover."),
  ABORTED("Task Aborted", "The mapping's most recent operation was aborted; reload to resume."),
  SYSTEM_ERROR("Unexpected error", "An unexpected error occurred; see the logs."),
  DB_UNAVAILABLE("DB unavailable", "Ferry can't connect to the database."),
  BAD_CONFIG("Invalid config", "The mapping no longer matches the Salesforce data model."),
  SYNC_REMOVED("Deleting", "The mapping is being deleted."),
  INACTIVE_ORG(
      "Inactive org (sandbox refresh)", "The Salesforce org is inactive or was refreshed."),
  UNAUTHORIZED("SF Auth failed", "Authorization to Salesforce failed or expired.");

  private final String dashboardLabel;
  private final String description;

  MappingState(String dashboardLabel, String description) {
    this.dashboardLabel = dashboardLabel;
    this.description = description;
  }

  public String dashboardLabel() {
    return dashboardLabel;
  }

  public String description() {
    return description;
  }

  /**
   * Where an abort leads from this state, per the seed's table: poll-phase states return to
   * DATA_SYNCED (polls resume), load-phase states stay ABORTED until a reload. Other states have
   * nothing running to abort: the result is this state itself.
   */
  public MappingState afterAbort() {
    return switch (this) {
      case POLLING_SF_CHANGES,
          POLLING_SF_BULK,
          POLLING_SF_FOR_DELETES,
          WAIT_BULK_UPDATE,
          APPLYING_BULK_UPDATE,
          POLL_EXTERNAL_IDS ->
          DATA_SYNCED;
      case SCHEMA_CHANGED,
          RESYNC,
          WAIT_BULK_LOAD,
          LOADING_BULK_JOB,
          RESOLVE_EXTERNAL_IDS,
          RELOAD_TABLE ->
          ABORTED;
      default -> this;
    };
  }

  /** True when an abort in this state stops running work. */
  public boolean isAbortable() {
    return afterAbort() != this;
  }

  /** States that stop polling until a human acts (reload, re-auth, config fix, resume). */
  public boolean isBlocking() {
    return switch (this) {
      case ABORTED,
          BULK_LOAD_ERROR,
          SYSTEM_ERROR,
          BAD_CONFIG,
          SYNC_REMOVED,
          INACTIVE_ORG,
          UNAUTHORIZED,
          DB_UNAVAILABLE ->
          true;
      default -> false;
    };
  }

  /** django-heroku-connect's classification, used for the connection's mappings_summary_state. */
  public boolean isError() {
    return switch (this) {
      case BULK_LOAD_ERROR,
          SYSTEM_ERROR,
          DB_UNAVAILABLE,
          BAD_CONFIG,
          SYNC_REMOVED,
          INACTIVE_ORG,
          UNAUTHORIZED ->
          true;
      default -> false;
    };
  }
}
