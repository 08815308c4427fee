package dev.ferry.emulator.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.emulator.TestOrg;
import dev.ferry.emulator.TestOrg.Res;
import dev.ferry.emulator.pubsub.PubSubTestClient.Stream;
import dev.ferry.emulator.pubsub.proto.ConsumerEvent;
import dev.ferry.emulator.pubsub.proto.ReplayPreset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Change events from every way a record changes in the emulator, received over real gRPC (TLS) and
 * decoded with the schema from GetSchema.
 */
class ChangeEventsIT {
  private static final String S = TestOrg.V + "/sobjects";
  private static final String CALL_OPTIONS = "Sforce-Call-Options";

  private static TestOrg org;
  private static PubSubTestClient client;
  private Stream stream;

  @BeforeAll
  static void start() {
    org =
        TestOrg.start(b ->
            b.changeEventEntities(
                Set.of("AccountChangeEvent", "ContactChangeEvent", "Invoice__ChangeEvent")));
    client = new PubSubTestClient(org);
  }

  @AfterAll
  static void stop() {
    client.close();
    org.close();
  }

  @BeforeEach
  void subscribe() {
    stream = client.subscribe("/data/ChangeEvents", ReplayPreset.LATEST, null, 100);
    awaitSubscriptions(1);
  }

  @AfterEach
  void cancel() {
    stream.cancel();
  }

  /** Waits until n streams have read their first request (LATEST starts from there). */
  static void awaitSubscriptions(TestOrg org, int n) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> {
          int started = 0;
          for (var s :
              org.control("GET", "/pubsub/subscriptions", null).json().path("subscriptions")) {
            if (!s.path("topic").asString().isEmpty()) {
              started++;
            }
          }
          return started >= n;
        });
  }

  private static void awaitSubscriptions(int n) {
    awaitSubscriptions(org, n);
  }

  @Test
  void restCreateUpdateDeleteGiveCreateUpdateDeleteEvents() {
    Res created =
        org.post(
            S + "/Account",
            "{\"Name\":\"Acme\",\"BillingStreet\":\"1 Main St\",\"BillingCity\":\"Springfield\",\"NumberOfEmployees\":12}",
            CALL_OPTIONS,
            "client=ferry-test");
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    String id = created.json().path("id").asString();

    ConsumerEvent create = stream.awaitEvents(1).get(0);
    GenericRecord ev = client.decode(create);
    GenericRecord h = header(ev);
    Schema schema = ev.getSchema();
    assertThat(schema.getName()).isEqualTo("AccountChangeEvent");
    assertThat(schema.getFields().get(0).name()).isEqualTo("ChangeEventHeader");
    assertThat(h.getSchema().getFields().stream().map(Schema.Field::name).toList())
        .containsExactly(
            "entityName",
            "recordIds",
            "changeType",
            "changeOrigin",
            "transactionKey",
            "sequenceNumber",
            "commitTimestamp",
            "commitNumber",
            "commitUser",
            "nulledFields",
            "diffFields",
            "changedFields");
    assertThat(h.get("entityName").toString()).isEqualTo("Account");
    assertThat(strings(h.get("recordIds"))).containsExactly(id);
    assertThat(h.get("changeType").toString()).isEqualTo("CREATE");
    assertThat(h.get("changeOrigin").toString())
        .isEqualTo("com/salesforce/api/rest/59.0;client=ferry-test");
    assertThat(h.get("sequenceNumber")).isEqualTo(1);
    assertThat(strings(h.get("changedFields"))).isEmpty();
    assertThat(ev.get("Name").toString()).isEqualTo("Acme");
    assertThat(ev.get("NumberOfEmployees")).isEqualTo(12);
    assertThat(((GenericRecord) ev.get("BillingAddress")).get("Street").toString())
        .isEqualTo("1 Main St");
    assertThat(schema.getField("SystemModstamp")).as("SystemModstamp is absent").isNull();
    assertThat(schema.getField("BillingStreet")).as("inside BillingAddress").isNull();
    assertThat(create.getReplayId().size()).isEqualTo(8);

    assertThat(
            org.patch(S + "/Account/" + id, "{\"Name\":\"Acme 2\",\"BillingCity\":null}").status())
        .isEqualTo(204);
    ConsumerEvent update = stream.awaitEvents(2).get(1);
    GenericRecord up = client.decode(update);
    GenericRecord uh = header(up);
    assertThat(uh.get("changeType").toString()).isEqualTo("UPDATE");
    assertThat(uh.get("changeOrigin").toString()).isEqualTo("com/salesforce/api/rest/59.0");
    assertThat(up.get("Name").toString()).isEqualTo("Acme 2");
    assertThat(up.get("NumberOfEmployees")).as("unchanged fields are null").isNull();
    int name = schema.getField("Name").pos();
    int lmd = schema.getField("LastModifiedDate").pos();
    int billing = schema.getField("BillingAddress").pos();
    int city = schema.getField("BillingAddress").schema().getTypes().get(1).getField("City").pos();
    String top = "0x" + hex((1L << name) | (1L << lmd));
    String child = billing + "-0x" + hex(1L << city);
    assertThat(strings(uh.get("changedFields"))).containsExactly(top, child);
    assertThat(strings(uh.get("nulledFields"))).containsExactly("0x00", child);
    assertThat(PubSubTestClient.replayId(update.getReplayId()))
        .isGreaterThan(PubSubTestClient.replayId(create.getReplayId()));

    assertThat(org.delete(S + "/Account/" + id).status()).isEqualTo(204);
    GenericRecord del = client.decode(stream.awaitEvents(3).get(2));
    assertThat(header(del).get("changeType").toString()).isEqualTo("DELETE");
    assertThat(del.get("Name")).as("DELETE carries the header only").isNull();
  }

  @Test
  void collectionsShareOneTransactionKeyWithSequenceNumbers() {
    Res r =
        org.post(
            TestOrg.V + "/composite/sobjects",
            "{\"allOrNone\":true,\"records\":[{\"attributes\":{\"type\":\"Account\"},\"Name\":\"C1\"},"
                + "{\"attributes\":{\"type\":\"Contact\"},\"LastName\":\"C2\"}]}");
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    List<GenericRecord> events = decoded(stream.awaitEvents(2));
    assertThat(events)
        .extracting(e -> header(e).get("entityName").toString())
        .containsExactly("Account", "Contact");
    assertThat(events).extracting(e -> header(e).get("sequenceNumber")).containsExactly(1, 2);
    assertThat(header(events.get(0)).get("transactionKey").toString())
        .isEqualTo(header(events.get(1)).get("transactionKey").toString());
  }

  @Test
  void compositeTreeGivesParentAndChildEvents() {
    Res r =
        org.post(
            TestOrg.V + "/composite/tree/Account",
            """
            {"records":[{"attributes":{"type":"Account","referenceId":"a"},"Name":"Tree",
              "Contacts":{"records":[{"attributes":{"type":"Contact","referenceId":"c"},"LastName":"Leaf"}]}}]}
            """);
    assertThat(r.status()).as(r.text()).isEqualTo(201);
    List<GenericRecord> events = decoded(stream.awaitEvents(2));
    assertThat(events)
        .extracting(e -> header(e).get("changeType").toString())
        .containsExactly("CREATE", "CREATE");
    assertThat(events)
        .extracting(e -> header(e).get("entityName").toString())
        .containsExactlyInAnyOrder("Account", "Contact");
  }

  @Test
  void bulkIngestEventsNameTheBulkApi() {
    String job = TestOrg.V + "/jobs/ingest";
    Res created = org.post(job, "{\"object\":\"Invoice__c\",\"operation\":\"insert\"}");
    String id = created.json().path("id").asString();
    assertThat(org.putCsv(job + "/" + id + "/batches", "Name\nI1\nI2\nI3\n").status())
        .isEqualTo(201);
    org.patch(job + "/" + id, "{\"state\":\"UploadComplete\"}");
    org.awaitJob(job + "/" + id);
    List<GenericRecord> events = decoded(stream.awaitEvents(3));
    assertThat(events)
        .allSatisfy(e -> {
          assertThat(e.getSchema().getName()).isEqualTo("Invoice__ChangeEvent");
          assertThat(header(e).get("entityName").toString()).isEqualTo("Invoice__c");
          assertThat(header(e).get("changeOrigin").toString())
              .isEqualTo("com/salesforce/api/bulkapi/59.0");
        });
  }

  @Test
  void cascadeDeleteGivesEventsForTheChildren() {
    String account = org.post(S + "/Account", "{\"Name\":\"Parent\"}").json().path("id").asString();
    String contact =
        org.post(S + "/Contact", "{\"LastName\":\"Child\",\"AccountId\":\"" + account + "\"}")
            .json()
            .path("id")
            .asString();
    stream.awaitEvents(2);
    assertThat(org.delete(S + "/Account/" + account).status()).isEqualTo(204);
    List<GenericRecord> events = decoded(stream.awaitEvents(4)).subList(2, 4);
    assertThat(events)
        .extracting(e -> header(e).get("changeType") + " " + strings(header(e).get("recordIds")))
        .containsExactlyInAnyOrder("DELETE [" + account + "]", "DELETE [" + contact + "]");
  }

  @Test
  void lateCommitPublishesWhenTheChangeBecomesVisible() {
    Res late =
        org.control(
            "POST",
            "/late-commit",
            "{\"sobject\":\"Contact\",\"records\":[{\"LastName\":\"Slow\"}],\"visibleAfterSeconds\":600}");
    assertThat(late.status()).as(late.text()).isEqualTo(200);
    String id = late.json().path("ids").get(0).asString();
    org.post(S + "/Account", "{\"Name\":\"Marker\"}");
    List<GenericRecord> first = decoded(stream.awaitEvents(1));
    assertThat(first)
        .extracting(e -> header(e).get("entityName").toString())
        .as("the late change is invisible, so no event yet")
        .containsExactly("Account");
    org.control("POST", "/clock", "{\"advanceSeconds\":601}");
    GenericRecord ev = client.decode(stream.awaitEvents(2).get(1));
    assertThat(strings(header(ev).get("recordIds"))).containsExactly(id);
    assertThat(header(ev).get("changeType").toString()).isEqualTo("CREATE");
  }

  @Test
  void controlApiChangesPublishWithAnEmptyOrigin() {
    org.control(
        "POST",
        "/late-commit",
        "{\"sobject\":\"Account\",\"records\":[{\"Name\":\"Now\"}],\"visibleAfterSeconds\":0}");
    GenericRecord ev = client.decode(stream.awaitEvents(1).get(0));
    assertThat(header(ev).get("changeOrigin").toString()).isEmpty();
  }

  @Test
  void unselectedEntitiesDoNotPublishAndPerEntityChannelsFilter() {
    Stream accounts = client.subscribe("/data/AccountChangeEvent", ReplayPreset.LATEST, null, 10);
    try {
      awaitSubscriptions(2);
      org.post(
          S + "/Opportunity",
          "{\"Name\":\"O\",\"StageName\":\"Prospecting\",\"CloseDate\":\"2030-01-01\"}");
      org.post(S + "/Contact", "{\"LastName\":\"Only on ChangeEvents\"}");
      org.post(S + "/Account", "{\"Name\":\"On both\"}");
      assertThat(decoded(stream.awaitEvents(2)))
          .extracting(e -> header(e).get("entityName").toString())
          .as("Opportunity is not selected")
          .containsExactly("Contact", "Account");
      assertThat(decoded(accounts.awaitEvents(1)))
          .extracting(e -> header(e).get("entityName").toString())
          .containsExactly("Account");
    } finally {
      accounts.cancel();
    }
  }

  private static List<GenericRecord> decoded(List<ConsumerEvent> events) {
    List<GenericRecord> out = new ArrayList<>();
    events.forEach(e -> out.add(client.decode(e)));
    return out;
  }

  static GenericRecord header(GenericRecord event) {
    return (GenericRecord) event.get("ChangeEventHeader");
  }

  static List<String> strings(Object avroArray) {
    List<String> out = new ArrayList<>();
    for (Object o : (List<?>) avroArray) {
      out.add(o.toString());
    }
    return out;
  }

  private static String hex(long bits) {
    String h = Long.toHexString(bits).toUpperCase(java.util.Locale.ROOT);
    return h.length() % 2 == 0 ? h : "0" + h;
  }
}
