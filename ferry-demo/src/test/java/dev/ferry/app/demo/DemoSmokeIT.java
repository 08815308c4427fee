package dev.ferry.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.control.MappingView;
import dev.ferry.core.state.MappingState;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * {@code ferry demo} with small data and no DATABASE_URL: its own embedded PostgreSQL, the
 * emulator, the three mappings loaded to DATA_SYNCED, progress shown, changes made in Salesforce
 * brought over by polls, the demo application's invoices written to Salesforce; then a clean stop.
 */
class DemoSmokeIT {
  @Test
  void theDemoLoadsEveryMappingAndShowsProgress() throws Exception {
    Demo.Options options =
        new Demo.Options(20, 60, 8, 42, "127.0.0.1", 0, 3, Duration.ofSeconds(1), 2, null, null);
    List<String> printed = new ArrayList<>();
    try (Demo demo =
        Demo.start(options, Map.of("FERRY_SCHEDULER_POLL_MS", "200"), InstantSource.system())) {
      assertThat(demo.embeddedDatabase()).isTrue();
      DemoProgress progress =
          new DemoProgress(demo.node().service(), demo.connection(), InstantSource.system());
      Awaitility.await("every demo mapping DATA_SYNCED with all rows")
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(250))
          .until(() -> {
            printed.addAll(progress.poll());
            List<MappingView> mappings =
                demo.node().service().connection(demo.connection()).mappings();
            return mappings.size() == 3
                && mappings.stream()
                    .allMatch(m ->
                        m.mapping().state() == MappingState.DATA_SYNCED
                            && m.sfCount() != null
                            && m.sfCount() == expected(m.mapping().objectName())
                            && m.dbCount() == m.sfCount());
          });
      java.io.StringWriter banner = new java.io.StringWriter();
      DemoCommand.printBanner(
          new java.io.PrintWriter(banner), demo, java.nio.file.Path.of("demo.log"));
      assertThat(banner.toString())
          .contains("Dashboard       " + demo.node().dashboardUrl())
          .contains("log in with the API token")
          .contains(demo.node().apiToken());
      var login =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  java.net.http.HttpRequest.newBuilder(demo.node().dashboardUrl()).build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(login.statusCode()).as("the dashboard asks for a login").isEqualTo(302);
      Awaitility.await("the demo's changes in Salesforce")
          .atMost(Duration.ofSeconds(30))
          .until(() -> demo.churn().updated() > 0);
      // accelerated polling: a change event brings an edit and the progress says how fast
      Awaitility.await("an edit brought by its change event")
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(250))
          .until(() -> {
            printed.addAll(progress.poll());
            return printed.stream().anyMatch(l -> l.contains("(change event)"));
          });
      // the application's invoices reach Salesforce and come back with their sfids
      Awaitility.await("the application's invoices written to Salesforce")
          .atMost(Duration.ofSeconds(30))
          .until(() -> demo.application().written() >= 2);
      try (Connection c =
              DriverManager.getConnection(
                  demo.database().jdbcUrl(), demo.database().user(), demo.database().password());
          ResultSet rs =
              c.createStatement()
                  .executeQuery(
                      "SELECT count(*) FROM salesforce.invoice__c WHERE name LIKE 'App invoice %'"
                          + " AND sfid IS NOT NULL AND _hc_lastop IN ('INSERTED', 'SYNCED')")) {
        rs.next();
        assertThat(rs.getLong(1)).isGreaterThanOrEqualTo(2);
      }
    }
    assertThat(String.join("\n", printed))
        .contains("Account")
        .contains("Contact")
        .contains("Invoice__c")
        .contains("DATA_SYNCED");
  }

  private static long expected(String object) {
    return switch (object) {
      case "Account" -> 20;
      case "Contact" -> 60;
      case "Invoice__c" -> 8;
      default -> -1;
    };
  }
}
