package dev.ferry.emulator.pubsub;

import static dev.ferry.emulator.pubsub.ChangeEventsIT.awaitSubscriptions;
import static dev.ferry.emulator.pubsub.ChangeEventsIT.header;
import static dev.ferry.emulator.pubsub.ChangeEventsIT.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.emulator.TestOrg;
import dev.ferry.emulator.TestOrg.Res;
import dev.ferry.emulator.pubsub.PubSubTestClient.Stream;
import dev.ferry.emulator.pubsub.proto.ReplayPreset;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.Set;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The {@code /__emulator/pubsub} controls, each observed over real gRPC. */
class PubSubControlsIT {
  private static final String S = TestOrg.V + "/sobjects";
  private static final String TOPIC = "/data/AccountChangeEvent";

  private TestOrg org;
  private PubSubTestClient client;

  @BeforeEach
  void start() {
    org = TestOrg.start(b -> b.changeEventEntities(Set.of("AccountChangeEvent")));
    client = new PubSubTestClient(org);
  }

  @AfterEach
  void stop() {
    client.close();
    org.close();
  }

  private Stream subscribed(String topic) {
    Stream s = client.subscribe(topic, ReplayPreset.LATEST, null, 100);
    awaitSubscriptions(org, 1);
    return s;
  }

  @Test
  void gapAndOverflowEvents() {
    Stream s = subscribed(TOPIC);
    String id = org.post(S + "/Account", "{\"Name\":\"g\"}").json().path("id").asString();
    s.awaitEvents(1);
    Res gap =
        org.control(
            "POST",
            "/pubsub/gap-events",
            "{\"sobject\":\"Account\",\"changeType\":\"GAP_UPDATE\",\"recordIds\":[\""
                + id
                + "\"]}");
    assertThat(gap.status()).as(gap.text()).isEqualTo(200);
    assertThat(
            org.control(
                    "POST",
                    "/pubsub/gap-events",
                    "{\"sobject\":\"Account\",\"changeType\":\"GAP_OVERFLOW\"}")
                .status())
        .isEqualTo(200);
    GenericRecord g = client.decode(s.awaitEvents(3).get(1));
    assertThat(header(g).get("changeType").toString()).isEqualTo("GAP_UPDATE");
    assertThat(strings(header(g).get("recordIds"))).containsExactly(id);
    assertThat(g.get("Name")).as("gap events carry no field data").isNull();
    GenericRecord o = client.decode(s.events().get(2));
    assertThat(header(o).get("changeType").toString()).isEqualTo("GAP_OVERFLOW");
    assertThat(header(o).get("entityName").toString()).isEqualTo("Account");
    assertThat(strings(header(o).get("recordIds"))).isEmpty();

    Res bad =
        org.control(
            "POST",
            "/pubsub/gap-events",
            "{\"sobject\":\"Account\",\"changeType\":\"UPDATE\",\"recordIds\":[\"x\"]}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.text()).contains("GAP_OVERFLOW");
    Res unselected =
        org.control(
            "POST",
            "/pubsub/gap-events",
            "{\"sobject\":\"Contact\",\"changeType\":\"GAP_OVERFLOW\"}");
    assertThat(unselected.status()).isEqualTo(400);
    assertThat(unselected.text()).contains("ContactChangeEvent is not selected");
    s.cancel();
  }

  @Test
  void dropStreamsEndsEveryStreamWithUnavailable() {
    Stream a = client.subscribe(TOPIC, ReplayPreset.LATEST, null, 1);
    Stream b = client.subscribe("/data/ChangeEvents", ReplayPreset.LATEST, null, 1);
    awaitSubscriptions(org, 2);
    Res dropped = org.control("POST", "/pubsub/drop-streams", null);
    assertThat(dropped.json().path("dropped").asInt()).isEqualTo(2);
    for (Stream s : new Stream[] {a, b}) {
      StatusRuntimeException e = s.awaitError();
      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
      assertThat(PubSubTestClient.errorCode(e))
          .isEqualTo("sfdc.platform.eventbus.grpc.service.unavailable");
    }
    assertThat(
            org.control("GET", "/pubsub/subscriptions", null).json().path("subscriptions").size())
        .isZero();
  }

  @Test
  void delayHoldsDeliveryBack() {
    Stream s = subscribed(TOPIC);
    org.control("POST", "/pubsub/delay", "{\"delayMs\":1500}");
    long start = System.nanoTime();
    org.post(S + "/Account", "{\"Name\":\"slow\"}");
    await()
        .during(Duration.ofMillis(1000))
        .atMost(Duration.ofSeconds(2))
        .until(() -> s.events().isEmpty());
    s.awaitEvents(1);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(1500));
    s.cancel();
  }

  @Test
  void aSpentDeliveryAllocationEndsTheStream() {
    Res set = org.control("POST", "/pubsub/allocation", "{\"limit\":3,\"used\":1}");
    assertThat(set.json().path("limit").asLong()).isEqualTo(3);
    Stream s = subscribed(TOPIC);
    for (int i = 0; i < 3; i++) {
      org.post(S + "/Account", "{\"Name\":\"a" + i + "\"}");
    }
    StatusRuntimeException e = s.awaitError();
    assertThat(s.events()).as("two deliveries were left").hasSize(2);
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(PubSubTestClient.errorCode(e))
        .isEqualTo("sfdc.platform.eventbus.grpc.subscription.limit.exceeded");
    assertThat(org.control("GET", "/pubsub", null).json().path("allocation").path("used").asLong())
        .isEqualTo(3);
  }

  @Test
  void entitySelectionAndSubscriptionsAreListedAndChangeable() {
    Stream s = subscribed("/data/ChangeEvents");
    JsonNode status = org.control("GET", "/pubsub", null).json();
    assertThat(status.path("selectedEntities").toString()).isEqualTo("[\"AccountChangeEvent\"]");
    assertThat(status.path("tls").asBoolean()).isTrue();
    assertThat(status.path("certificatePem").asString()).startsWith("-----BEGIN CERTIFICATE-----");
    JsonNode sub = status.path("subscriptions").get(0);
    assertThat(sub.path("topic").asString()).isEqualTo("/data/ChangeEvents");
    assertThat(sub.path("pendingNumRequested").asInt()).isEqualTo(100);

    org.post(S + "/Contact", "{\"LastName\":\"before\"}");
    Res selected =
        org.control(
            "POST",
            "/pubsub/entities",
            "{\"select\":[\"Contact\",\"Invoice__ChangeEvent\"],\"deselect\":[\"Account\"]}");
    assertThat(selected.json().path("selectedEntities").toString())
        .isEqualTo("[\"ContactChangeEvent\",\"Invoice__ChangeEvent\"]");
    org.post(S + "/Account", "{\"Name\":\"not selected any more\"}");
    org.post(S + "/Contact", "{\"LastName\":\"after\"}");
    GenericRecord ev = client.decode(s.awaitEvents(1).get(0));
    assertThat(header(ev).get("entityName").toString()).isEqualTo("Contact");
    assertThat(ev.get("LastName").toString()).isEqualTo("after");
    assertThat(org.control("POST", "/pubsub/entities", "{\"select\":[\"Nope\"]}").status())
        .isEqualTo(400);
    s.cancel();
  }
}
