package dev.ferry.app.serve;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A schema as comparable lines ("facts"): tables, columns with type, NOT NULL and default, primary
 * keys, indexes with their definition, sequences and their owner, functions with their return type,
 * triggers with their definition. Read from a {@code pg_dump} of a Heroku Connect schema, or from a
 * live schema through pg_catalog, in the same words, so the two sets can be diffed.
 */
final class SchemaFacts {
  final TreeSet<String> facts = new TreeSet<>();

  /** Triggers only known by name (a dump that drops them but does not show their CREATE). */
  final TreeSet<String> namedTriggers = new TreeSet<>();

  private static final Pattern TABLE =
      Pattern.compile("CREATE TABLE (\\w+)\\.(\"?\\w+\"?) \\((.*?)\\n\\);", Pattern.DOTALL);
  private static final Pattern DEFAULT =
      Pattern.compile(
          "ALTER TABLE ONLY (\\w+)\\.(\"?\\w+\"?) ALTER COLUMN (\\w+) SET DEFAULT (.+);");
  private static final Pattern PKEY =
      Pattern.compile(
          "ALTER TABLE ONLY (\\w+)\\.(\"?\\w+\"?)\\s+ADD CONSTRAINT (\\w+) PRIMARY KEY \\((.+)\\);");
  private static final Pattern INDEX =
      Pattern.compile("(CREATE (?:UNIQUE )?INDEX (\\w+) ON )(\\w+)\\.(\"?\\w+\"?)( USING .+);");
  private static final Pattern SEQUENCE = Pattern.compile("CREATE SEQUENCE (\\w+)\\.(\\w+)");
  private static final Pattern OWNED =
      Pattern.compile("ALTER SEQUENCE (\\w+)\\.(\\w+) OWNED BY (\\w+)\\.(\"?\\w+\"?)\\.(\\w+);");
  private static final Pattern FUNCTION =
      Pattern.compile("CREATE FUNCTION (\\w+)\\.(\\w+)\\(.*?\\) RETURNS (\\w+)");
  private static final Pattern TRIGGER =
      Pattern.compile("CREATE TRIGGER (\\w+) (.+?) ON (\\w+)\\.(\"?\\w+\"?) (.+);");
  private static final Pattern DROP_TRIGGER =
      Pattern.compile("DROP TRIGGER IF EXISTS (\\w+) ON (\\w+)\\.(\"?\\w+\"?);");

  /** The facts a {@code pg_dump} (schema only, plain format) declares for {@code schema}. */
  static SchemaFacts ofDump(String dump, String schema) {
    SchemaFacts s = new SchemaFacts();
    Map<String, String> defaults = new LinkedHashMap<>();
    for (Matcher m = DEFAULT.matcher(dump); m.find(); ) {
      defaults.put(unquote(m.group(2)) + "." + m.group(3), m.group(4));
    }
    for (Matcher m = TABLE.matcher(dump); m.find(); ) {
      String table = unquote(m.group(2));
      s.facts.add("table " + table);
      for (String line : m.group(3).split(",\\n")) {
        String l = line.strip();
        int sp = l.indexOf(' ');
        String column = unquote(l.substring(0, sp));
        String rest = l.substring(sp + 1);
        String dflt = null;
        int d = rest.indexOf(" DEFAULT ");
        if (d >= 0) {
          dflt = rest.substring(d + " DEFAULT ".length());
          rest = rest.substring(0, d);
        }
        boolean notNull = rest.endsWith(" NOT NULL");
        String type = notNull ? rest.substring(0, rest.length() - " NOT NULL".length()) : rest;
        if (dflt == null) dflt = defaults.get(table + "." + column);
        s.column(table, column, type, notNull, dflt);
      }
    }
    for (Matcher m = PKEY.matcher(dump); m.find(); ) {
      s.facts.add(
          "primary key " + unquote(m.group(2)) + " " + m.group(3) + " (" + m.group(4) + ")");
    }
    for (Matcher m = INDEX.matcher(dump); m.find(); ) {
      s.index(unquote(m.group(4)), m.group(2), m.group(1) + "<table>" + m.group(5));
    }
    for (Matcher m = SEQUENCE.matcher(dump); m.find(); ) {
      s.facts.add("sequence " + m.group(2));
    }
    for (Matcher m = OWNED.matcher(dump); m.find(); ) {
      s.facts.add("sequence " + m.group(2) + " owned by " + unquote(m.group(4)) + "." + m.group(5));
    }
    for (Matcher m = FUNCTION.matcher(dump); m.find(); ) {
      s.facts.add("function " + m.group(2) + " returns " + m.group(3));
    }
    for (Matcher m = TRIGGER.matcher(dump); m.find(); ) {
      String table = unquote(m.group(4));
      s.facts.add("trigger " + table + "." + m.group(1));
      s.facts.add(
          "trigger "
              + table
              + "."
              + m.group(1)
              + " "
              + m.group(2)
              + " "
              + m.group(5).replace(m.group(3) + ".", ""));
    }
    for (Matcher m = DROP_TRIGGER.matcher(dump); m.find(); ) {
      String name = unquote(m.group(3)) + "." + m.group(1);
      if (!s.facts.contains("trigger " + name)) {
        s.facts.add("trigger " + name);
        s.namedTriggers.add(name);
      }
    }
    return s;
  }

  /**
   * The facts of a live schema. Triggers in {@code namedOnly} are compared by name only (their
   * definition is unknown on the other side).
   */
  static SchemaFacts ofDatabase(Connection db, String schema, TreeSet<String> namedOnly)
      throws SQLException {
    SchemaFacts s = new SchemaFacts();
    for (String[] r :
        rows(
            db,
            "SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,"
                + " pg_get_expr(d.adbin, d.adrelid),"
                + " CASE WHEN a.attcollation <> t.typcollation THEN co.collname END"
                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0"
                + " AND NOT a.attisdropped JOIN pg_type t ON t.oid = a.atttypid"
                + " LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum"
                + " LEFT JOIN pg_collation co ON co.oid = a.attcollation"
                + " WHERE n.nspname = ? AND c.relkind = 'r'",
            schema)) {
      s.facts.add("table " + r[0]);
      String type = r[5] == null ? r[2] : r[2] + " COLLATE pg_catalog." + r[5];
      s.column(r[0], r[1], type, "t".equals(r[3]), r[4]);
    }
    for (String[] r :
        rows(
            db,
            "SELECT c.relname, k.conname, pg_get_constraintdef(k.oid) FROM pg_constraint k"
                + " JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n"
                + " ON n.oid = c.relnamespace WHERE n.nspname = ? AND k.contype = 'p'",
            schema)) {
      s.facts.add(
          "primary key " + r[0] + " " + r[1] + " " + r[2].substring("PRIMARY KEY ".length()));
    }
    for (String[] r :
        rows(
            db,
            "SELECT i.tablename, i.indexname, i.indexdef FROM pg_indexes i"
                + " WHERE i.schemaname = ? AND NOT EXISTS (SELECT 1 FROM pg_constraint k"
                + " WHERE k.conname = i.indexname AND k.contype = 'p')",
            schema)) {
      Matcher m = INDEX.matcher(r[2] + ";");
      if (!m.matches()) throw new AssertionError("unexpected index definition " + r[2]);
      s.index(r[0], r[1], m.group(1) + "<table>" + m.group(5));
    }
    for (String[] r :
        rows(
            db,
            "SELECT c.relname, t.relname, a.attname FROM pg_class c JOIN pg_namespace n"
                + " ON n.oid = c.relnamespace LEFT JOIN pg_depend d ON d.objid = c.oid"
                + " AND d.deptype = 'a' AND d.refobjsubid > 0"
                + " LEFT JOIN pg_class t ON t.oid = d.refobjid"
                + " LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid"
                + " AND a.attnum = d.refobjsubid WHERE n.nspname = ? AND c.relkind = 'S'",
            schema)) {
      s.facts.add("sequence " + r[0]);
      if (r[1] != null) s.facts.add("sequence " + r[0] + " owned by " + r[1] + "." + r[2]);
    }
    for (String[] r :
        rows(
            db,
            "SELECT p.proname, format_type(p.prorettype, NULL) FROM pg_proc p"
                + " JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = ?",
            schema)) {
      s.facts.add("function " + r[0] + " returns " + r[1]);
    }
    for (String[] r :
        rows(
            db,
            "SELECT c.relname, t.tgname, pg_get_triggerdef(t.oid) FROM pg_trigger t"
                + " JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n"
                + " ON n.oid = c.relnamespace WHERE n.nspname = ? AND NOT t.tgisinternal",
            schema)) {
      String name = r[0] + "." + r[1];
      s.facts.add("trigger " + name);
      if (namedOnly.contains(name)) continue;
      Matcher m = TRIGGER.matcher(r[2] + ";");
      if (!m.matches()) throw new AssertionError("unexpected trigger definition " + r[2]);
      s.facts.add(
          "trigger " + name + " " + m.group(2) + " " + m.group(5).replace(schema + ".", ""));
    }
    return s;
  }

  private void column(
      String table,
      String column,
      String type,
      boolean notNull,
      @org.jspecify.annotations.Nullable String dflt) {
    facts.add(
        "column "
            + table
            + "."
            + column
            + " "
            + type
            + (notNull ? " NOT NULL" : "")
            + (dflt == null ? "" : " DEFAULT " + dflt));
  }

  private void index(String table, String name, String definition) {
    facts.add("index " + table + "." + name + " " + definition.replace("\"", ""));
  }

  private static String unquote(String s) {
    return s.replace("\"", "");
  }

  private static java.util.List<String[]> rows(Connection db, String sql, String schema)
      throws SQLException {
    java.util.List<String[]> out = new java.util.ArrayList<>();
    try (PreparedStatement p = db.prepareStatement(sql)) {
      p.setString(1, schema);
      try (ResultSet rs = p.executeQuery()) {
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          String[] row = new String[n];
          for (int i = 0; i < n; i++) row[i] = rs.getString(i + 1);
          out.add(row);
        }
      }
    }
    return out;
  }
}
