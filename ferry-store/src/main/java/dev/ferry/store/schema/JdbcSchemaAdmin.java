package dev.ferry.store.schema;

import static dev.ferry.store.internal.Sql.id;
import static dev.ferry.store.internal.Sql.qualified;

import dev.ferry.core.error.ConfigException;
import dev.ferry.core.model.ColumnSpec;
import dev.ferry.core.model.IndexSpec;
import dev.ferry.core.model.PgIdentifiers;
import dev.ferry.core.model.TableSpec;
import dev.ferry.core.port.SchemaAdmin;
import dev.ferry.store.internal.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link SchemaAdmin} over JDBC. DDL runs in transactions serialized per schema. */
public final class JdbcSchemaAdmin implements SchemaAdmin {
  private static final Logger log = LoggerFactory.getLogger(JdbcSchemaAdmin.class);
  private static final Pattern VARCHAR = Pattern.compile("character varying\\((\\d+)\\)");

  private final Jdbc jdbc;

  public JdbcSchemaAdmin(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  @Override
  public void bootstrap(String schema, @Nullable String orgId) {
    PgIdentifiers.requireValid(schema);
    jdbc.inTransaction(
        "bootstrap schema " + schema,
        c -> {
          lockSchema(c, "public"); // hstore and get_xmlbinary() are shared by every schema
          lockSchema(c, schema);
          try (Statement s = c.createStatement()) {
            for (String sql : ConnectionSchemaDdl.statements(schema)) s.execute(sql);
          }
          if (orgId != null) recordOrg(c, schema, orgId);
          return null;
        });
    log.atInfo().addKeyValue("schema", schema).log("connection schema ready");
  }

  private static void recordOrg(Connection c, String schema, String orgId) throws SQLException {
    String meta = qualified(schema, "_hcmeta");
    try (PreparedStatement u =
        c.prepareStatement(
            "UPDATE " + meta + " SET org_id = ? WHERE id = (SELECT min(id) FROM " + meta + ")")) {
      u.setString(1, orgId);
      if (u.executeUpdate() > 0) return;
    }
    try (PreparedStatement i =
        c.prepareStatement("INSERT INTO " + meta + " (hcver, org_id, details) VALUES (?, ?, ?)")) {
      i.setInt(1, HCVER);
      i.setString(2, orgId);
      i.setString(3, "ferry");
      i.executeUpdate();
    }
  }

  /** The {@code _hcmeta.hcver} Ferry writes (the schema generation it creates). */
  public static final int HCVER = 4;

  @Override
  public void createTable(String schema, TableSpec table, boolean adoptExisting) {
    jdbc.inTransaction(
        "create table " + schema + "." + table.tableName(),
        c -> {
          lockSchema(c, schema);
          if (exists(c, schema, table.tableName())) {
            evolveExisting(c, schema, table, adoptExisting);
            return null;
          }
          try (Statement s = c.createStatement()) {
            for (String sql : ddl(c, schema, table).create()) s.execute(sql);
          }
          return null;
        });
    log.atInfo()
        .addKeyValue("schema", schema)
        .addKeyValue("table", table.tableName())
        .addKeyValue("access", table.access().jsonValue())
        .log("mapped table ready");
  }

  @Override
  public List<String> evolveTable(String schema, TableSpec table, boolean adoptExisting) {
    List<String> changes =
        jdbc.inTransaction(
            "alter table " + schema + "." + table.tableName(),
            c -> {
              lockSchema(c, schema);
              if (!exists(c, schema, table.tableName())) {
                throw new ConfigException(
                    "table " + schema + "." + table.tableName() + " does not exist");
              }
              return evolveExisting(c, schema, table, adoptExisting);
            });
    if (!changes.isEmpty()) {
      log.atInfo()
          .addKeyValue("schema", schema)
          .addKeyValue("table", table.tableName())
          .addKeyValue("changes", changes)
          .log("mapped table altered");
    }
    return changes;
  }

  /**
   * Aligns a table that exists. One without Ferry's (Heroku Connect's) logger trigger is the
   * application's: refused, unless the mapping asks to adopt it. Adopting only adds (columns,
   * indexes, triggers); it never drops, narrows or deletes anything.
   */
  private List<String> evolveExisting(
      Connection c, String schema, TableSpec table, boolean adoptExisting) throws SQLException {
    String name = schema + "." + table.tableName();
    if (hasTrigger(c, schema, table.tableName(), MappedTableDdl.loggerTrigger(table.tableName()))) {
      return evolve(c, schema, table);
    }
    if (!adoptExisting) {
      throw new ConfigException(
          "table "
              + name
              + " already exists and was not created by Ferry or Heroku Connect: it is left as it"
              + " is. Drop or rename it, or set \"ferry_adopt_existing_table\": true in the mapping's"
              + " config to adopt it (its rows are kept)");
    }
    requireInsertableId(c, schema, table.tableName());
    try (Statement s = c.createStatement()) {
      s.execute("SAVEPOINT ferry_adopt");
    }
    try {
      List<String> changes = new ArrayList<>(evolve(c, schema, table));
      changes.add(0, "adopted existing table " + name);
      return changes;
    } catch (SQLException e) {
      if (!"23505".equals(e.getSQLState())) throw e;
      try (Statement s = c.createStatement()) {
        s.execute("ROLLBACK TO SAVEPOINT ferry_adopt");
      }
      throw new ConfigException(
          "table "
              + name
              + " cannot be adopted: two of its rows have the same sfid (Ferry needs a unique"
              + " sfid; "
              + e.getMessage()
              + ")");
    }
  }

  /** Ferry inserts rows without {@code id}: an adopted table's id must fill itself. */
  private static void requireInsertableId(Connection c, String schema, String table)
      throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT a.attidentity <> '' OR d.adbin IS NOT NULL FROM pg_attribute a"
                + " JOIN pg_class r ON r.oid = a.attrelid"
                + " JOIN pg_namespace n ON n.oid = r.relnamespace"
                + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                + " WHERE n.nspname = ? AND r.relname = ? AND a.attname = 'id'"
                + " AND NOT a.attisdropped")) {
      p.setString(1, schema);
      p.setString(2, table);
      try (ResultSet rs = p.executeQuery()) {
        if (rs.next() && !rs.getBoolean(1)) {
          throw new ConfigException(
              "table "
                  + schema
                  + "."
                  + table
                  + " cannot be adopted: its column id has no default (Ferry inserts rows"
                  + " without id; give it a sequence, e.g. an identity or serial column)");
        }
      }
    }
  }

  private List<String> evolve(Connection c, String schema, TableSpec table) throws SQLException {
    MappedTableDdl ddl = ddl(c, schema, table);
    Map<String, String> existing = columns(c, schema, table.tableName());
    List<String> changes = new ArrayList<>();
    try (Statement s = c.createStatement()) {
      for (ColumnSpec col : table.columns()) {
        String have = existing.get(col.name());
        if (have == null) {
          s.execute("ALTER TABLE " + ddl.tableRef() + " ADD COLUMN " + ddl.columnDefinition(col));
          changes.add("added column " + col.name() + " " + col.type().sql());
        } else if (widens(have, col.type().sql())) {
          s.execute(
              "ALTER TABLE "
                  + ddl.tableRef()
                  + " ALTER COLUMN "
                  + id(col.name())
                  + " TYPE "
                  + col.type().sql());
          changes.add("widened column " + col.name() + " to " + col.type().sql());
        }
      }
      for (IndexSpec i : table.indexes()) {
        if (!indexExists(c, schema, i.name())) {
          s.execute(ddl.createIndex(i));
          changes.add("created index " + i.name());
        }
      }
      for (String sql : ddl.triggers()) s.execute(sql);
    }
    return changes;
  }

  /** A varchar that grows is a "safe" change (§4.4); anything else is left alone. */
  private static boolean widens(String have, String want) {
    Matcher h = VARCHAR.matcher(have);
    Matcher w = VARCHAR.matcher(want);
    if (h.matches() && w.matches()) {
      return Integer.parseInt(w.group(1)) > Integer.parseInt(h.group(1));
    }
    return h.matches() && want.equals("text");
  }

  @Override
  public void setAccess(String schema, TableSpec table) {
    jdbc.inTransaction(
        "set access of " + schema + "." + table.tableName(),
        c -> {
          lockSchema(c, schema);
          try (Statement s = c.createStatement()) {
            s.execute(ddl(c, schema, table).loggerFunctionSql());
          }
          return null;
        });
  }

  @Override
  public void dropTable(String schema, String table) {
    jdbc.inTransaction(
        "drop table " + schema + "." + table,
        c -> {
          lockSchema(c, schema);
          try (Statement s = c.createStatement()) {
            for (String sql : MappedTableDdl.drop(schema, table)) s.execute(sql);
          }
          int ignored = ignoreUnwritten(c, schema, table);
          if (ignored > 0) {
            log.atWarn()
                .addKeyValue("schema", schema)
                .addKeyValue("table", table)
                .addKeyValue("entries", ignored)
                .log(
                    "mapping deleted with changes not yet written to Salesforce: they are IGNORED");
          }
          return null;
        });
  }

  /** Ends the dropped table's unwritten trigger log entries (see {@link #dropTable}). */
  private static int ignoreUnwritten(Connection c, String schema, String table)
      throws SQLException {
    String logTable = qualified(schema, "_trigger_log");
    try (PreparedStatement exists = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
      exists.setString(1, logTable);
      try (ResultSet rs = exists.executeQuery()) {
        if (!rs.next() || !rs.getBoolean(1)) return 0;
      }
    }
    try (PreparedStatement p =
        c.prepareStatement(
            "UPDATE "
                + logTable
                + " SET state = 'IGNORED', sf_result = 2, sf_message = ?,"
                + " processed_at = now(), updated_at = now()"
                + " WHERE table_name = ? AND state IN ('NEW', 'REQUEUE')")) {
      p.setString(1, "not written: the mapping of " + table + " was deleted");
      p.setString(2, table);
      return p.executeUpdate();
    }
  }

  @Override
  public boolean tableExists(String schema, String table) {
    return jdbc.inTransaction(
        "look up table " + schema + "." + table, c -> exists(c, schema, table));
  }

  @Override
  public Map<String, String> columns(String schema, String table) {
    return jdbc.inTransaction(
        "read columns of " + schema + "." + table, c -> columns(c, schema, table));
  }

  @Override
  public long rowCount(String schema, String table) {
    return jdbc.inTransaction(
        "count rows of " + schema + "." + table,
        c -> {
          try (Statement s = c.createStatement();
              ResultSet rs = s.executeQuery("SELECT count(*) FROM " + qualified(schema, table))) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }

  @Override
  public void dropSchema(String schema) {
    jdbc.inTransaction(
        "drop schema " + schema,
        c -> {
          try (Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + id(schema) + " CASCADE");
          }
          return null;
        });
  }

  private static MappedTableDdl ddl(Connection c, String schema, TableSpec table)
      throws SQLException {
    return new MappedTableDdl(schema, table, ucsBasicAvailable(c));
  }

  /** DDL on one schema runs one transaction at a time (CREATE OR REPLACE races otherwise). */
  private static void lockSchema(Connection c, String schema) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
      p.setString(1, "ferry.schema:" + schema);
      p.execute();
    }
  }

  private static boolean exists(Connection c, String schema, String table) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT 1 FROM pg_class r JOIN pg_namespace n ON n.oid = r.relnamespace"
                + " WHERE n.nspname = ? AND r.relname = ? AND r.relkind IN ('r', 'p')")) {
      p.setString(1, schema);
      p.setString(2, table);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static boolean hasTrigger(Connection c, String schema, String table, String trigger)
      throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT 1 FROM pg_trigger t JOIN pg_class r ON r.oid = t.tgrelid"
                + " JOIN pg_namespace n ON n.oid = r.relnamespace"
                + " WHERE n.nspname = ? AND r.relname = ? AND t.tgname = ?")) {
      p.setString(1, schema);
      p.setString(2, table);
      p.setString(3, trigger);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static boolean indexExists(Connection c, String schema, String index)
      throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT 1 FROM pg_class i JOIN pg_namespace n ON n.oid = i.relnamespace"
                + " WHERE n.nspname = ? AND i.relname = ? AND i.relkind = 'i'")) {
      p.setString(1, schema);
      p.setString(2, index);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next();
      }
    }
  }

  static Map<String, String> columns(Connection c, String schema, String table)
      throws SQLException {
    Map<String, String> cols = new LinkedHashMap<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a"
                + " JOIN pg_class r ON r.oid = a.attrelid"
                + " JOIN pg_namespace n ON n.oid = r.relnamespace"
                + " WHERE n.nspname = ? AND r.relname = ? AND a.attnum > 0 AND NOT a.attisdropped"
                + " ORDER BY a.attnum")) {
      p.setString(1, schema);
      p.setString(2, table);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) cols.put(rs.getString(1), rs.getString(2));
      }
    }
    return cols;
  }

  private static boolean ucsBasicAvailable(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT EXISTS (SELECT 1 FROM pg_collation WHERE collname = 'ucs_basic'"
                    + " AND collencoding IN (-1, pg_char_to_encoding(getdatabaseencoding())))"
                    + " AND getdatabaseencoding() = 'UTF8'")) {
      rs.next();
      return rs.getBoolean(1);
    }
  }
}
