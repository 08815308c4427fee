package dev.ferry.engine.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.core.sf.SfRecord;
import dev.ferry.testkit.EmulatorControls.Fault;
import dev.ferry.testkit.PostgresExtension;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code kill -9} of a real Ferry process (a separate JVM: {@link WriterProcess}) in the middle of
 * a collections write and of a Bulk write; a new process then finishes the work. Afterwards
 * Salesforce holds every record exactly once and every entry is SUCCESS (none lost, none doubled).
 */
class WriterCrashIT {
  @RegisterExtension static final PostgresExtension PG = new PostgresExtension();

  private static final Duration PATIENCE = Duration.ofSeconds(90);

  /** The test's own engine: sets things up and checks, never writes (writes disabled). */
  private static WriteHarness harness() {
    return WriteHarness.builder(PG).threaded().set(WriteSettings.ENABLED, false).start();
  }

  @Test
  void killedDuringACollectionsWrite() throws Exception {
    try (WriteHarness h = harness()) {
      h.map("Contact", WritePathIT.contact());
      // every create call sits 3 s at Salesforce before it is processed: the kill lands meanwhile
      h.controls.fault(new Fault("composite", 0, null, 1.0, null, 3000));
      h.app.execute(
          "INSERT INTO salesforce.contact (lastname, email) SELECT 'Crash ' || g,"
              + " 'c' || g || '@example.com' FROM generate_series(1, 500) g");
      Process first = start("collections-1");
      try {
        await()
            .atMost(PATIENCE)
            .until(() -> h.app.count("SELECT count(*) FROM ferry.write_batch") > 0);
        Thread.sleep(500);
      } finally {
        kill(first);
      }
      assertThat(
              h.app.count("SELECT count(*) FROM salesforce._trigger_log WHERE state = 'PENDING'"))
          .isPositive();
      // the killed call still lands at Salesforce after the process died
      h.controls.clearFaults();
      Process second = start("collections-2");
      try {
        await().atMost(PATIENCE).until(() -> h.waiting() == 0);
      } finally {
        kill(second);
      }
      assertExactlyOnce(h, "Crash ", 500);
      assertThat(h.entries()).hasSize(500).allMatch(e -> e.equals("INSERT:SUCCESS"));
      assertThat(
              h.app.count(
                  "SELECT count(DISTINCT sfid) FROM salesforce.contact WHERE _hc_lastop = 'INSERTED'"))
          .isEqualTo(500);
    }
  }

  @Test
  void killedDuringABulkWrite() throws Exception {
    try (WriteHarness h = harness()) {
      h.map("Contact", WritePathIT.contact().withUpsertField("Contact_UUID__c"));
      h.controls.holdBulk(true); // jobs stay InProgress until released
      h.app.execute(
          "INSERT INTO salesforce.contact (lastname, contact_uuid__c) SELECT 'Bulk ' || g,"
              + " 'bulk-' || g FROM generate_series(1, 1500) g");
      Process first = start("bulk-1");
      try {
        await()
            .atMost(PATIENCE)
            .until(() ->
                h.app.count("SELECT count(*) FROM ferry.write_batch WHERE job_id IS NOT NULL")
                    >= 3);
        Thread.sleep(500);
      } finally {
        kill(first);
      }
      h.controls.holdBulk(false);
      Process second = start("bulk-2");
      try {
        await().atMost(PATIENCE).until(() -> h.waiting() == 0);
      } finally {
        kill(second);
      }
      assertExactlyOnce(h, "Bulk ", 1500);
      assertThat(h.entries()).hasSize(1500).allMatch(e -> e.equals("INSERT:SUCCESS"));
    }
  }

  private static void assertExactlyOnce(WriteHarness h, String prefix, int n) {
    List<SfRecord> records =
        h.query("SELECT LastName FROM Contact WHERE LastName LIKE '" + prefix + "%'");
    Set<String> names = new HashSet<>();
    for (SfRecord r : records) {
      assertThat(names.add(r.get("LastName"))).as("duplicate " + r.get("LastName")).isTrue();
    }
    assertThat(names).hasSize(n);
  }

  /** A Ferry process on the test's database; its output goes to target/writer-process-*.log. */
  private static Process start(String name) throws Exception {
    Path log = Path.of("target", "writer-process-" + name + ".log");
    Files.createDirectories(log.getParent());
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
                java,
                "-Xmx512m",
                "-Duser.timezone=America/Los_Angeles",
                "-cp",
                System.getProperty("java.class.path"),
                WriterProcess.class.getName(),
                PG.jdbcUrl())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Process p = pb.start();
    await("process " + name + " ready (see " + log + ")")
        .atMost(PATIENCE)
        .until(() -> !p.isAlive() || Files.readString(log).contains("WRITER READY"));
    assertThat(p.isAlive()).as("process " + name + " started; see " + log).isTrue();
    return p;
  }

  /** SIGKILL: no shutdown hook, no finally block runs in the process. */
  private static void kill(Process p) throws InterruptedException {
    p.destroyForcibly();
    p.waitFor();
  }

  static {
    // the child processes need the same classpath as this JVM
    assertThat(System.getProperty("java.class.path")).contains(File.separator);
  }
}
