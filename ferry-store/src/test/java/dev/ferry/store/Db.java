package dev.ferry.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** Tiny SQL helpers for tests: run statements, read rows as maps of text. */
public final class Db {
  private final DataSource dataSource;

  public Db(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public void exec(String... sql) {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      for (String q : sql) s.execute(q);
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /** Rows as column → text value (getString), in order. */
  public List<Map<String, String>> rows(String sql) {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      List<Map<String, String>> rows = new ArrayList<>();
      while (rs.next()) {
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 1; i <= md.getColumnCount(); i++)
          row.put(md.getColumnLabel(i), rs.getString(i));
        rows.add(row);
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  public List<String> column(String sql) {
    return rows(sql).stream().map(r -> r.values().iterator().next()).toList();
  }

  public String scalar(String sql) {
    List<String> c = column(sql);
    if (c.size() != 1)
      throw new IllegalStateException("expected one row, got " + c.size() + ": " + sql);
    return c.get(0);
  }

  public long count(String sql) {
    return Long.parseLong(scalar(sql));
  }
}
