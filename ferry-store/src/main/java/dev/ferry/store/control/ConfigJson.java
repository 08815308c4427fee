package dev.ferry.store.control;

import dev.ferry.core.model.Access;
import dev.ferry.core.model.MappingConfig;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stores a {@link MappingConfig} as Heroku Connect's {@code config} JSON, letting Postgres build
 * and take apart the JSON (the store has no JSON library).
 */
final class ConfigJson {
  private ConfigJson() {}

  /** The Heroku Connect keys, from 8 parameters. */
  private static final String HEROKU_CONNECT_KEYS =
      "'access', ?::text,"
          + " 'sf_notify_enabled', ?::boolean,"
          + " 'sf_polling_seconds', ?::integer,"
          + " 'sf_max_daily_api_calls', ?::integer,"
          + " 'fields', (SELECT json_object_agg(f, '{}'::json ORDER BY n)"
          + "   FROM unnest(?::text[]) WITH ORDINALITY AS x(f, n)),"
          + " 'indexes', COALESCE((SELECT json_object_agg(k, json_build_object('unique', u) ORDER BY n)"
          + "   FROM unnest(?::text[], ?::boolean[]) WITH ORDINALITY AS y(k, u, n)), '{}'::json),"
          + " 'upsert_field', ?::text";

  /**
   * SQL expression building the JSON from 17 parameters (see {@link #bind}): Heroku Connect's
   * config, with Ferry's extension key {@code ferry_adopt_existing_table} only when it is set.
   */
  static final String BUILD =
      "CASE WHEN ?::boolean THEN json_build_object("
          + HEROKU_CONNECT_KEYS
          + ", 'ferry_adopt_existing_table', true) ELSE json_build_object("
          + HEROKU_CONNECT_KEYS
          + ") END";

  /** Columns reading the JSON back; prefix each with the config column's name. */
  static String select(String column) {
    return column
        + "->>'access', ("
        + column
        + "->>'sf_notify_enabled')::boolean, ("
        + column
        + "->>'sf_polling_seconds')::integer, ("
        + column
        + "->>'sf_max_daily_api_calls')::integer, "
        + column
        + "->>'upsert_field', ARRAY(SELECT json_object_keys("
        + column
        + "->'fields')), ARRAY(SELECT k FROM json_each("
        + column
        + "->'indexes') AS e(k, v)), ARRAY(SELECT (v->>'unique')::boolean FROM json_each("
        + column
        + "->'indexes') AS e(k, v)), ("
        + column
        + "->>'ferry_adopt_existing_table')::boolean";
  }

  /** Binds the 17 parameters of {@link #BUILD} from {@code first}. */
  static int bind(Connection c, PreparedStatement p, int first, MappingConfig config)
      throws SQLException {
    p.setBoolean(first, config.adoptExistingTable());
    int i = bindHerokuConnectKeys(c, p, first + 1, config);
    return bindHerokuConnectKeys(c, p, i, config);
  }

  private static int bindHerokuConnectKeys(
      Connection c, PreparedStatement p, int first, MappingConfig config) throws SQLException {
    int i = first;
    p.setString(i++, config.access().jsonValue());
    p.setBoolean(i++, config.sfNotifyEnabled());
    p.setInt(i++, config.sfPollingSeconds());
    p.setInt(i++, config.sfMaxDailyApiCalls());
    p.setArray(i++, c.createArrayOf("text", config.fields().toArray()));
    p.setArray(i++, c.createArrayOf("text", config.indexes().keySet().toArray()));
    p.setArray(i++, c.createArrayOf("boolean", config.indexes().values().toArray()));
    p.setString(i++, config.upsertField());
    return i;
  }

  /** Reads the 9 columns of {@link #select} starting at {@code first}. */
  static MappingConfig read(ResultSet rs, int first) throws SQLException {
    int i = first;
    Access access = Access.fromJson(rs.getString(i++));
    Boolean notify = (Boolean) rs.getObject(i++);
    Integer polling = (Integer) rs.getObject(i++);
    Integer budget = (Integer) rs.getObject(i++);
    String upsert = rs.getString(i++);
    List<String> fields = List.of((String[]) array(rs.getArray(i++)));
    String[] indexKeys = (String[]) array(rs.getArray(i++));
    Boolean[] indexUnique = (Boolean[]) array(rs.getArray(i++));
    boolean adopt = Boolean.TRUE.equals(rs.getObject(i));
    Map<String, Boolean> indexes = new LinkedHashMap<>();
    for (int k = 0; k < indexKeys.length; k++)
      indexes.put(indexKeys[k], Boolean.TRUE.equals(indexUnique[k]));
    return new MappingConfig(
        access,
        fields,
        indexes,
        upsert,
        polling == null ? MappingConfig.DEFAULT_POLLING_SECONDS : polling,
        Boolean.TRUE.equals(notify),
        budget == null ? MappingConfig.DEFAULT_MAX_DAILY_API_CALLS : budget,
        adopt);
  }

  private static Object array(Array a) throws SQLException {
    return a.getArray();
  }
}
