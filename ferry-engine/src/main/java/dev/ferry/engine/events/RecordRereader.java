package dev.ferry.engine.events;

import dev.ferry.core.sf.RecordStream;
import dev.ferry.core.soql.Condition;
import dev.ferry.core.soql.Soql;
import dev.ferry.core.store.Connection;
import dev.ferry.core.store.Mapping;
import dev.ferry.core.store.MergeResult;
import dev.ferry.core.store.SinkBatch;
import dev.ferry.core.store.SinkTarget;
import dev.ferry.engine.budget.ApiBudgetGovernor;
import dev.ferry.engine.budget.MeteredSalesforceApi;
import dev.ferry.engine.connect.SalesforceClients;
import dev.ferry.engine.env.EngineConfig;
import dev.ferry.engine.env.SyncStores;
import dev.ferry.engine.plan.MappingModel;
import dev.ferry.engine.plan.ModelCache;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the records a change event names back from Salesforce, by Id with queryAll (200 ids per
 * query; a deleted record comes back with IsDeleted and is removed), and merges them in one
 * transaction without moving the watermark. This catches a long transaction whose SystemModstamp is
 * already behind the watermark, which a window poll misses. The event's payload is never used.
 */
final class RecordRereader {
  static final int IDS_PER_QUERY = 200;

  private final SyncStores stores;
  private final SalesforceClients clients;
  private final ModelCache models;
  private final ApiBudgetGovernor budget;
  private final EngineConfig engine;
  private final InstantSource clock;

  RecordRereader(
      SyncStores stores,
      SalesforceClients clients,
      ModelCache models,
      ApiBudgetGovernor budget,
      EngineConfig engine,
      InstantSource clock) {
    this.stores = stores;
    this.clients = clients;
    this.models = models;
    this.budget = budget;
    this.engine = engine;
    this.clock = clock;
  }

  /** Re-reads {@code ids} of the mapping's object; returns the rows merged or removed. */
  long reread(Mapping mapping, Connection connection, List<String> ids) {
    MeteredSalesforceApi api = new MeteredSalesforceApi(clients.forConnection(connection));
    try {
      MappingModel model = models.peek(mapping.id());
      if (model == null) model = models.get(mapping, api, false).model();
      SinkTarget target =
          new SinkTarget(mapping.id(), connection.schemaName(), model.spec(), engine.deleteMode());
      try (SinkBatch batch = stores.sink().open(target)) {
        for (List<String> chunk : chunks(ids)) {
          Soql soql =
              Soql.select(model.restPaths())
                  .from(model.objectName())
                  .where(Condition.in("Id", chunk))
                  .build();
          try (RecordStream records = api.query(soql, true)) {
            while (records.hasNext()) batch.add(records.next());
          }
        }
        MergeResult r = batch.commit(null);
        return r.changed();
      }
    } finally {
      budget.charge(mapping, connection.orgId(), api, clock.instant());
    }
  }

  static List<List<String>> chunks(List<String> ids) {
    List<List<String>> out = new ArrayList<>();
    for (int i = 0; i < ids.size(); i += IDS_PER_QUERY) {
      out.add(ids.subList(i, Math.min(ids.size(), i + IDS_PER_QUERY)));
    }
    return out;
  }
}
