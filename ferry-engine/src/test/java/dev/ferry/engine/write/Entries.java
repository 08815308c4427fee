package dev.ferry.engine.write;

import dev.ferry.core.model.Access;
import dev.ferry.core.model.MappingConfig;
import dev.ferry.core.model.TableDesigner;
import dev.ferry.core.model.TableSpec;
import dev.ferry.core.state.MappingState;
import dev.ferry.core.store.ChangeEntry;
import dev.ferry.core.store.EntryAction;
import dev.ferry.core.store.EntryState;
import dev.ferry.core.store.Mapping;
import dev.ferry.engine.plan.MappingModel;
import dev.ferry.testkit.sf.Describes;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Trigger-log entries and a Contact write target for unit tests, without a database. */
final class Entries {
  private Entries() {}

  private static long next = 1;

  static final List<String> FIELDS =
      List.of(
          "Id",
          "IsDeleted",
          "SystemModstamp",
          "FirstName",
          "LastName",
          "Email",
          "Birthdate",
          "HasOptedOutOfEmail",
          "Score__c",
          "AccountId",
          "Contact_UUID__c",
          "Account__External_Id__c");

  static WriteTarget contact(@Nullable String upsertField) {
    MappingConfig config = MappingConfig.of(Access.READ_WRITE, FIELDS).withUpsertField(upsertField);
    var parents = Map.of("Account", Describes.account());
    TableSpec spec = TableDesigner.herokuConnect().design(Describes.contact(), config, parents);
    MappingModel model = MappingModel.of(Describes.contact(), parents, spec);
    Mapping mapping =
        new Mapping(
            dev.ferry.core.id.MappingId.random(),
            dev.ferry.core.id.ConnectionId.random(),
            "Contact",
            config,
            1,
            MappingState.DATA_SYNCED,
            0,
            null,
            null,
            Instant.EPOCH,
            Instant.EPOCH,
            Instant.EPOCH);
    return new WriteTarget(mapping, model);
  }

  static ChangeEntry insert(int record, String... kv) {
    return entry(EntryAction.INSERT, record, null, Map.of(), map(kv));
  }

  static ChangeEntry update(int record, @Nullable String sfid, String... kv) {
    return entry(EntryAction.UPDATE, record, sfid, Map.of(), map(kv));
  }

  static ChangeEntry delete(int record, @Nullable String sfid) {
    return entry(EntryAction.DELETE, record, sfid, Map.of(), Map.of());
  }

  static ChangeEntry entry(
      EntryAction action,
      int record,
      @Nullable String sfid,
      Map<String, @Nullable String> old,
      Map<String, @Nullable String> values) {
    return entry("contact", action, record, sfid, old, values);
  }

  static synchronized ChangeEntry entry(
      String table,
      EntryAction action,
      int record,
      @Nullable String sfid,
      Map<String, @Nullable String> old,
      Map<String, @Nullable String> values) {
    return new ChangeEntry(
        next++,
        1,
        action,
        table,
        record,
        sfid,
        old,
        values,
        EntryState.PENDING,
        Instant.EPOCH,
        Instant.EPOCH,
        null,
        null);
  }

  static Map<String, @Nullable String> map(String... kv) {
    Map<String, @Nullable String> m = new LinkedHashMap<>();
    for (int i = 0; i + 1 < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
    return m;
  }
}
