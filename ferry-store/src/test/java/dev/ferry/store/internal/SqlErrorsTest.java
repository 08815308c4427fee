package dev.ferry.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.ferry.core.error.DatabaseAccessException;
import dev.ferry.core.error.DatabaseConstraintException;
import dev.ferry.core.error.DatabaseException;
import dev.ferry.core.error.DatabaseUnavailableException;
import dev.ferry.core.error.FerryException;
import dev.ferry.core.error.RetriableException;
import dev.ferry.store.StoreDataSources;
import dev.ferry.store.control.ControlSchema;
import dev.ferry.store.control.JdbcConnectionStore;
import dev.ferry.testkit.PostgresExtension;
import dev.ferry.testkit.PostgresServer;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SqlErrorsTest {
  @RegisterExtension static final PostgresExtension PG = new PostgresExtension();

  @Test
  void classifiesBySqlState() {
    assertThat(classify("08006"))
        .isInstanceOf(DatabaseUnavailableException.class)
        .isInstanceOf(RetriableException.class);
    assertThat(classify("40001")).isInstanceOf(DatabaseUnavailableException.class);
    assertThat(classify("40P01")).isInstanceOf(DatabaseUnavailableException.class);
    assertThat(classify("57P01")).isInstanceOf(DatabaseUnavailableException.class);
    assertThat(classify("57P03")).isInstanceOf(DatabaseUnavailableException.class);
    assertThat(classify("28P01")).isInstanceOf(DatabaseAccessException.class);
    assertThat(classify("23505")).isInstanceOf(DatabaseConstraintException.class);
    assertThat(classify("42P01")).isInstanceOf(DatabaseException.class);
    assertThat(SqlErrors.classify("x", new SQLTransientConnectionException("pool timeout")))
        .isInstanceOf(DatabaseUnavailableException.class);
    FerryException e = classify("23505");
    assertThat(e).hasMessage("merge into salesforce.contact (mapping m1): boom (SQLState 23505)");
    assertThat(((DatabaseConstraintException) e).operation())
        .isEqualTo("merge into salesforce.contact (mapping m1)");
  }

  @Test
  void wrongPasswordIsPermanent() {
    assumeTrue(PostgresServer.get().isEmbedded(), "needs a server that checks passwords");
    HikariConfig c = PG.hikariConfig();
    c.setJdbcUrl(c.getJdbcUrl().replace("user=postgres", "user=nobody"));
    c.setInitializationFailTimeout(-1);
    c.setConnectionTimeout(2000);
    try (HikariDataSource ds = StoreDataSources.pooled(c)) {
      assertThatThrownBy(() -> new JdbcConnectionStore(ds, () -> Instant.EPOCH).list())
          .isInstanceOfAny(DatabaseAccessException.class, DatabaseUnavailableException.class)
          .hasMessageContaining("list connections");
    }
  }

  @Test
  void aStoppedServerIsRetriableAndWorkResumesWhenItIsBack() {
    PostgresServer server = PostgresExtension.server();
    assumeTrue(server.isEmbedded(), "needs the embedded server to stop it");
    HikariConfig c = PG.hikariConfig();
    c.setConnectionTimeout(1000);
    try (HikariDataSource ds = StoreDataSources.pooled(c)) {
      ControlSchema.migrate(ds);
      JdbcConnectionStore store = new JdbcConnectionStore(ds, () -> Instant.EPOCH);
      store.create("before", "s_before", Map.of());
      server.stop();
      try {
        assertThatThrownBy(() -> store.create("during", "s_during", Map.of()))
            .isInstanceOf(DatabaseUnavailableException.class)
            .hasMessageContaining("create connection during");
      } finally {
        server.start();
      }
      ds.getHikariPoolMXBean().softEvictConnections();
      store.create("after", "s_after", Map.of());
      assertThat(store.list())
          .extracting(x -> x.name())
          .containsExactlyInAnyOrder("before", "after");
    }
  }

  private static FerryException classify(String state) {
    return SqlErrors.classify(
        "merge into salesforce.contact (mapping m1)", new SQLException("boom", state));
  }
}
