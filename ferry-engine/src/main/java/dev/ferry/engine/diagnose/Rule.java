package dev.ferry.engine.diagnose;

import dev.ferry.core.control.Check;
import dev.ferry.core.control.CheckStatus;

/**
 * Every diagnostic check Ferry runs: its stable id, its title and its section of {@code
 * docs/diagnostics.md} (a test keeps the document and this list in step). Ids shared with Heroku
 * Connect keep its names.
 */
public enum Rule {
  // ---- connection
  CONNECTION_STATE("Connection State", "connection-state"),
  MUST_USE_RECENT_API_VERSION("Salesforce API Version", "salesforce-api-version"),
  NUMBER_OF_MAPPINGS("Number of Mappings", "number-of-mappings"),
  API_BUDGET("Salesforce API Budget", "salesforce-api-budget"),
  BULK_JOB_SLOTS("Bulk Job Slots", "bulk-job-slots"),
  FAILED_WRITES("Failed Writes", "failed-writes"),
  TRIGGER_LOG_BACKLOG("Trigger Log Backlog", "trigger-log-backlog"),
  // ---- mapping
  MAPPING_STATE("Mapping State", "mapping-state"),
  POLL_LAG("Polling Lag", "polling-lag"),
  MAPPING_API_CALLS("Daily API Calls", "daily-api-calls"),
  MAPPING_FAILED_WRITES("Failed Writes of the Mapping", "failed-writes-of-the-mapping"),
  DRIFT_REPAIRED("Drift Repaired", "drift-repaired"),
  CHANGE_EVENTS("Change Events", "change-events"),
  CALCULATED_FIELDS("Calculated Fields", "calculated-fields"),
  UPSERT_FIELD("Upsert Field", "upsert-field"),
  BINARY_FIELDS("Binary Fields", "binary-fields"),
  NUMBER_OF_FIELDS("Number of Fields", "number-of-fields"),
  REQUIRED_FIELDS("Required Fields", "required-fields"),
  LARGE_TEXT_AREA_FIELDS("Number of Large Text Area Fields", "number-of-large-text-area-fields");

  /** Where the checks are explained, relative to the repository (and the docs site). */
  public static final String DOC = "docs/diagnostics.md";

  private final String displayName;
  private final String anchor;

  Rule(String displayName, String anchor) {
    this.displayName = displayName;
    this.anchor = anchor;
  }

  public String displayName() {
    return displayName;
  }

  /** The Markdown heading's anchor in {@link #DOC}. */
  public String anchor() {
    return anchor;
  }

  public String docUrl() {
    return DOC + "#" + anchor;
  }

  Check red(String message) {
    return of(CheckStatus.RED, message);
  }

  Check yellow(String message) {
    return of(CheckStatus.YELLOW, message);
  }

  Check green(String message) {
    return of(CheckStatus.GREEN, message);
  }

  Check skipped(String message) {
    return of(CheckStatus.SKIPPED, message);
  }

  Check of(CheckStatus status, String message) {
    return new Check(name(), displayName, status, message, docUrl());
  }
}
