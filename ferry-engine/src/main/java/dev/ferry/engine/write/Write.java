package dev.ferry.engine.write;

import dev.ferry.core.sf.SaveOperation;
import dev.ferry.core.sf.SaveRequest;
import dev.ferry.core.store.ChangeEntry;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A change resolved into exactly what is sent to Salesforce.
 *
 * @param op CREATE, UPSERT (on the mapping's upsert field), UPDATE or DELETE (by sfid)
 * @param sfid the record for UPDATE and DELETE
 * @param fields typed values by Salesforce field name ({@link dev.ferry.core.sf.ExternalRef}s under
 *     {@code Relationship.Field})
 * @param key how Bulk results are matched back: the upsert value (UPSERT) or the sfid
 * @param lastop the row's {@code _hc_lastop} when Salesforce accepts it
 */
record Write(
    Change change,
    SaveOperation op,
    @Nullable String sfid,
    Map<String, @Nullable Object> fields,
    @Nullable String key,
    String lastop) {

  SaveRequest request(String object) {
    boolean byId = op == SaveOperation.UPDATE || op == SaveOperation.DELETE;
    return op == SaveOperation.DELETE
        ? SaveRequest.delete(object, sfid)
        : new SaveRequest(object, byId ? sfid : null, fields);
  }

  List<ChangeEntry> entries() {
    return change.entries();
  }

  List<Long> entryIds() {
    return change.entries().stream().map(ChangeEntry::id).toList();
  }

  String table() {
    return change.table();
  }

  int recordId() {
    return change.recordId();
  }
}
