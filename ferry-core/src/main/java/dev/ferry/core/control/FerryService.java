package dev.ferry.core.control;

import dev.ferry.core.id.ConnectionId;
import dev.ferry.core.id.MappingId;
import dev.ferry.core.model.MappingConfig;
import dev.ferry.core.sf.SObjectDescribe;
import dev.ferry.core.store.Notification;
import dev.ferry.core.store.NotificationFilter;
import dev.ferry.core.store.PollWindow;
import dev.ferry.core.store.StateChange;
import java.util.List;
import java.util.Map;

/**
 * The control plane: the one façade the management API, the CLI and the dashboard call (they
 * contain no logic of their own). Implemented by the engine. Errors: {@link
 * dev.ferry.core.error.ConfigException} for invalid input (the API answers 400/422), {@link
 * NotFoundException} for unknown ids (404), {@link ConflictException} when the request does not fit
 * the current state (409), Salesforce/database exceptions otherwise.
 */
public interface FerryService {

  // ---- connections

  List<ConnectionView> connections();

  /** The connection with its mappings. */
  ConnectionView connection(ConnectionId id);

  /**
   * Creates a connection (schema bootstrapped, credentials sealed and verified by logging in).
   * Without credentials it stays NEED_AUTHENTICATION.
   */
  ConnectionView createConnection(NewConnection request);

  /** Stores new credentials (re-authorization) and recovers the connection's mappings. */
  ConnectionView authorize(ConnectionId id, SalesforceCredentials credentials);

  /** Stops polls and writes (captures continue); 409 unless the connection is IDLE-like. */
  void pause(ConnectionId id);

  void resume(ConnectionId id);

  /** "restart"/"recover": mappings in error states go through RECOVERY. */
  void recover(ConnectionId id);

  /** Feature flags, e.g. poll_db_no_merge (write algorithm). */
  ConnectionView updateFeatures(ConnectionId id, Map<String, Boolean> features);

  /**
   * Renames the connection or moves it to another (empty) schema ({@code connect:db:set}). A schema
   * change of a connection that has mappings is refused ({@link ConflictException}): their tables,
   * triggers and trigger log live in the old schema.
   */
  ConnectionView updateConnection(ConnectionId id, ConnectionUpdate update);

  /** The Salesforce describe of {@code objectName} through the connection's client. */
  SObjectDescribe describe(ConnectionId id, String objectName);

  /**
   * Describes every mapped object at the connection's API version and at {@code targetVersion} and
   * says, per mapping, whether its mapped fields change.
   */
  SchemaDiff schemaDiff(ConnectionId id, String targetVersion);

  // ---- diagnostics and notifications

  /** Runs every connection check and every mapping's checks (docs/diagnostics.md). */
  Diagnosis diagnose(ConnectionId id);

  /** Runs one mapping's checks. */
  MappingDiagnosis diagnose(MappingId id);

  /** The connection's unacknowledged notifications matching {@code filter}, newest first. */
  List<Notification> notifications(ConnectionId id, NotificationFilter filter, int limit);

  /** Acknowledges the matching notifications; returns how many. */
  int acknowledgeNotifications(ConnectionId id, NotificationFilter filter);

  /**
   * Every mapping's state and watermark and every connection's state and trigger-log backlog, as
   * stored: cheap enough to be scraped every few seconds (metrics).
   */
  Vitals vitals();

  // ---- mappings

  /** Validates against describe first (nothing stored on error), then creates in INITIAL. */
  MappingView createMapping(ConnectionId connection, String objectName, MappingConfig config);

  /** Applies a new config; added/removed fields go through SCHEMA_CHANGED (and RESYNC). */
  MappingView updateMapping(MappingId id, MappingConfig config);

  MappingView mapping(MappingId id);

  /** SYNC_REMOVED, then the table and the mapping are gone. */
  void deleteMapping(MappingId id);

  void reload(MappingId id);

  /** Aborts the running operation per the abort table; 409 when nothing is abortable. */
  void abort(MappingId id);

  /** Newest first. */
  List<StateChange> mappingHistory(MappingId id, int limit);

  /**
   * The mapping's recent poll windows, newest first: primary polls with the rows they read, and
   * secondary (drift) polls with what they repaired.
   */
  List<PollWindow> recentPolls(MappingId id, int limit);

  /** The org's API usage against its daily limit and each mapping's calls today. */
  ApiUsageView apiUsage(ConnectionId id);

  // ---- export / import (Heroku Connect JSON, parsed by the app)

  List<MappingDefinition> export(ConnectionId id);

  /** Validates every definition against describe and says what would change; changes nothing. */
  ImportPlan planImport(ConnectionId id, List<MappingDefinition> definitions);

  /**
   * Validates first (nothing applied on any error), then creates/updates; mappings not listed stay.
   */
  ImportPlan applyImport(ConnectionId id, List<MappingDefinition> definitions);

  // ---- writes to Salesforce

  /** Writes of the connection's mappings that Salesforce rejected in the last 24 hours. */
  WriteErrors writeErrors(ConnectionId id);

  /** Writes of one mapping that Salesforce rejected in the last 24 hours. */
  WriteErrors writeErrors(MappingId id);

  /**
   * Queues every failed write of the connection again: per row, the row as it is now is captured
   * anew (an INSERT when it has no sfid yet, else an UPDATE of the columns that failed; a failed
   * DELETE is queued again), and the failed entries become REQUEUED.
   */
  RetryResult retryWrites(ConnectionId id);

  /** Like {@link #retryWrites(ConnectionId)} for one mapping. */
  RetryResult retryWrites(MappingId id);

  /**
   * Retries one failed entry (its row's failed entries); {@link NotFoundException} when the
   * connection has no FAILED entry with that id.
   */
  RetryResult retryWrite(ConnectionId id, long entryId);
}
