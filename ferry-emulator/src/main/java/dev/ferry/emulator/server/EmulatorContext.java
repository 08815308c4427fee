package dev.ferry.emulator.server;

import dev.ferry.emulator.auth.JwtBearerVerifier;
import dev.ferry.emulator.auth.TokenService;
import dev.ferry.emulator.bulk.BulkControls;
import dev.ferry.emulator.bulk.BulkService;
import dev.ferry.emulator.cdc.ChangeDataCapture;
import dev.ferry.emulator.control.ApiUsage;
import dev.ferry.emulator.control.FaultInjector;
import dev.ferry.emulator.control.RecordFaults;
import dev.ferry.emulator.control.ShiftableClock;
import dev.ferry.emulator.control.Stats;
import dev.ferry.emulator.org.IdGenerator;
import dev.ferry.emulator.org.OrgDefinition;
import dev.ferry.emulator.org.OrgIdentity;
import dev.ferry.emulator.org.OrgSeeder;
import dev.ferry.emulator.org.OrgStore;
import dev.ferry.emulator.org.QueryCursors;
import dev.ferry.emulator.org.RecordSaver;
import org.jspecify.annotations.Nullable;

/** Everything a request handler can reach: the org, its users and tokens, limits and controls. */
public final class EmulatorContext implements AutoCloseable {
  private final EmulatorOptions options;
  private final ShiftableClock clock;
  private final OrgDefinition definition;
  private final OrgSeeder seeder;
  private final OrgStore store;
  private final TokenService tokens;
  private final ApiUsage apiUsage;
  private final FaultInjector faults;
  private final RecordFaults recordFaults = new RecordFaults();
  private final Stats stats = new Stats();
  private final QueryCursors cursors;
  private final BulkService bulk;
  private final ChangeDataCapture cdc;
  private final @Nullable JwtBearerVerifier jwt;
  private volatile OrgIdentity identity;
  private volatile boolean active = true;
  private volatile String baseUrl = "";

  public EmulatorContext(EmulatorOptions options) {
    this.options = options;
    this.clock = new ShiftableClock(options.clock());
    this.definition =
        options.orgFile() == null
            ? OrgDefinition.defaultOrg()
            : OrgDefinition.read(options.orgFile());
    this.jwt =
        options.jwtCertificate() == null
            ? null
            : JwtBearerVerifier.fromPem(options.jwtCertificate());
    this.seeder = new OrgSeeder(definition, options.generate(), options.seed(), options.username());
    this.store = new OrgStore(definition.schema(), clock, new IdGenerator(options.seed()));
    this.identity = seeder.seed(store);
    this.cdc =
        new ChangeDataCapture(
            store::schema,
            () -> identity.userId(),
            clock,
            options.changeEventEntities(),
            options.eventRetention(),
            options.deliveryAllocation(),
            options.seed());
    store.commitListener(cdc);
    this.tokens = new TokenService(clock, options.tokenTtl());
    tokens.org(identity.orgId());
    this.apiUsage = new ApiUsage(options.apiLimit());
    this.faults = new FaultInjector(options.seed());
    this.cursors = new QueryCursors(clock, options.queryLocatorTtl(), options.seed());
    this.bulk =
        new BulkService(
            store,
            this::saver,
            recordFaults,
            new BulkControls(clock, options.bulkDailyRecordLimit()),
            options.bulkBatchTimeout(),
            options.bulkMinProcessing(),
            options.seed());
  }

  /** Back to the org definition and generated data; sessions stay valid. */
  public synchronized void reset() {
    cdc.withoutEvents(() -> {
      store.reset(definition.schema());
      identity = seeder.seed(store);
    });
    tokens.org(identity.orgId());
    apiUsage.setLimit(options.apiLimit());
    apiUsage.setUsed(0);
    faults.clear();
    recordFaults.clear();
    stats.reset();
    cursors.clear();
    bulk.reset();
    cdc.reset();
    active = true;
  }

  public EmulatorOptions options() {
    return options;
  }

  /** The clock every part of the emulator reads (the configured one, shiftable forward). */
  public ShiftableClock clock() {
    return clock;
  }

  public OrgStore store() {
    return store;
  }

  public OrgIdentity identity() {
    return identity;
  }

  public RecordSaver saver() {
    return new RecordSaver(identity.userId());
  }

  public TokenService tokens() {
    return tokens;
  }

  public ApiUsage apiUsage() {
    return apiUsage;
  }

  public FaultInjector faults() {
    return faults;
  }

  public RecordFaults recordFaults() {
    return recordFaults;
  }

  public Stats stats() {
    return stats;
  }

  public QueryCursors cursors() {
    return cursors;
  }

  /** Change Data Capture: entity selection, the event log, the delivery allocation. */
  public ChangeDataCapture cdc() {
    return cdc;
  }

  public BulkService bulk() {
    return bulk;
  }

  public @Nullable JwtBearerVerifier jwt() {
    return jwt;
  }

  public boolean active() {
    return active;
  }

  /** Deactivates (every token dies, logins fail with inactive_org) or reactivates the org. */
  public void active(boolean on) {
    this.active = on;
    if (!on) {
      tokens.revokeEverything();
    }
  }

  /**
   * A sandbox refresh: the same login now reaches a new org (a new organization id), and every
   * session, refresh token and pending code of the old org dies. The records stay (a refreshed
   * sandbox is a copy). Returns the new organization id.
   */
  public synchronized String refreshSandbox() {
    String orgId = store.write(tx -> tx.newId(tx.table("Organization").orElseThrow().def()));
    OrgIdentity old = identity;
    identity = new OrgIdentity(orgId, old.userId(), old.username(), old.displayName(), old.email());
    tokens.org(orgId);
    tokens.revokeEverything();
    return orgId;
  }

  public String baseUrl() {
    return baseUrl;
  }

  public void baseUrl(String url) {
    this.baseUrl = url;
  }

  @Override
  public void close() {
    bulk.close();
  }
}
