package dev.ferry.app.wiring;

import dev.ferry.core.config.Settings;
import dev.ferry.core.port.SalesforceConnector;
import dev.ferry.engine.FerryEngine;
import dev.ferry.engine.env.SyncStores;
import dev.ferry.engine.write.WriteStores;
import dev.ferry.salesforce.CallListener;
import dev.ferry.salesforce.HttpSalesforceConnector;
import dev.ferry.salesforce.SalesforceSettings;
import dev.ferry.store.JdbcStores;
import java.time.InstantSource;

/** The real parts: the sync engine on db-scheduler and the HTTP Salesforce client. */
public final class Production {
  private Production() {}

  public static FerryNode.Options options(InstantSource clock) {
    return new FerryNode.Options(
        clock, Production::startEngine, Production::salesforceConnector, null, null);
  }

  static EngineStarter.RunningEngine startEngine(NodeInfrastructure infra) {
    JdbcStores s = infra.stores();
    FerryEngine engine =
        FerryEngine.builder()
            .stores(
                new SyncStores(
                    s.connections(),
                    s.mappings(),
                    s.watermarks(),
                    s.tableSink(),
                    s.schemaAdmin(),
                    s.pollWindows(),
                    s.jobSlots(),
                    s.apiBudget(),
                    s.notifications()))
            .dataSource(infra.dataSource())
            .connector(infra.salesforce())
            .secretBox(infra.secretBox())
            .settings(infra.settings())
            .clock(infra.clock())
            .writeStores(new WriteStores(s.triggerLogs(), s.writeBatches()))
            .cdcStore(s.cdc())
            .events(infra.events())
            .build();
    engine.start();
    return new EngineStarter.RunningEngine(engine.service(), engine);
  }

  public static SalesforceConnector salesforceConnector(Settings settings, InstantSource clock) {
    return salesforceConnector(settings, clock, CallListener.NONE);
  }

  /** The client, every request counted by {@code calls} (metrics). */
  public static SalesforceConnector salesforceConnector(
      Settings settings, InstantSource clock, CallListener calls) {
    return new HttpSalesforceConnector(
        () -> SalesforceSettings.builder(settings).clock(clock).callListener(calls));
  }
}
