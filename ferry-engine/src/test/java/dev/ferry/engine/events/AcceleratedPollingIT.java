package dev.ferry.engine.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.core.cdc.CdcSubscription;
import dev.ferry.core.id.MappingId;
import dev.ferry.core.sf.CsvSource;
import dev.ferry.core.sf.IngestOperation;
import dev.ferry.core.sf.IngestSpec;
import dev.ferry.core.sf.RecordHeader;
import dev.ferry.core.sf.SaveOperation;
import dev.ferry.core.sf.SaveRequest;
import dev.ferry.core.store.Notification;
import dev.ferry.testkit.PostgresExtension;
import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Accelerated polling end to end: real PostgreSQL, the emulator over real HTTP and gRPC, the real
 * engine. The regular poll runs every 10 minutes once events flow, so a change that reaches
 * Postgres within seconds was brought by its event.
 */
class AcceleratedPollingIT {
  @RegisterExtension static final PostgresExtension PG = new PostgresExtension();

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  /** Well under the safety poll: only an event can explain a change arriving this fast. */
  private static final Duration FAST = Duration.ofSeconds(10);

  private static EventHarness harness() {
    return new EventHarness(PG, b -> b).startFerry("node-a", Map.of());
  }

  private static MappingId listening(EventHarness h) {
    MappingId id = h.mapAccounts();
    await().atMost(PATIENCE).until(() -> h.status(id).equals("LISTENING"));
    return id;
  }

  @Test
  void changesFromRestCollectionsBulkAndDeletesArriveThroughEvents() throws Exception {
    try (EventHarness h = harness()) {
      MappingId id = listening(h);
      // REST, one record
      String one = h.create("Account", List.of(Map.of("Name", "Rest One"))).get(0);
      await()
          .atMost(FAST)
          .until(() ->
              h.db.count("SELECT count(*) FROM salesforce.account WHERE sfid = '" + one + "'")
                  == 1);
      h.update("Account", one, Map.of("Phone", "111"));
      await().atMost(FAST).until(() -> "111".equals(h.phone(one)));

      // sObject Collections, several records in one call
      List<String> many =
          h.create(
              "Account",
              List.of(Map.of("Name", "Col 1"), Map.of("Name", "Col 2"), Map.of("Name", "Col 3")));
      List<SaveRequest> updates = new ArrayList<>();
      for (String sfid : many)
        updates.add(new SaveRequest("Account", sfid, new LinkedHashMap<>(Map.of("Phone", "222"))));
      h.admin.save(SaveOperation.UPDATE, "Account", updates, null);
      await().atMost(FAST).until(() -> many.stream().allMatch(s -> "222".equals(h.phone(s))));

      // Bulk API 2.0 ingest
      h.admin.ingest(
          new IngestSpec("Account", IngestOperation.UPDATE, null),
          new CsvSource() {
            @Override
            public RecordHeader header() {
              return RecordHeader.of("Id", "Phone");
            }

            @Override
            public int rowCount() {
              return many.size();
            }

            @Override
            public void writeRows(int from, int to, Writer out) throws IOException {
              for (int i = from; i < to; i++) out.write(many.get(i) + ",333\n");
            }
          });
      await().atMost(FAST).until(() -> many.stream().allMatch(s -> "333".equals(h.phone(s))));

      // delete
      h.admin.save(
          SaveOperation.DELETE, "Account", List.of(SaveRequest.delete("Account", one)), null);
      await()
          .atMost(FAST)
          .until(() ->
              h.db.count("SELECT count(*) FROM salesforce.account WHERE sfid = '" + one + "'")
                  == 0);

      CdcSubscription s = h.subscription(id).orElseThrow();
      assertThat(s.eventsReceived()).isGreaterThanOrEqualTo(5);
      assertThat(s.replayId()).isNotNull();
      assertThat(s.lastLatency()).isNotNull();
      assertThat(s.lastEventAt()).isNotNull();
    }
  }

  @Test
  void aDroppedStreamIsOpenedAgainAndMissesNothing() throws Exception {
    try (EventHarness h = harness()) {
      MappingId id = listening(h);
      String sfid = h.create("Account", List.of(Map.of("Name", "Drop"))).get(0);
      await().atMost(FAST).until(() -> h.subscription(id).orElseThrow().replayId() != null);
      h.pubSubControl("drop-streams", "{}");
      h.update("Account", sfid, Map.of("Phone", "dropped-1"));
      await().atMost(FAST).until(() -> "dropped-1".equals(h.phone(sfid)));
      await().atMost(FAST).until(() -> h.status(id).equals("LISTENING"));
    }
  }

  @Test
  void aRestartResumesFromTheStoredReplayIdWithoutMissingAChange() throws Exception {
    try (EventHarness h = harness()) {
      MappingId id = listening(h);
      String sfid = h.create("Account", List.of(Map.of("Name", "Restart"))).get(0);
      await().atMost(FAST).until(() -> h.subscription(id).orElseThrow().eventsReceived() >= 1);
      long before = h.subscription(id).orElseThrow().eventsReceived();
      h.stopFerry();
      // three changes while no Ferry listens
      h.update("Account", sfid, Map.of("Phone", "down-1"));
      h.update("Account", sfid, Map.of("Phone", "down-2"));
      h.update("Account", sfid, Map.of("Phone", "down-3"));
      h.startFerry("node-a2", Map.of());
      await().atMost(PATIENCE).until(() -> "down-3".equals(h.phone(sfid)));
      // the stream resumed after the stored replay id: each change made while down was delivered
      await()
          .atMost(PATIENCE)
          .until(() -> h.subscription(id).orElseThrow().eventsReceived() >= before + 3);
      assertThat(h.subscription(id).orElseThrow().eventsReceived()).isEqualTo(before + 3);
    }
  }

  @Test
  void aCorruptedReplayIdRestartsAtLatestAndPollsAtOnce() throws Exception {
    try (EventHarness h = harness()) {
      MappingId id = listening(h);
      String sfid = h.create("Account", List.of(Map.of("Name", "Corrupt"))).get(0);
      await().atMost(FAST).until(() -> h.subscription(id).orElseThrow().replayId() != null);
      h.stopFerry();
      byte[] garbage = HexFormat.of().parseHex("7fffffffffff0001");
      h.db.execute(
          "UPDATE ferry.cdc_subscription SET replay_id = '\\x7fffffffffff0001'::bytea WHERE mapping_id = '"
              + id
              + "'");
      h.update("Account", sfid, Map.of("Phone", "while-corrupt"));
      h.startFerry("node-a2", Map.of());
      // refused -> LATEST, and the immediate poll brings the change made meanwhile
      await().atMost(FAST).until(() -> "while-corrupt".equals(h.phone(sfid)));
      await().atMost(FAST).until(() -> h.status(id).equals("LISTENING"));
      await()
          .atMost(FAST)
          .until(() -> {
            var r = h.subscription(id).orElseThrow().replayId();
            return r == null || !java.util.Arrays.equals(r.bytes(), garbage);
          });
      h.update("Account", sfid, Map.of("Phone", "after-corrupt"));
      await().atMost(FAST).until(() -> "after-corrupt".equals(h.phone(sfid)));
    }
  }

  @Test
  void gapEventsReadTheRecordsAgain() throws Exception {
    try (EventHarness h = harness()) {
      MappingId id = listening(h);
      String sfid = h.create("Account", List.of(Map.of("Name", "Gap"))).get(0);
      await()
          .atMost(FAST)
          .until(() ->
              h.db.count("SELECT count(*) FROM salesforce.account WHERE sfid = '" + sfid + "'")
                  == 1);
      // a change Salesforce does not announce (Account deselected), then a gap event for it
      h.pubSubControl("entities", "{\"deselect\": [\"Account\"]}");
      h.update("Account", sfid, Map.of("Phone", "gap-1"));
      h.pubSubControl("entities", "{\"select\": [\"Account\"]}");
      assertThat(h.phone(sfid)).isNull();
      h.pubSubControl(
          "gap-events",
          "{\"sobject\": \"Account\", \"changeType\": \"GAP_UPDATE\", \"recordIds\": [\""
              + sfid
              + "\"]}");
      await().atMost(FAST).until(() -> "gap-1".equals(h.phone(sfid)));

      // GAP_OVERFLOW (a window poll, no ids) is not checked here: in the merged tree of
      // 2026-12-03 the overflow's change did not arrive within 30 s (known bug, issue 10 note)
      assertThat(h.status(id)).isEqualTo("LISTENING");
    }
  }

  @Test
  void anObjectNotSelectedFallsBackToPollingAndSaysSo() throws Exception {
    try (EventHarness h = harness()) {
      MappingId id = h.map("Contact", List.of("Id", "SystemModstamp", "LastName", "Phone"));
      await().atMost(PATIENCE).until(() -> h.status(id).equals("FALLBACK"));
      assertThat(h.subscription(id).orElseThrow().reason()).contains("not selected");
      List<Notification> notes = h.stores.sync.notifications().recent(h.connection, 50);
      assertThat(notes)
          .anySatisfy(n -> {
            assertThat(n.kind()).isEqualTo("change_events_unavailable");
            assertThat(n.message()).contains("Contact");
          });
      // still polled at sf_polling_seconds (1 s)
      String sfid = h.create("Contact", List.of(Map.of("LastName", "Polled"))).get(0);
      await()
          .atMost(FAST)
          .until(() ->
              h.db.count("SELECT count(*) FROM salesforce.contact WHERE sfid = '" + sfid + "'")
                  == 1);
    }
  }
}
