package dev.ferry.engine.control;

import static dev.ferry.core.state.MappingState.*;

import dev.ferry.core.control.ApiUsageView;
import dev.ferry.core.control.ConflictException;
import dev.ferry.core.control.ConnectionUpdate;
import dev.ferry.core.control.ConnectionView;
import dev.ferry.core.control.Diagnosis;
import dev.ferry.core.control.EventsView;
import dev.ferry.core.control.FerryService;
import dev.ferry.core.control.ImportPlan;
import dev.ferry.core.control.MappingDefinition;
import dev.ferry.core.control.MappingDiagnosis;
import dev.ferry.core.control.MappingView;
import dev.ferry.core.control.NewConnection;
import dev.ferry.core.control.NotFoundException;
import dev.ferry.core.control.RetryResult;
import dev.ferry.core.control.SalesforceCredentials;
import dev.ferry.core.control.SchemaDiff;
import dev.ferry.core.control.Vitals;
import dev.ferry.core.control.WriteErrors;
import dev.ferry.core.error.ConfigException;
import dev.ferry.core.error.InactiveOrgException;
import dev.ferry.core.error.SalesforceAuthException;
import dev.ferry.core.event.SyncEvents;
import dev.ferry.core.id.ConnectionId;
import dev.ferry.core.id.MappingId;
import dev.ferry.core.model.MappingConfig;
import dev.ferry.core.model.PgIdentifiers;
import dev.ferry.core.port.CdcStore;
import dev.ferry.core.port.SalesforceApi;
import dev.ferry.core.sf.OrgIdentity;
import dev.ferry.core.sf.SObjectDescribe;
import dev.ferry.core.state.ConnectionState;
import dev.ferry.core.state.MappingState;
import dev.ferry.core.store.Backlog;
import dev.ferry.core.store.Connection;
import dev.ferry.core.store.Mapping;
import dev.ferry.core.store.Notification;
import dev.ferry.core.store.NotificationFilter;
import dev.ferry.core.store.PollKind;
import dev.ferry.core.store.PollStatus;
import dev.ferry.core.store.PollWindow;
import dev.ferry.core.store.StateChange;
import dev.ferry.core.store.WatermarkKind;
import dev.ferry.engine.cluster.Coordinator;
import dev.ferry.engine.connect.SalesforceClients;
import dev.ferry.engine.diagnose.Diagnostician;
import dev.ferry.engine.env.SyncStores;
import dev.ferry.engine.lifecycle.ConnectionStates;
import dev.ferry.engine.lifecycle.MappingStates;
import dev.ferry.engine.lifecycle.SfCounts;
import dev.ferry.engine.lifecycle.SyncLog;
import dev.ferry.engine.plan.MappingModel;
import dev.ferry.engine.plan.MappingValidator;
import dev.ferry.engine.plan.ModelCache;
import dev.ferry.engine.write.WriteControl;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@link FerryService} on the engine: every user action is validated, recorded as a state change
 * (compare-and-set, so it wins over a worker that is in the middle of something, which then stops
 * at its next checkpoint), and the mapping's task is woken. The work itself happens in the
 * mapping's run, on whichever process picks it up.
 */
public final class EngineFerryService implements FerryService {
  private static final Set<MappingState> LOADING =
      Set.of(RELOAD_TABLE, WAIT_BULK_LOAD, LOADING_BULK_JOB, RESOLVE_EXTERNAL_IDS);

  private final SyncStores stores;
  private final SalesforceClients clients;
  private final MappingStates states;
  private final ConnectionStates connectionStates;
  private final MappingValidator validator;
  private final ModelCache models;
  private final SfCounts sfCounts;
  private final Coordinator coordinator;
  private final SyncEvents events;
  private final InstantSource clock;
  private final @Nullable WriteControl writes;
  private final Diagnostician diagnostician;
  private final @Nullable CdcStore cdc;
  private final SchemaDiffer schemaDiffer;

  public EngineFerryService(
      SyncStores stores,
      SalesforceClients clients,
      MappingStates states,
      ConnectionStates connectionStates,
      MappingValidator validator,
      ModelCache models,
      SfCounts sfCounts,
      Coordinator coordinator,
      SyncEvents events,
      InstantSource clock,
      @Nullable WriteControl writes,
      Diagnostician diagnostician,
      @Nullable CdcStore cdc) {
    this.cdc = cdc;
    this.stores = stores;
    this.clients = clients;
    this.states = states;
    this.connectionStates = connectionStates;
    this.validator = validator;
    this.models = models;
    this.sfCounts = sfCounts;
    this.coordinator = coordinator;
    this.events = events;
    this.clock = clock;
    this.writes = writes;
    this.diagnostician = diagnostician;
    this.schemaDiffer = new SchemaDiffer(clients);
  }

  // ---- connections

  @Override
  public List<ConnectionView> connections() {
    return stores.connections().list().stream().map(this::view).toList();
  }

  @Override
  public ConnectionView connection(ConnectionId id) {
    return view(findConnection(id));
  }

  @Override
  public ConnectionView createConnection(NewConnection request) {
    List<String> problems = new ArrayList<>();
    if (request.name() == null || request.name().isBlank()) problems.add("name is required");
    try {
      PgIdentifiers.requireValid(request.schemaName());
    } catch (RuntimeException e) {
      problems.add("schema_name: " + e.getMessage());
    }
    if (!problems.isEmpty()) throw new ConfigException(problems);
    OrgIdentity org = request.credentials() == null ? null : verify(request.credentials());
    Connection c =
        stores.connections().create(request.name(), request.schemaName(), request.features());
    events.connectionStateChanged(c.id(), null, c.state(), "connection created");
    stores.schemaAdmin().bootstrap(c.schemaName(), org == null ? null : org.organizationId());
    if (org == null) {
      connectionStates.request(
          c.id(), x -> ConnectionState.NEED_AUTHENTICATION, "Waiting for Salesforce authorization");
    } else {
      store(c, request.credentials(), org);
      connectionStates.request(c.id(), x -> ConnectionState.IDLE, "Connection authorized");
    }
    return connection(c.id());
  }

  @Override
  public ConnectionView authorize(ConnectionId id, SalesforceCredentials credentials) {
    Connection c = findConnection(id);
    OrgIdentity org = verify(credentials);
    String previousOrg = c.orgId();
    boolean orgReplaced = previousOrg != null && !previousOrg.equals(org.organizationId());
    if (orgReplaced && c.state() == ConnectionState.UNAUTHORIZED) {
      // a refresh-token connection sees a sandbox refresh as revoked tokens: the new credentials
      // reveal it. INACTIVE_ORG, as the seed says, and the user confirms by authorizing again.
      markOrgReplaced(c, previousOrg, org.organizationId());
    }
    // another org is accepted only for a connection Ferry found INACTIVE_ORG (the seed's sandbox
    // refresh); anywhere else it is a mistake that would mix two orgs' data in one schema
    if (orgReplaced && c.state() != ConnectionState.INACTIVE_ORG) {
      throw new ConfigException(
          "credentials are for org "
              + org.organizationId()
              + " but connection "
              + c.name()
              + " syncs org "
              + previousOrg
              + "; create a new connection for another org");
    }
    store(c, credentials, org);
    stores.schemaAdmin().bootstrap(c.schemaName(), org.organizationId());
    connectionStates.force(id, ConnectionState.RECOVERY, "Re-authorized; recovering");
    if (orgReplaced) {
      reloadMappings(
          id,
          "RELOAD TABLE: org "
              + previousOrg
              + " was replaced by org "
              + org.organizationId()
              + " (sandbox refresh); every table is loaded from the new org");
    } else {
      recoverMappings(id, Set.of(UNAUTHORIZED, INACTIVE_ORG), "Re-authorized; recovering");
    }
    connectionStates.force(id, ConnectionState.IDLE, "Connection authorized");
    return connection(id);
  }

  @Override
  public void pause(ConnectionId id) {
    connectionStates.request(
        id,
        c ->
            switch (c.state()) {
              case IDLE, POLLING_DB_CHANGES, BUSY, PAUSED -> ConnectionState.PAUSED;
              default ->
                  throw new ConflictException(
                      "connection "
                          + c.name()
                          + " is "
                          + c.state()
                          + "; only a running connection can be paused");
            },
        "Paused");
  }

  @Override
  public void resume(ConnectionId id) {
    connectionStates.request(
        id,
        c -> {
          if (c.state() != ConnectionState.PAUSED) {
            throw new ConflictException(
                "connection " + c.name() + " is " + c.state() + ", not PAUSED");
          }
          return ConnectionState.IDLE;
        },
        "Resumed");
    stores.mappings().list(id).forEach(m -> coordinator.trigger(m.id()));
    if (writes != null) writes.wake(findConnection(id));
  }

  @Override
  public void recover(ConnectionId id) {
    Connection c = findConnection(id);
    if (c.credentials() == null) {
      throw new ConflictException("connection " + c.name() + " is not authorized; authorize it");
    }
    connectionStates.force(id, ConnectionState.RECOVERY, "Recovery requested");
    recoverMappings(
        id,
        Set.of(SYSTEM_ERROR, DB_UNAVAILABLE, UNAUTHORIZED, INACTIVE_ORG, BAD_CONFIG),
        "Recovery requested");
    connectionStates.force(id, ConnectionState.IDLE, "Recovered");
    if (writes != null) writes.wake(findConnection(id));
  }

  @Override
  public ConnectionView updateFeatures(ConnectionId id, Map<String, Boolean> features) {
    findConnection(id);
    stores.connections().updateFeatures(id, features);
    return connection(id);
  }

  /** The only db_key Ferry knows: it syncs into the database it runs on. */
  public static final String DB_KEY = "DATABASE_URL";

  @Override
  public ConnectionView updateConnection(ConnectionId id, ConnectionUpdate update) {
    Connection c = findConnection(id);
    List<String> problems = new ArrayList<>();
    if (update.dbKey() != null && !update.dbKey().equals(DB_KEY)) {
      problems.add(
          "db_key: Ferry syncs into the database of its own "
              + DB_KEY
              + " (FERRY_DATABASE_URL); only "
              + DB_KEY
              + " is accepted, got '"
              + update.dbKey()
              + "'");
    }
    if (update.name() != null && update.name().isBlank()) problems.add("name must not be blank");
    if (update.schemaName() != null) {
      try {
        PgIdentifiers.requireValid(update.schemaName());
      } catch (RuntimeException e) {
        problems.add("schema_name: " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) throw new ConfigException(problems);
    String name = update.name() == null ? c.name() : update.name();
    String schema = update.schemaName() == null ? c.schemaName() : update.schemaName();
    if (!schema.equals(c.schemaName())) {
      List<Mapping> mappings = stores.mappings().list(id);
      if (!mappings.isEmpty()) {
        throw new ConflictException(
            "connection "
                + c.name()
                + " has "
                + mappings.size()
                + " mapping(s) whose tables, triggers and trigger log live in schema "
                + c.schemaName()
                + "; Ferry does not move them. To use schema "
                + schema
                + ": export the configuration, delete the mappings, change the schema, import it"
                + " again (the tables are loaded anew)");
      }
      stores.schemaAdmin().bootstrap(schema, c.orgId());
    }
    if (name.equals(c.name()) && schema.equals(c.schemaName())) return connection(id);
    stores.connections().rename(id, name, schema);
    if (writes != null) writes.wake(findConnection(id));
    return connection(id);
  }

  @Override
  public SObjectDescribe describe(ConnectionId id, String objectName) {
    return api(findConnection(id)).describe(objectName);
  }

  @Override
  public SchemaDiff schemaDiff(ConnectionId id, String targetVersion) {
    Connection c = findConnection(id);
    api(c); // refuses an unauthorized connection with a clear message
    return schemaDiffer.diff(c, stores.mappings().list(id), targetVersion);
  }

  // ---- diagnostics and notifications

  @Override
  public Diagnosis diagnose(ConnectionId id) {
    Connection c = findConnection(id);
    return diagnostician.diagnose(c, stores.mappings().list(id));
  }

  @Override
  public MappingDiagnosis diagnose(MappingId id) {
    Mapping m = findMapping(id);
    return diagnostician.diagnose(findConnection(m.connectionId()), m);
  }

  @Override
  public List<Notification> notifications(ConnectionId id, NotificationFilter filter, int limit) {
    findConnection(id);
    return stores.notifications().unacknowledged(id, filter, limit);
  }

  @Override
  public int acknowledgeNotifications(ConnectionId id, NotificationFilter filter) {
    findConnection(id);
    return stores.notifications().acknowledge(id, filter, clock.instant());
  }

  @Override
  public Vitals vitals() {
    Instant at = clock.instant();
    Map<MappingId, Instant> watermarks = stores.watermarks().readAll(WatermarkKind.CHANGES);
    List<Vitals.MappingVitals> mappings = new ArrayList<>();
    for (Mapping m : stores.mappings().listAll()) {
      mappings.add(
          new Vitals.MappingVitals(
              m.id(), m.connectionId(), m.objectName(), m.state(), watermarks.get(m.id())));
    }
    List<Vitals.ConnectionVitals> connections = new ArrayList<>();
    for (Connection c : stores.connections().list()) {
      connections.add(
          new Vitals.ConnectionVitals(c.id(), c.name(), c.schemaName(), c.state(), backlog(c)));
    }
    return new Vitals(at, mappings, connections);
  }

  private @Nullable Backlog backlog(Connection c) {
    if (writes == null || !stores.schemaAdmin().tableExists(c.schemaName(), "_trigger_log")) {
      return null;
    }
    return writes.backlog(c);
  }

  // ---- mappings

  @Override
  public MappingView createMapping(
      ConnectionId connectionId, String objectName, MappingConfig config) {
    Connection c = findConnection(connectionId);
    MappingModel model = validator.validate(api(c), objectName, config);
    Mapping m = stores.mappings().create(connectionId, model.objectName(), config);
    SyncLog.mapping(m, "Mapping " + m.objectName() + " created");
    events.mappingStateChanged(m.id(), null, m.state(), "mapping created");
    coordinator.ensureScheduled(m.id()); // due now
    return view(m);
  }

  @Override
  public MappingView updateMapping(MappingId id, MappingConfig config) {
    Mapping m = findMapping(id);
    if (m.state() == SYNC_REMOVED)
      throw new ConflictException("mapping " + id + " is being deleted");
    Connection c = findConnection(m.connectionId());
    validator.validate(api(c), m.objectName(), config);
    boolean tableChanges = changesTable(m.config(), config);
    Mapping updated =
        stores
            .mappings()
            .updateConfig(id, m.revision(), config)
            .orElseThrow(
                () -> new ConflictException("mapping " + id + " was changed meanwhile; try again"));
    models.forget(id);
    if (config.adoptExistingTable() && !m.config().adoptExistingTable()) {
      // a table refused as the application's (BAD_CONFIG) is adopted by a recovery: it reloads
      states.request(
          id,
          cur -> cur.state() == BAD_CONFIG ? RECOVERY : cur.state(),
          "Adopting the existing table: mapping config revision " + updated.revision(),
          null);
    }
    if (tableChanges) {
      states.request(
          id,
          cur -> {
            if (cur.state() == INITIAL
                || cur.state() == ABORTED
                || cur.state() == BULK_LOAD_ERROR) {
              return cur.state(); // the table is (re)built by the next load anyway
            }
            if (LOADING.contains(cur.state())) return RELOAD_TABLE;
            return SCHEMA_CHANGED;
          },
          "Altering DB schema: mapping config revision " + updated.revision(),
          null);
    }
    coordinator.trigger(id);
    return mapping(id);
  }

  @Override
  public MappingView mapping(MappingId id) {
    return view(findMapping(id));
  }

  @Override
  public void deleteMapping(MappingId id) {
    states.request(id, m -> SYNC_REMOVED, "Mapping deleted", null);
    coordinator.trigger(id);
  }

  @Override
  public void reload(MappingId id) {
    Mapping m =
        states.request(
            id,
            cur -> {
              if (cur.state() == SYNC_REMOVED) {
                throw new ConflictException("mapping " + id + " is being deleted");
              }
              return RELOAD_TABLE;
            },
            "RELOAD TABLE "
                + findMapping(id).objectName().toLowerCase(Locale.ROOT)
                + " (requested)",
            null);
    coordinator.trigger(m.id());
  }

  @Override
  public void abort(MappingId id) {
    Mapping m =
        states.request(
            id,
            cur -> {
              if (!cur.state().isAbortable()) {
                throw new ConflictException(
                    "nothing to abort: mapping "
                        + cur.objectName()
                        + " is in state "
                        + cur.state()
                        + ", which runs no operation that can be aborted");
              }
              return cur.state().afterAbort();
            },
            "Aborted by user",
            null);
    coordinator.trigger(m.id());
  }

  @Override
  public List<StateChange> mappingHistory(MappingId id, int limit) {
    findMapping(id);
    return stores.mappings().history(id, limit);
  }

  @Override
  public List<PollWindow> recentPolls(MappingId id, int limit) {
    findMapping(id);
    return stores.pollWindows().recent(id, limit);
  }

  @Override
  public ApiUsageView apiUsage(ConnectionId id) {
    Connection c = findConnection(id);
    LocalDate today = clock.instant().atZone(ZoneOffset.UTC).toLocalDate();
    List<ApiUsageView.MappingCalls> calls =
        stores.mappings().list(id).stream()
            .map(m ->
                new ApiUsageView.MappingCalls(
                    m.id(),
                    m.objectName(),
                    stores.apiBudget().mappingCalls(m.id(), today),
                    m.config().sfMaxDailyApiCalls()))
            .toList();
    return new ApiUsageView(
        c.orgId() == null ? null : stores.apiBudget().read(c.orgId()).orElse(null), calls);
  }

  // ---- export / import

  @Override
  public List<MappingDefinition> export(ConnectionId id) {
    findConnection(id);
    return stores.mappings().list(id).stream()
        .map(m -> new MappingDefinition(m.objectName(), m.config()))
        .toList();
  }

  @Override
  public ImportPlan planImport(ConnectionId id, List<MappingDefinition> definitions) {
    Connection c = findConnection(id);
    SalesforceApi api = api(c);
    List<String> problems = new ArrayList<>();
    List<ImportPlan.Change> changes = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (MappingDefinition d : definitions) {
      if (!seen.add(d.objectName().toLowerCase(Locale.ROOT))) {
        problems.add("mapping " + d.objectName() + " is listed twice");
        continue;
      }
      MappingModel model;
      try {
        model = validator.validate(api, d.objectName(), d.config());
      } catch (ConfigException e) {
        problems.addAll(e.problems());
        continue;
      }
      Optional<Mapping> existing = stores.mappings().find(id, model.objectName());
      if (existing.isEmpty()) {
        changes.add(
            new ImportPlan.Change(
                model.objectName(), ImportPlan.Action.CREATE, d.config().fields(), List.of()));
      } else {
        MappingConfig old = existing.get().config();
        List<String> added = missing(d.config().fields(), old.fields());
        List<String> removed = missing(old.fields(), d.config().fields());
        ImportPlan.Action action =
            old.equals(d.config()) ? ImportPlan.Action.UNCHANGED : ImportPlan.Action.UPDATE;
        changes.add(new ImportPlan.Change(model.objectName(), action, added, removed));
      }
    }
    if (!problems.isEmpty()) throw new ConfigException(problems);
    return new ImportPlan(changes);
  }

  @Override
  public ImportPlan applyImport(ConnectionId id, List<MappingDefinition> definitions) {
    ImportPlan plan = planImport(id, definitions);
    ConnectionState before = findConnection(id).state();
    connectionStates.force(id, ConnectionState.IMPORT_CONFIGURATION, "Importing configuration");
    try {
      for (int i = 0; i < definitions.size(); i++) {
        MappingDefinition d = definitions.get(i);
        ImportPlan.Change change = plan.changes().get(i);
        switch (change.action()) {
          case CREATE -> createMapping(id, d.objectName(), d.config());
          case UPDATE ->
              updateMapping(
                  stores.mappings().find(id, change.objectName()).orElseThrow().id(), d.config());
          case UNCHANGED -> {}
        }
      }
    } finally {
      connectionStates.request(
          id,
          c -> c.state() == ConnectionState.IMPORT_CONFIGURATION ? before : c.state(),
          "Configuration imported");
    }
    // Runs that started during the import saw IMPORT_CONFIGURATION and went to sleep: wake them.
    stores.mappings().list(id).forEach(m -> coordinator.trigger(m.id()));
    return plan;
  }

  // ---- writes to Salesforce

  @Override
  public WriteErrors writeErrors(ConnectionId id) {
    return requireWrites().errors(findConnection(id), null);
  }

  @Override
  public WriteErrors writeErrors(MappingId id) {
    Mapping m = findMapping(id);
    return requireWrites().errors(findConnection(m.connectionId()), tableOf(m));
  }

  @Override
  public RetryResult retryWrites(ConnectionId id) {
    return requireWrites().retry(findConnection(id), null, null);
  }

  @Override
  public RetryResult retryWrites(MappingId id) {
    Mapping m = findMapping(id);
    return requireWrites().retry(findConnection(m.connectionId()), tableOf(m), null);
  }

  @Override
  public RetryResult retryWrite(ConnectionId id, long entryId) {
    return requireWrites().retry(findConnection(id), null, entryId);
  }

  private WriteControl requireWrites() {
    if (writes == null) {
      throw new ConflictException("this Ferry process has no write path configured");
    }
    return writes;
  }

  private static String tableOf(Mapping m) {
    return PgIdentifiers.fromSalesforceName(m.objectName());
  }

  // ---- helpers

  private void recoverMappings(ConnectionId id, Set<MappingState> from, String reason) {
    for (Mapping m : stores.mappings().list(id)) {
      if (!from.contains(m.state())) continue;
      states.request(
          m.id(), cur -> from.contains(cur.state()) ? RECOVERY : cur.state(), reason, null);
      coordinator.trigger(m.id());
    }
  }

  /**
   * The connection's org was replaced: the connection and its mappings go to INACTIVE_ORG with both
   * ids in the error, and the caller is told to authorize again to switch orgs.
   */
  private void markOrgReplaced(Connection c, String previousOrg, String newOrg) {
    String why =
        "the credentials reach Salesforce org "
            + newOrg
            + ", not org "
            + previousOrg
            + " that connection "
            + c.name()
            + " syncs: the org was replaced (a sandbox refresh?)";
    connectionStates.force(c.id(), ConnectionState.INACTIVE_ORG, why);
    for (Mapping m : stores.mappings().list(c.id())) {
      states.request(
          m.id(),
          cur -> cur.state() == SYNC_REMOVED ? cur.state() : INACTIVE_ORG,
          "Salesforce org replaced",
          why);
    }
    throw new ConflictException(
        why
            + ". The connection is INACTIVE_ORG now; authorize it again with these credentials"
            + " to sync the new org (every mapping is then reloaded from it)");
  }

  /** Every mapping of the connection (but one being deleted) loads its table again. */
  private void reloadMappings(ConnectionId id, String reason) {
    for (Mapping m : stores.mappings().list(id)) {
      states.request(
          m.id(),
          cur -> cur.state() == SYNC_REMOVED || cur.state() == INITIAL ? cur.state() : RELOAD_TABLE,
          reason,
          null);
      coordinator.trigger(m.id());
    }
  }

  private OrgIdentity verify(SalesforceCredentials credentials) {
    SalesforceApi api = clients.openUnstored(credentials);
    try {
      return api.identity();
    } catch (SalesforceAuthException | InactiveOrgException e) {
      throw new ConfigException(
          "Salesforce login at " + credentials.loginUrl() + " failed: " + e.getMessage());
    } finally {
      SalesforceClients.closeQuietly(api);
    }
  }

  private void store(Connection c, SalesforceCredentials credentials, OrgIdentity org) {
    stores.connections().updateCredentials(c.id(), clients.seal(c.id(), credentials));
    stores
        .connections()
        .updateOrg(
            c.id(),
            org.organizationId(),
            org.instanceUrl(),
            credentials.apiVersion() == null ? "" : credentials.apiVersion());
    clients.forget(c.id());
  }

  private SalesforceApi api(Connection c) {
    if (c.credentials() == null) {
      throw new ConflictException(
          "connection " + c.name() + " is not authorized with Salesforce yet (" + c.state() + ")");
    }
    return clients.forConnection(c);
  }

  private ConnectionView view(Connection c) {
    return new ConnectionView(c, stores.mappings().list(c.id()).stream().map(this::view).toList());
  }

  private MappingView view(Mapping m) {
    Connection c = stores.connections().find(m.connectionId()).orElse(null);
    String table = PgIdentifiers.fromSalesforceName(m.objectName());
    long db = 0;
    if (c != null && stores.schemaAdmin().tableExists(c.schemaName(), table)) {
      db = stores.schemaAdmin().rowCount(c.schemaName(), table);
    }
    var sf = sfCounts.get(m.id());
    Instant lastPoll =
        stores.pollWindows().recent(m.id(), 20).stream()
            .filter(w -> w.kind() == PollKind.PRIMARY && w.parentId() == null)
            .filter(w -> w.status() == PollStatus.DONE)
            .map(PollWindow::finishedAt)
            .findFirst()
            .orElse(null);
    Instant watermark = stores.watermarks().read(m.id(), WatermarkKind.CHANGES).orElse(null);
    return new MappingView(
        m,
        db,
        sf.map(SfCounts.Count::rows).orElse(null),
        sf.map(SfCounts.Count::at).orElse(null),
        lastPoll,
        watermark,
        events(m));
  }

  private EventsView events(Mapping m) {
    if (!m.config().sfNotifyEnabled()) return EventsView.off("sf_notify_enabled is false");
    if (cdc == null) return EventsView.off("this Ferry does not listen to change events");
    return cdc.find(m.id())
        .map(EventsView::of)
        .orElseGet(() ->
            new EventsView(
                false,
                "STARTING",
                "waiting for the mapping's load to finish and a listener to subscribe",
                null,
                null,
                null,
                0,
                null));
  }

  private static boolean changesTable(MappingConfig before, MappingConfig after) {
    return !lower(before.fields()).equals(lower(after.fields()))
        || !before.indexes().equals(after.indexes())
        || !java.util.Objects.equals(before.upsertField(), after.upsertField())
        || before.access() != after.access();
  }

  private static Set<String> lower(List<String> names) {
    Set<String> out = new HashSet<>();
    for (String n : names) out.add(n.toLowerCase(Locale.ROOT));
    return out;
  }

  private static List<String> missing(List<String> in, List<String> from) {
    Set<String> have = lower(from);
    return in.stream().filter(f -> !have.contains(f.toLowerCase(Locale.ROOT))).toList();
  }

  private Connection findConnection(ConnectionId id) {
    return stores
        .connections()
        .find(id)
        .orElseThrow(() -> new NotFoundException("no connection " + id));
  }

  private Mapping findMapping(MappingId id) {
    return stores.mappings().find(id).orElseThrow(() -> new NotFoundException("no mapping " + id));
  }
}
