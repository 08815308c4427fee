package dev.ferry.engine.it;

import static dev.ferry.core.state.MappingState.DATA_SYNCED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.id.MappingId;
import dev.ferry.core.model.Access;
import dev.ferry.core.model.MappingConfig;
import dev.ferry.core.store.PollApi;
import dev.ferry.core.store.PollKind;
import dev.ferry.core.store.PollStatus;
import dev.ferry.core.store.PollWindow;
import dev.ferry.engine.env.EngineSettings;
import dev.ferry.testkit.PostgresExtension;
import dev.ferry.testkit.RecordingSyncEvents.BulkJobCreated;
import dev.ferry.testkit.RecordingSyncEvents.DriftRepaired;
import dev.ferry.testkit.RecordingSyncEvents.PollFinished;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Drift detection as the seed describes it: Salesforce commits some changes late (the emulator's
 * late commits: stamped now, visible only 30 s later), after the primary polls have moved past
 * their stamps. Every primary poll's bounds are recorded; secondary polls read them again after the
 * drift delay and repair what the primaries missed, recording what they repaired. In the end a full
 * comparison of Salesforce and Postgres (ids, SystemModstamp, every field) finds nothing.
 */
class DriftIT {
  @RegisterExtension static final PostgresExtension PG = new PostgresExtension();

  private static final List<String> FIELDS =
      List.of(
          "Id",
          "SystemModstamp",
          "IsDeleted",
          "FirstName",
          "LastName",
          "Email",
          "Title",
          "Score__c");
  private static final Pattern ID = Pattern.compile("\"(003[A-Za-z0-9]{15})\"");

  private static SyncHarness.Builder harness() {
    Map<String, Integer> data = new LinkedHashMap<>();
    data.put("Account", 2);
    data.put("Contact", 40);
    return SyncHarness.builder(PG)
        .generate(data)
        .set(EngineSettings.DRIFT_ENABLED, true)
        .set(EngineSettings.DRIFT_DELAY, Duration.ofSeconds(60))
        .set(EngineSettings.DRIFT_BATCH, Duration.ofSeconds(10))
        .set(EngineSettings.OVERLAP, Duration.ofSeconds(5));
  }

  @Test
  void lateCommitsMissedByPrimaryPollsAreRepairedBySecondaryPolls() throws Exception {
    try (SyncHarness h = harness().start()) {
      MappingConfig config = MappingConfig.of(Access.READ_ONLY, FIELDS).withPolling(5, false);
      MappingId id = h.map("Contact", config);
      h.advance(Duration.ofSeconds(3));
      h.runUntil(id, DATA_SYNCED, 2);
      List<String> existing = ReadPathIT.ids(h, "Contact");

      Set<String> late = new HashSet<>();
      for (int i = 0; i < 12; i++) {
        String answer =
            h.controls.lateCommit(
                "Contact",
                "[{\"LastName\":\"Late-"
                    + i
                    + "\",\"Email\":\"late"
                    + i
                    + "@example.com\"},"
                    + "{\"Id\":\""
                    + existing.get(i)
                    + "\",\"Title\":\"late title "
                    + i
                    + "\"}]",
                30);
        late.addAll(ids(answer));
        h.update("Contact", existing.get(20 + i), Map.of("Title", "on time " + i));
        h.advance(Duration.ofSeconds(5));
        h.requireManual().runDue(); // the primary poll (and any secondary poll due)
      }
      assertThat(late).hasSize(24);
      // the primaries missed them: the late ones are not (all) there yet
      assertThat(missing(h, late)).isNotEmpty();

      for (int i = 0; i < 30; i++) {
        h.advance(Duration.ofSeconds(5));
        h.requireManual().runDue();
      }
      assertThat(missing(h, late)).isEmpty();
      assertThat(Comparison.differences(h.admin(), h.db, "salesforce", "Contact", config))
          .isEmpty();

      Set<String> repaired = new HashSet<>();
      h.events.events(DriftRepaired.class).forEach(d -> repaired.addAll(d.sfids()));
      assertThat(repaired).containsAll(late);
      List<PollWindow> windows = h.stores.sync.pollWindows().recent(id, 500);
      List<PollWindow> primaries =
          windows.stream()
              .filter(w -> w.kind() == PollKind.PRIMARY && w.status() == PollStatus.DONE)
              .toList();
      assertThat(primaries).isNotEmpty();
      assertThat(primaries.stream().filter(w -> w.secondaryDoneAt() != null)).isNotEmpty();
      long recordedRepairs =
          windows.stream()
              .filter(w -> w.kind() == PollKind.SECONDARY)
              .mapToLong(PollWindow::repairedCount)
              .sum();
      assertThat(recordedRepairs).isGreaterThanOrEqualTo(late.size());
      assertThat(h.stores.sync.notifications().recent(h.connection, 100))
          .anyMatch(n -> n.kind().equals("drift_repaired"));
    }
  }

  @Test
  void theSecondaryOfAChunkedBulkPrimaryIsOneBulkJobOverAllItsChunks() throws Exception {
    try (SyncHarness h =
        harness()
            .set(EngineSettings.LARGE_QUERY_THRESHOLD, 10)
            .set(EngineSettings.BULK_CHUNK_ROWS, 8)
            .start()) {
      MappingConfig config = MappingConfig.of(Access.READ_ONLY, FIELDS);
      MappingId id = h.map("Contact", config);
      h.advance(Duration.ofSeconds(3));
      h.runUntil(id, DATA_SYNCED, 2);
      List<String> existing = ReadPathIT.ids(h, "Contact");
      List<String> late = new ArrayList<>();
      for (int s = 0; s < 4; s++) {
        for (int i = 0; i < 6; i++)
          h.update("Contact", existing.get(s * 6 + i), Map.of("Title", "bulk " + s));
        late.addAll(
            ids(h.controls.lateCommit("Contact", "[{\"LastName\":\"Late bulk " + s + "\"}]", 20)));
        h.advance(Duration.ofSeconds(1));
      }
      h.advance(Duration.ofSeconds(3));
      h.run(id); // one bulk primary poll, read in chunks
      PollWindow primary =
          h.stores.sync.pollWindows().recent(id, 50).stream()
              .filter(w ->
                  w.kind() == PollKind.PRIMARY && w.parentId() == null && w.api() == PollApi.BULK)
              .findFirst()
              .orElseThrow();
      long chunks =
          h.stores.sync.pollWindows().recent(id, 50).stream()
              .filter(w -> primary.id() == (w.parentId() == null ? -1 : w.parentId()))
              .count();
      assertThat(chunks).isGreaterThanOrEqualTo(2);
      assertThat(missing(h, late)).isNotEmpty();

      h.events.clear();
      h.advance(Duration.ofSeconds(70));
      h.requireManual().runSecondaries(id);
      List<BulkJobCreated> jobs = h.events.events(BulkJobCreated.class);
      assertThat(jobs).hasSize(1);
      assertThat(jobs.get(0).lower()).isEqualTo(primary.lower());
      assertThat(jobs.get(0).upper()).isEqualTo(primary.upper());
      assertThat(h.events.events(PollFinished.class))
          .anyMatch(p ->
              p.kind() == PollKind.SECONDARY
                  && p.api() == PollApi.BULK
                  && p.rowsChanged() >= late.size());
      assertThat(missing(h, late)).isEmpty();
      assertThat(Comparison.differences(h.admin(), h.db, "salesforce", "Contact", config))
          .isEmpty();
    }
  }

  private static Set<String> missing(SyncHarness h, Set<String> ids) {
    return missing(h, List.copyOf(ids));
  }

  private static Set<String> missing(SyncHarness h, List<String> ids) {
    Set<String> out = new HashSet<>();
    for (String id : ids) {
      long rows =
          h.db.count(
              "SELECT count(*) FROM salesforce.contact c WHERE sfid = '"
                  + id
                  + "'"
                  + " AND (c.lastname LIKE 'Late%' OR c.title LIKE 'late%')");
      if (rows == 0) out.add(id);
    }
    return out;
  }

  private static List<String> ids(String answer) {
    List<String> out = new ArrayList<>();
    Matcher m = ID.matcher(answer);
    while (m.find()) out.add(m.group(1));
    return out;
  }
}
