package dev.ferry.store.changelog;

import static dev.ferry.store.internal.Rows.instant;
import static dev.ferry.store.internal.Sql.qualified;

import dev.ferry.core.model.PgIdentifiers;
import dev.ferry.core.store.ChangeEntry;
import dev.ferry.core.store.EntryAction;
import dev.ferry.core.store.EntryState;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A connection schema's {@code _trigger_log} and {@code _trigger_log_archive} (quoted and
 * qualified), and how an entry is read from either.
 */
record TriggerLogTables(String schema, String log, String archive) {

  static TriggerLogTables of(String schema) {
    PgIdentifiers.requireValid(schema);
    return new TriggerLogTables(
        schema, qualified(schema, "_trigger_log"), qualified(schema, "_trigger_log_archive"));
  }

  /** The columns {@link #read} maps. */
  static final String ENTRY_COLUMNS = entryColumns("");

  /** The columns {@link #read} maps, qualified by {@code alias} (with its dot) when given. */
  static String entryColumns(String alias) {
    return """
    %1$sid AS id, %1$stxid AS txid, %1$saction AS action, %1$stable_name AS table_name,
    %1$srecord_id AS record_id, %1$ssfid AS sfid, %1$sstate AS state,
    %1$screated_at AS created_at, %1$supdated_at AS updated_at,
    %1$ssf_result AS sf_result, %1$ssf_message AS sf_message,
    public.hstore_to_array(%1$sold::public.hstore) AS old_kv,
    public.hstore_to_array(%1$s"values"::public.hstore) AS values_kv\
    """
        .formatted(alias);
  }

  /** The entries a statement selecting {@link #entryColumns} returns. */
  static List<ChangeEntry> read(PreparedStatement p) throws SQLException {
    List<ChangeEntry> out = new ArrayList<>();
    try (ResultSet rs = p.executeQuery()) {
      while (rs.next()) {
        out.add(
            new ChangeEntry(
                rs.getLong("id"),
                rs.getLong("txid"),
                EntryAction.valueOf(rs.getString("action")),
                rs.getString("table_name"),
                rs.getInt("record_id"),
                rs.getString("sfid"),
                pairs(rs.getArray("old_kv")),
                pairs(rs.getArray("values_kv")),
                EntryState.valueOf(rs.getString("state")),
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                (Integer) rs.getObject("sf_result"),
                rs.getString("sf_message")));
      }
    }
    return out;
  }

  /** {k1, v1, k2, v2, ...} from hstore_to_array. */
  private static Map<String, @Nullable String> pairs(@Nullable Array array) throws SQLException {
    Map<String, @Nullable String> m = new LinkedHashMap<>();
    if (array == null) return m;
    String[] kv = (String[]) array.getArray();
    for (int i = 0; i + 1 < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
    return m;
  }
}
