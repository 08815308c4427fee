package dev.ferry.core.state;

/** Heroku Connect connection states (Dev Center "Connection States Reference"). Public contract. */
public enum ConnectionState {
  NEW("Database and schema not configured yet."),
  NEED_AUTHENTICATION("Salesforce authorization is missing."),
  IDLE("Healthy; not writing to Salesforce right now."),
  POLLING_DB_CHANGES("Reading the trigger log and writing changes to Salesforce."),
  BUSY("Busy with an operation."),
  IMPORT_CONFIGURATION("Applying an imported configuration."),
  PAUSED("Paused by a user; changes are still captured and written on resume."),
  RECOVERY("Recovering sync after re-authorization or a manual recover."),
  SYSTEM_ERROR("An unexpected error occurred; see the logs, then resume."),
  DB_UNAVAILABLE("The database cannot be reached; sync resumes when it is back."),
  TOO_MANY_ROWS("The row allowance is exceeded."),
  UNAUTHORIZED("Salesforce authorization failed; re-authorize."),
  HEROKU_UNAUTH("Platform authorization failed."),
  INACTIVE_ORG("The Salesforce org is inactive; recreate the connection for an active org.");

  private final String description;

  ConnectionState(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}
