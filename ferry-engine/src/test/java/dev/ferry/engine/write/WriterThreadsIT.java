package dev.ferry.engine.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.core.state.ConnectionState;
import dev.ferry.testkit.PostgresExtension;
import dev.ferry.testkit.RecordingSyncEvents.ConnectionChanged;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The writer as deployed: db-scheduler, writer threads woken by LISTEN/NOTIFY, real time. An
 * application written for Heroku Connect works unchanged; paused or failed connections keep
 * capturing but do not write; two processes share a connection's writes without doubling any.
 */
class WriterThreadsIT {
  @RegisterExtension static final PostgresExtension PG = new PostgresExtension();

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  /** What a Heroku Connect application does: plain SQL, then poll _hc_lastop. */
  private static String insertAndWait(DataSource app, String lastname, String email)
      throws Exception {
    try (Connection c = app.getConnection()) {
      int id;
      try (PreparedStatement p =
          c.prepareStatement(
              "INSERT INTO salesforce.contact (lastname, email) VALUES (?, ?) RETURNING id")) {
        p.setString(1, lastname);
        p.setString(2, email);
        try (ResultSet rs = p.executeQuery()) {
          rs.next();
          id = rs.getInt(1);
        }
      }
      return waitFor(c, id, List.of("INSERTED", "SYNCED", "FAILED"));
    }
  }

  private static String waitFor(Connection c, int id, List<String> done) throws Exception {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    try (PreparedStatement p =
        c.prepareStatement("SELECT _hc_lastop FROM salesforce.contact WHERE id = ?")) {
      p.setInt(1, id);
      while (System.nanoTime() < deadline) {
        try (ResultSet rs = p.executeQuery()) {
          rs.next();
          String lastop = rs.getString(1);
          if (done.contains(lastop)) return lastop;
        }
        Thread.sleep(20);
      }
    }
    throw new AssertionError("row " + id + " never reached " + done);
  }

  @Test
  void anApplicationWrittenForHerokuConnectWorksUnchanged() throws Exception {
    try (WriteHarness h = WriteHarness.builder(PG).threaded().start()) {
      h.map("Contact", WritePathIT.contact());
      for (int i = 0; i < 15; i++) {
        assertThat(insertAndWait(PG.dataSource(), "App " + i, "app" + i + "@example.com"))
            .isIn("INSERTED", "SYNCED");
      }
      assertThat(insertAndWait(PG.dataSource(), "Broken", "no address")).isEqualTo("FAILED");
      assertThat(h.app.value("SELECT _hc_err FROM salesforce.contact WHERE lastname = 'Broken'"))
          .asString()
          .contains("INVALID_EMAIL_ADDRESS");
      try (Connection c = PG.dataSource().getConnection()) {
        c.createStatement()
            .execute(
                "UPDATE salesforce.contact SET email = 'new@example.com' WHERE lastname = 'App 3'");
        int id =
            ((Number) h.app.value("SELECT id FROM salesforce.contact WHERE lastname = 'App 3'"))
                .intValue();
        assertThat(waitFor(c, id, List.of("UPDATED", "SYNCED"))).isIn("UPDATED", "SYNCED");
      }
      assertThat(h.sfCount("SELECT COUNT() FROM Contact WHERE LastName LIKE 'App %'"))
          .isEqualTo(15);
      assertThat(h.sfCount("SELECT COUNT() FROM Contact WHERE Email = 'new@example.com'"))
          .isEqualTo(1);
      // POLLING_DB_CHANGES while writing, IDLE once the queue stays empty
      await()
          .atMost(PATIENCE)
          .until(() ->
              h.service.connection(h.connection).connection().state() == ConnectionState.IDLE);
      assertThat(h.events.events(ConnectionChanged.class))
          .extracting(ConnectionChanged::to)
          .contains(ConnectionState.POLLING_DB_CHANGES, ConnectionState.IDLE);
    }
  }

  @Test
  void pausedAndFailedConnectionsCaptureButDoNotWrite() throws Exception {
    try (WriteHarness h = WriteHarness.builder(PG).threaded().start()) {
      h.map("Contact", WritePathIT.contact());
      h.service.pause(h.connection);
      h.app.execute("INSERT INTO salesforce.contact (lastname) VALUES ('While Paused')");
      Thread.sleep(1500);
      assertThat(h.app.value("SELECT state FROM salesforce._trigger_log")).isEqualTo("NEW");
      assertThat(h.app.value("SELECT _hc_lastop FROM salesforce.contact")).isEqualTo("PENDING");
      h.service.resume(h.connection);
      await()
          .atMost(PATIENCE)
          .until(() -> "INSERTED".equals(h.app.value("SELECT _hc_lastop FROM salesforce.contact")));

      var c = h.stores.sync.connections().find(h.connection).orElseThrow();
      h.stores
          .sync
          .connections()
          .transition(h.connection, c.stateVersion(), ConnectionState.SYSTEM_ERROR, "test", null);
      h.app.execute("INSERT INTO salesforce.contact (lastname) VALUES ('While Failed')");
      Thread.sleep(1500);
      assertThat(h.waiting()).isEqualTo(1);
      h.service.recover(h.connection);
      await().atMost(PATIENCE).until(() -> h.waiting() == 0);
      assertThat(h.sfCount("SELECT COUNT() FROM Contact WHERE LastName LIKE 'While %'"))
          .isEqualTo(2);
    }
  }

  @Test
  void twoProcessesShareAConnectionsWritesWithoutDoublingAny() throws Exception {
    try (WriteHarness one = WriteHarness.builder(PG).threaded().start()) {
      one.map("Contact", WritePathIT.contact());
      try (WriteHarness two = WriteHarness.builder(PG).threaded().emulator(one.emulator).start()) {
        one.app.execute(
            "INSERT INTO salesforce.contact (lastname) SELECT 'Shared ' || g"
                + " FROM generate_series(1, 300) g");
        await().atMost(PATIENCE).until(() -> one.waiting() == 0);
        assertThat(one.sfCount("SELECT COUNT() FROM Contact WHERE LastName LIKE 'Shared %'"))
            .isEqualTo(300);
        // whichever process writes stops; the other takes over its lease
        one.engine.stop();
        one.app.execute(
            "INSERT INTO salesforce.contact (lastname) SELECT 'Later ' || g"
                + " FROM generate_series(1, 50) g");
        await().atMost(PATIENCE).until(() -> two.waiting() == 0);
        assertThat(two.sfCount("SELECT COUNT() FROM Contact WHERE LastName LIKE 'Later %'"))
            .isEqualTo(50);
        assertThat(
                one.app.count(
                    "SELECT count(*) FROM salesforce.contact WHERE _hc_lastop = 'INSERTED'"))
            .isEqualTo(350);
      }
    }
  }
}
