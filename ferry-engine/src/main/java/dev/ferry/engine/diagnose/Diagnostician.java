package dev.ferry.engine.diagnose;

import dev.ferry.core.control.Check;
import dev.ferry.core.control.Diagnosis;
import dev.ferry.core.control.MappingDiagnosis;
import dev.ferry.core.model.PgIdentifiers;
import dev.ferry.core.port.CdcStore;
import dev.ferry.core.port.SalesforceApi;
import dev.ferry.core.port.TriggerLogs;
import dev.ferry.core.port.WriteErrorLog;
import dev.ferry.core.sf.SObjectDescribe;
import dev.ferry.core.store.Connection;
import dev.ferry.core.store.Mapping;
import dev.ferry.engine.connect.SalesforceClients;
import dev.ferry.engine.diagnose.ConnectionChecks.WriteFacts;
import dev.ferry.engine.env.EngineConfig;
import dev.ferry.engine.env.SyncStores;
import dev.ferry.engine.write.WriteControl;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Runs the diagnostic checks (docs/diagnostics.md) of a connection and its mappings from what Ferry
 * recorded (states, poll windows, API usage, slots, the trigger log) and, for the field checks, the
 * objects' describes. Reads only: diagnosing never changes anything.
 */
public final class Diagnostician {
  private final SalesforceClients clients;
  private final @Nullable TriggerLogs triggerLogs;
  private final InstantSource clock;
  private final ConnectionChecks connectionChecks;
  private final MappingChecks mappingChecks;

  public Diagnostician(
      SyncStores stores,
      SalesforceClients clients,
      @Nullable TriggerLogs triggerLogs,
      EngineConfig config,
      InstantSource clock,
      @Nullable CdcStore cdc,
      Duration safetyPoll) {
    this.clients = clients;
    this.triggerLogs = triggerLogs;
    this.clock = clock;
    this.connectionChecks =
        new ConnectionChecks(
            stores.apiBudget(), stores.jobSlots(), config.apiBudgetPercent(), config.bulkMaxJobs());
    this.mappingChecks =
        new MappingChecks(
            stores.pollWindows(), stores.apiBudget(), config.driftEnabled(), cdc, safetyPoll);
  }

  public Diagnosis diagnose(Connection c, List<Mapping> mappings) {
    Instant now = clock.instant();
    Supplier<SalesforceApi> api = api(c);
    WriteErrorLog log = writeErrors(c);
    List<Check> checks = connectionChecks.run(c, mappings, api, log, failed(log, null, now), now);
    List<MappingDiagnosis> perMapping = new ArrayList<>();
    for (Mapping m : mappings) perMapping.add(mapping(c, m, api, log, now));
    return new Diagnosis(c.id(), now, checks, perMapping);
  }

  public MappingDiagnosis diagnose(Connection c, Mapping m) {
    WriteErrorLog log = writeErrors(c);
    return mapping(c, m, api(c), log, clock.instant());
  }

  private MappingDiagnosis mapping(
      Connection c,
      Mapping m,
      Supplier<SalesforceApi> api,
      @Nullable WriteErrorLog log,
      Instant now) {
    List<Check> checks = new ArrayList<>();
    checks.addAll(
        mappingChecks.run(
            c, m, failed(log, PgIdentifiers.fromSalesforceName(m.objectName()), now), now));
    SObjectDescribe describe = null;
    String why = "";
    if (c.credentials() == null) {
      why = "The connection is not authorized: the object cannot be described.";
    } else {
      try {
        describe = api.get().describe(m.objectName());
      } catch (RuntimeException e) {
        why = "Could not describe " + m.objectName() + ": " + e.getMessage();
      }
    }
    checks.addAll(FieldChecks.run(m, describe, why));
    return new MappingDiagnosis(m.id(), m.objectName(), checks);
  }

  private Supplier<SalesforceApi> api(Connection c) {
    SalesforceApi[] open = new SalesforceApi[1];
    return () -> {
      if (open[0] == null) open[0] = clients.forConnection(c);
      return open[0];
    };
  }

  private @Nullable WriteErrorLog writeErrors(Connection c) {
    return triggerLogs == null ? null : triggerLogs.writeErrors(c.schemaName());
  }

  private static WriteFacts failed(
      @Nullable WriteErrorLog log, @Nullable String table, Instant now) {
    if (log == null) return new WriteFacts("This Ferry process has no write path configured.", 0);
    try {
      return new WriteFacts(
          null, log.countFailedSince(now.minus(WriteControl.ERRORS_PERIOD), table));
    } catch (RuntimeException e) {
      return new WriteFacts("Could not read the trigger log: " + e.getMessage(), 0);
    }
  }
}
