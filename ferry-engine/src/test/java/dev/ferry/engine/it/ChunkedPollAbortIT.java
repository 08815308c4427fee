package dev.ferry.engine.it;

import static dev.ferry.core.state.MappingState.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.id.MappingId;
import dev.ferry.core.model.Access;
import dev.ferry.core.model.MappingConfig;
import dev.ferry.core.store.PollApi;
import dev.ferry.core.store.PollKind;
import dev.ferry.core.store.PollStatus;
import dev.ferry.core.store.PollWindow;
import dev.ferry.core.store.WatermarkKind;
import dev.ferry.engine.env.EngineSettings;
import dev.ferry.testkit.PostgresExtension;
import dev.ferry.testkit.RecordingSyncEvents.Hold;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What an abort keeps of a bulk poll read in chunks (docs/read-path.md, "Abort"): every chunk
 * committed before it stays, with the watermark at that chunk's end; the chunk in flight is rolled
 * back; the next poll reads on from the watermark, so nothing is lost and nothing applied twice.
 * The part applied is recorded as a finished primary window, so drift detection still reads it
 * again: a record Salesforce committed late inside it is repaired by its secondary poll.
 */
class ChunkedPollAbortIT {
  @RegisterExtension static final PostgresExtension PG = new PostgresExtension();

  private static final Pattern ID = Pattern.compile("\"(003[A-Za-z0-9]{15})\"");

  @Test
  void anAbortKeepsTheCommittedChunksAndDriftDetectionStillCoversThem() throws Exception {
    Map<String, Integer> data = new LinkedHashMap<>();
    data.put("Account", 2);
    data.put("Contact", 40);
    try (SyncHarness h =
        SyncHarness.builder(PG)
            .generate(data)
            .set(EngineSettings.LARGE_QUERY_THRESHOLD, 10)
            .set(EngineSettings.BULK_CHUNK_ROWS, 8)
            .set(EngineSettings.DRIFT_ENABLED, true)
            .set(EngineSettings.DRIFT_DELAY, Duration.ofSeconds(60))
            .set(EngineSettings.DRIFT_BATCH, Duration.ofSeconds(10))
            .set(EngineSettings.OVERLAP, Duration.ofSeconds(5))
            .start()) {
      MappingId id =
          h.map(
              "Contact",
              MappingConfig.of(
                  Access.READ_ONLY, List.of("Id", "SystemModstamp", "LastName", "Title")));
      h.advance(Duration.ofSeconds(3));
      h.runUntil(id, DATA_SYNCED, 2);
      List<String> existing = ReadPathIT.ids(h, "Contact");

      // 4 groups of 6 changes, 10 s apart: the bulk poll reads them in 3 chunks; a record
      // committed late beside the first group stays invisible to the primary polls
      String late = null;
      for (int s = 0; s < 4; s++) {
        for (int i = 0; i < 6; i++) {
          h.update("Contact", existing.get(s * 6 + i), Map.of("Title", "chunked " + s));
        }
        if (s == 0) {
          Matcher m =
              ID.matcher(h.controls.lateCommit("Contact", "[{\"LastName\":\"Late chunked\"}]", 60));
          assertThat(m.find()).isTrue();
          late = m.group(1);
        }
        h.advance(Duration.ofSeconds(10));
      }
      h.advance(Duration.ofSeconds(3));

      // abort while the second chunk's job runs: the first chunk is committed already
      Hold hold = h.events.holdAt(id, WAIT_BULK_UPDATE, 1);
      CompletableFuture<Void> run = CompletableFuture.runAsync(() -> h.run(id));
      try {
        hold.awaitReached();
        h.service.abort(id);
      } finally {
        hold.release();
      }
      run.orTimeout(60, TimeUnit.SECONDS).join();
      assertThat(h.state(id)).isEqualTo(DATA_SYNCED);

      List<PollWindow> windows = h.stores.sync.pollWindows().recent(id, 50);
      PollWindow aborted =
          windows.stream()
              .filter(w -> w.parentId() == null && w.api() == PollApi.BULK)
              .filter(w -> w.status() == PollStatus.ABORTED)
              .findFirst()
              .orElseThrow();
      List<PollWindow> chunks =
          windows.stream()
              .filter(w -> w.parentId() != null && w.parentId() == aborted.id())
              .toList();
      PollWindow first =
          chunks.stream().filter(w -> w.status() == PollStatus.DONE).findFirst().orElseThrow();
      assertThat(chunks).anyMatch(w -> w.status() == PollStatus.ABORTED);
      assertThat(h.stores.sync.watermarks().read(id, WatermarkKind.CHANGES))
          .as("the watermark is at the end of the chunk committed before the abort")
          .contains(first.upper());
      assertThat(titled(h, "chunked 0")).isEqualTo(6);
      assertThat(titled(h, "chunked 3")).isZero();
      assertThat(windows)
          .as("the part applied is a finished primary window with its secondary poll due")
          .anyMatch(w ->
              w.kind() == PollKind.PRIMARY
                  && w.parentId() == null
                  && w.status() == PollStatus.DONE
                  && w.lower().equals(aborted.lower())
                  && w.upper().equals(first.upper())
                  && w.secondaryDueAt() != null);

      h.run(id); // the next poll reads on from the watermark
      for (int s = 0; s < 4; s++) assertThat(titled(h, "chunked " + s)).isEqualTo(6);
      assertThat(h.db.count("SELECT count(*) FROM salesforce.contact")).isEqualTo(40);
      assertThat(rows(h, late)).as("committed late: no primary poll saw it").isZero();

      h.advance(Duration.ofSeconds(70));
      h.requireManual().runSecondaries(id);
      assertThat(rows(h, late))
          .as("repaired by the secondary poll of the part applied before the abort")
          .isEqualTo(1);
      assertThat(h.db.count("SELECT count(*) FROM salesforce.contact")).isEqualTo(41);
    }
  }

  private static long titled(SyncHarness h, String title) {
    return h.db.count("SELECT count(*) FROM salesforce.contact WHERE title = '" + title + "'");
  }

  private static long rows(SyncHarness h, String sfid) {
    return h.db.count("SELECT count(*) FROM salesforce.contact WHERE sfid = '" + sfid + "'");
  }
}
