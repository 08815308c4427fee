package dev.ferry.engine.write;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.id.MappingId;
import dev.ferry.core.sf.SaveOperation;
import dev.ferry.core.sf.SaveRequest;
import dev.ferry.core.sf.SaveResult;
import dev.ferry.core.sf.SfRecord;
import dev.ferry.testkit.PostgresExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Ordered Writes and Merged Writes over the same application changes: the outcome of every entry
 * (docs/write-path.md's tables), the calls each needs, and the same final state in Salesforce.
 */
class WriteAlgorithmsIT {
  @RegisterExtension static final PostgresExtension PG = new PostgresExtension();

  /** Entry states in capture order, then the composite calls made. */
  private record Outcome(List<String> entries, long calls) {}

  @Test
  void orderedWritesApplyEveryEntryInCaptureOrder() throws Exception {
    Outcome o = run(false);
    assertThat(o.entries())
        .containsExactly(
            "INSERT:SUCCESS", // r1
            "UPDATE:SUCCESS", // r1
            "INSERT:IGNORED", // r2: deleted before it was written
            "UPDATE:SUCCESS", // r3
            "UPDATE:SUCCESS", // r1
            "DELETE:IGNORE", // r2: never reached Salesforce (the trigger's own state)
            "UPDATE:SUCCESS", // r4
            "UPDATE:SUCCESS", // r4
            "DELETE:SUCCESS"); // r3
    // runs: INSERT r1 | UPDATE r1 | UPDATE r3,r1,r4 | UPDATE r4 | DELETE r3
    assertThat(o.calls()).isEqualTo(5);
  }

  @Test
  void mergedWritesFoldEachRecordsEntriesIntoOne() throws Exception {
    Outcome o = run(true);
    assertThat(o.entries())
        .containsExactly(
            "INSERT:MERGED", // r1, folded into its last entry
            "UPDATE:MERGED",
            "INSERT:MERGED", // r2: INSERT + DELETE = nothing
            "UPDATE:MERGED", // r3: UPDATE + DELETE = DELETE
            "UPDATE:SUCCESS", // r1: INSERT + UPDATE + UPDATE = one INSERT
            "DELETE:IGNORE",
            "UPDATE:MERGED", // r4: UPDATE + UPDATE = one UPDATE
            "UPDATE:SUCCESS",
            "DELETE:SUCCESS");
    // runs: DELETE r3 | INSERT r1 | UPDATE r4
    assertThat(o.calls()).isEqualTo(3);
  }

  private Outcome run(boolean merged) throws Exception {
    try (WriteHarness h = WriteHarness.builder(PG).start()) {
      if (merged) h.service.updateFeatures(h.connection, Map.of("poll_db_no_merge", false));
      MappingId mapping = h.map("Contact", WritePathIT.contact());
      List<SaveResult> made =
          h.admin.save(
              SaveOperation.CREATE,
              "Contact",
              List.of(
                  new SaveRequest("Contact", null, Map.of("LastName", "R3")),
                  new SaveRequest("Contact", null, Map.of("LastName", "R4"))),
              null);
      String r3 = made.get(0).id();
      String r4 = made.get(1).id();
      h.poll(mapping);
      assertThat(h.app.count("SELECT count(*) FROM salesforce.contact")).isEqualTo(2);
      long before = h.apiCalls("composite");

      h.app.execute("INSERT INTO salesforce.contact (lastname, email) VALUES ('R1', 'e1@x.org')");
      h.app.execute("UPDATE salesforce.contact SET email = 'e1b@x.org' WHERE lastname = 'R1'");
      h.app.execute("INSERT INTO salesforce.contact (lastname) VALUES ('R2')");
      h.app.execute("UPDATE salesforce.contact SET email = 'x3@x.org' WHERE lastname = 'R3'");
      h.app.execute("UPDATE salesforce.contact SET firstname = 'F' WHERE lastname = 'R1'");
      h.app.execute("DELETE FROM salesforce.contact WHERE lastname = 'R2'");
      h.app.execute("UPDATE salesforce.contact SET email = 'y4@x.org' WHERE lastname = 'R4'");
      h.app.execute("UPDATE salesforce.contact SET email = 'y4b@x.org' WHERE lastname = 'R4'");
      h.app.execute("DELETE FROM salesforce.contact WHERE lastname = 'R3'");
      h.write();
      long calls = h.apiCalls("composite") - before;

      // the same final state either way
      assertThat(h.waiting()).isZero();
      assertThat(h.sfCount("SELECT COUNT() FROM Contact WHERE Id = '" + r3 + "'")).isZero();
      assertThat(h.sfCount("SELECT COUNT() FROM Contact WHERE LastName = 'R2'")).isZero();
      SfRecord one = h.query("SELECT Email, FirstName FROM Contact WHERE LastName = 'R1'").get(0);
      assertThat(one.get("Email")).isEqualTo("e1b@x.org");
      assertThat(one.get("FirstName")).isEqualTo("F");
      assertThat(h.query("SELECT Email FROM Contact WHERE Id = '" + r4 + "'").get(0).get("Email"))
          .isEqualTo("y4b@x.org");
      assertThat(h.sfCount("SELECT COUNT() FROM Contact")).isEqualTo(2);
      assertThat(
              h.app.rows("SELECT lastname, _hc_lastop FROM salesforce.contact ORDER BY lastname"))
          .extracting(r -> r.get("lastname") + "/" + r.get("_hc_lastop"))
          // R1's last write was an UPDATE (Ordered) or its folded INSERT (Merged)
          .containsExactly(merged ? "R1/INSERTED" : "R1/UPDATED", "R4/UPDATED");
      return new Outcome(h.entries(), calls);
    }
  }
}
