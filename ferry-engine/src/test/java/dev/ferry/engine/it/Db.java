package dev.ferry.engine.it;

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

/** Plain SQL for assertions, as an application would see the tables (its own session). */
public final class Db {
  private final DataSource ds;

  public Db(DataSource ds) {
    this.ds = ds;
  }

  public List<Map<String, Object>> rows(String sql) {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      List<Map<String, Object>> out = new ArrayList<>();
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= md.getColumnCount(); i++)
          row.put(md.getColumnName(i), rs.getObject(i));
        out.add(row);
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  public long count(String sql) {
    Object v = rows(sql).get(0).values().iterator().next();
    return ((Number) v).longValue();
  }

  public Object value(String sql) {
    List<Map<String, Object>> r = rows(sql);
    return r.isEmpty() ? null : r.get(0).values().iterator().next();
  }

  public void execute(String sql) {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }
}
