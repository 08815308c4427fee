package dev.ferry.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresExtensionTest {
  @RegisterExtension static final PostgresExtension PG = new PostgresExtension();

  @Test
  void givesAFreshDatabaseWithANonUtcSessionZone() throws SQLException {
    try (Connection c = PG.dataSource().getConnection();
        Statement s = c.createStatement()) {
      assertThat(scalar(s, "SELECT current_database()")).isEqualTo(PG.databaseName());
      assertThat(scalar(s, "SHOW TimeZone")).isEqualTo(PostgresExtension.SESSION_TIME_ZONE);
      assertThat(PG.databaseName()).startsWith("ferry_postgresextensiontest_");
      assertThat(scalar(s, "SHOW server_encoding")).isEqualTo("UTF8");
    }
  }

  @Test
  void embeddedServerRestartsOnTheSamePortAndKeepsData() throws SQLException {
    PostgresServer server = PostgresExtension.server();
    assumeTrue(server.isEmbedded(), "restart needs the embedded server");
    try (Connection c = PG.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE kept(x int); INSERT INTO kept VALUES (42)");
    }
    int port = server.port();

    server.stop();
    assertThat(server.isRunning()).isFalse();
    assertThatThrownBy(() -> DriverManager.getConnection(PG.jdbcUrl()).close())
        .isInstanceOf(SQLException.class);

    server.start();
    assertThat(server.port()).isEqualTo(port);
    // Pooled connections died with the server; a new session sees the data.
    try (Connection c = DriverManager.getConnection(PG.jdbcUrl());
        Statement s = c.createStatement()) {
      assertThat(scalar(s, "SELECT x FROM kept")).isEqualTo("42");
    }
  }

  @Test
  void replacesTheDatabaseOfAnExternalUrl() {
    assertThat(
            PostgresServer.replaceDatabase(
                "jdbc:postgresql://127.0.0.1:5432/test?user=postgres", "other"))
        .isEqualTo("jdbc:postgresql://127.0.0.1:5432/other?user=postgres");
    assertThat(PostgresServer.replaceDatabase("jdbc:postgresql://h:1/test", "x"))
        .isEqualTo("jdbc:postgresql://h:1/x");
  }

  private static String scalar(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
