package dev.ferry.emulator.pubsub;

import static dev.ferry.emulator.pubsub.ChangeEventsIT.awaitSubscriptions;
import static dev.ferry.emulator.pubsub.ChangeEventsIT.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import dev.ferry.emulator.TestOrg;
import dev.ferry.emulator.pubsub.PubSubTestClient.Stream;
import dev.ferry.emulator.pubsub.proto.ConsumerEvent;
import dev.ferry.emulator.pubsub.proto.FetchRequest;
import dev.ferry.emulator.pubsub.proto.FetchResponse;
import dev.ferry.emulator.pubsub.proto.ReplayPreset;
import dev.ferry.emulator.pubsub.proto.SchemaRequest;
import dev.ferry.emulator.pubsub.proto.TopicInfo;
import dev.ferry.emulator.pubsub.proto.TopicRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Subscribe contract over real gRPC: flow control, replay presets, replay id errors, retention,
 * keepalives, topics, schemas and auth.
 */
class SubscribeIT {
  private static final String S = TestOrg.V + "/sobjects";
  private static final String TOPIC = "/data/AccountChangeEvent";

  private static TestOrg org;
  private static PubSubTestClient client;

  @BeforeAll
  static void start() {
    org =
        TestOrg.start(b ->
            b.changeEventEntities(Set.of("AccountChangeEvent"))
                .pubSubKeepalive(Duration.ofMillis(500)));
    client = new PubSubTestClient(org);
  }

  @AfterAll
  static void stop() {
    client.close();
    org.close();
  }

  private static String account(String name) {
    return org.post(S + "/Account", "{\"Name\":\"" + name + "\"}").json().path("id").asString();
  }

  @Test
  void numRequestedAddsUpAndIsReportedAsPending() {
    Stream s = client.subscribe(TOPIC, ReplayPreset.LATEST, null, 2);
    try {
      awaitSubscriptions(org, 1);
      for (int i = 0; i < 3; i++) {
        account("flow " + i);
      }
      s.awaitEvents(2);
      FetchResponse last = lastWithEvents(s);
      assertThat(last.getPendingNumRequested()).isZero();
      // the third waits for a new request
      await()
          .during(Duration.ofMillis(700))
          .atMost(Duration.ofSeconds(3))
          .until(() -> s.events().size() == 2);
      s.request(5);
      s.awaitEvents(3);
      assertThat(lastWithEvents(s).getPendingNumRequested()).isEqualTo(4);
      s.request(500);
      await().atMost(Duration.ofSeconds(5)).until(() -> pendingReported(org) == 100);
    } finally {
      s.cancel();
    }
  }

  private static int pendingReported(TestOrg org) {
    for (var sub : org.control("GET", "/pubsub/subscriptions", null).json().path("subscriptions")) {
      if (sub.path("topic").asString().equals(TOPIC)) {
        return sub.path("pendingNumRequested").asInt();
      }
    }
    return -1;
  }

  private static FetchResponse lastWithEvents(Stream s) {
    FetchResponse last = null;
    for (FetchResponse r : s.responses) {
      if (r.getEventsCount() > 0) {
        last = r;
      }
    }
    return last;
  }

  @Test
  void earliestReplaysRetainedEventsAndCustomResumesAfterAReplayId() {
    String first = account("replay 1");
    String second = account("replay 2");
    Stream all = client.subscribe(TOPIC, ReplayPreset.EARLIEST, null, 100);
    List<ConsumerEvent> events;
    try {
      events = all.awaitEvents(2);
    } finally {
      all.cancel();
    }
    int i = indexOf(events, first);
    assertThat(indexOf(events, second)).isEqualTo(i + 1);
    long firstReplay = PubSubTestClient.replayId(events.get(i).getReplayId());
    Stream resumed = client.subscribe(TOPIC, ReplayPreset.CUSTOM, firstReplay, 100);
    try {
      ConsumerEvent next = resumed.awaitEvents(1).get(0);
      assertThat(ids(next)).containsExactly(second);
    } finally {
      resumed.cancel();
    }
  }

  private static int indexOf(List<ConsumerEvent> events, String id) {
    for (int i = 0; i < events.size(); i++) {
      if (ids(events.get(i)).contains(id)) {
        return i;
      }
    }
    throw new AssertionError("no event for " + id);
  }

  private static List<String> ids(ConsumerEvent e) {
    return ChangeEventsIT.strings(header(client.decode(e)).get("recordIds"));
  }

  @Test
  void corruptedMissingAndExpiredReplayIdsAreRefused() {
    StatusRuntimeException garbage =
        client.subscribe(TOPIC, ReplayPreset.CUSTOM, null, 1).awaitError();
    assertThat(garbage.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(PubSubTestClient.errorCode(garbage))
        .isEqualTo("sfdc.platform.eventbus.grpc.subscription.fetch.replayid.validation.failed");
    assertThat(garbage.getStatus().getDescription()).containsPattern("rpcId: [0-9a-f-]{36}$");

    Stream fourBytes = new Stream();
    fourBytes.requests =
        dev.ferry.emulator.pubsub.proto.PubSubGrpc.newStub(channelOf())
            .withCallCredentials(client.credentials())
            .subscribe(fourBytes);
    fourBytes.requests.onNext(
        FetchRequest.newBuilder()
            .setTopicName(TOPIC)
            .setReplayPreset(ReplayPreset.CUSTOM)
            .setReplayId(ByteString.copyFrom(new byte[] {1, 2, 3, 4}))
            .setNumRequested(1)
            .build());
    assertThat(PubSubTestClient.errorCode(fourBytes.awaitError()))
        .isEqualTo("sfdc.platform.eventbus.grpc.subscription.fetch.replayid.corrupted");

    StatusRuntimeException future =
        client.subscribe(TOPIC, ReplayPreset.CUSTOM, Long.MAX_VALUE - 5, 1).awaitError();
    assertThat(PubSubTestClient.errorCode(future))
        .isEqualTo("sfdc.platform.eventbus.grpc.subscription.fetch.replayid.corrupted");
  }

  private static io.grpc.Channel channelOf() {
    return client.blocking().getChannel();
  }

  @Test
  void aReplayIdOlderThanTheRetentionIsCorrupted() {
    try (TestOrg own =
            TestOrg.start(b ->
                b.changeEventEntities(Set.of("AccountChangeEvent")).tokenTtl(Duration.ofDays(5)));
        PubSubTestClient c = new PubSubTestClient(own)) {
      own.post(S + "/Account", "{\"Name\":\"old\"}");
      Stream s = c.subscribe(TOPIC, ReplayPreset.EARLIEST, null, 1);
      long replay = PubSubTestClient.replayId(s.awaitEvents(1).get(0).getReplayId());
      s.cancel();
      own.post(S + "/Account", "{\"Name\":\"newer\"}");
      own.control("POST", "/clock", "{\"advanceSeconds\":" + (72 * 3600 + 1) + "}");
      StatusRuntimeException e = c.subscribe(TOPIC, ReplayPreset.CUSTOM, replay, 1).awaitError();
      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
      assertThat(PubSubTestClient.errorCode(e))
          .isEqualTo("sfdc.platform.eventbus.grpc.subscription.fetch.replayid.corrupted");
    }
  }

  @Test
  void idleStreamsGetKeepalivesWithAnEightByteLatestReplayId() {
    Stream s = client.subscribe(TOPIC, ReplayPreset.LATEST, null, 1);
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> !s.responses.isEmpty());
      FetchResponse keepalive = s.responses.get(0);
      assertThat(keepalive.getEventsCount()).isZero();
      assertThat(keepalive.getLatestReplayId().size()).isEqualTo(8);
      assertThat(keepalive.getPendingNumRequested()).isEqualTo(1);
      assertThat(keepalive.getRpcId()).hasSize(36);
    } finally {
      s.cancel();
    }
  }

  @Test
  void aSecondRequestForAnotherTopicFails() {
    Stream s = client.subscribe(TOPIC, ReplayPreset.LATEST, null, 1);
    s.requests.onNext(
        FetchRequest.newBuilder()
            .setTopicName("/data/ContactChangeEvent")
            .setNumRequested(1)
            .build());
    StatusRuntimeException e = s.awaitError();
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(PubSubTestClient.errorCode(e))
        .isEqualTo("sfdc.platform.eventbus.grpc.subscription.fetch.topic.mismatch");
  }

  @Test
  void topicsAndSchemas() {
    TopicInfo topic =
        client.blocking().getTopic(TopicRequest.newBuilder().setTopicName(TOPIC).build());
    assertThat(topic.getCanSubscribe()).isTrue();
    assertThat(topic.getCanPublish()).isFalse();
    assertThat(topic.getSchemaId()).matches("[A-Za-z0-9_-]{22}");
    assertThat(topic.getTenantGuid()).startsWith(org.token().substring(0, 15));
    String json =
        client
            .blocking()
            .getSchema(SchemaRequest.newBuilder().setSchemaId(topic.getSchemaId()).build())
            .getSchemaJson();
    assertThat(json).contains("\"name\":\"AccountChangeEvent\"").contains("ChangeEventHeader");

    assertThat(
            client
                .blocking()
                .getTopic(
                    TopicRequest.newBuilder().setTopicName("/data/Invoice__ChangeEvent").build())
                .getSchemaId())
        .hasSize(22);
    assertThatThrownBy(() ->
            client
                .blocking()
                .getTopic(TopicRequest.newBuilder().setTopicName("/data/NopeChangeEvent").build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e ->
                assertThat(PubSubTestClient.errorCode(e))
                    .isEqualTo("sfdc.platform.eventbus.grpc.topic.not.found"));
    assertThatThrownBy(() ->
            client.blocking().getSchema(SchemaRequest.newBuilder().setSchemaId("nope").build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
  }

  @Test
  void aSchemaChangeGivesANewIdAndTheOldOneStaysServable() {
    String before =
        client
            .blocking()
            .getTopic(TopicRequest.newBuilder().setTopicName(TOPIC).build())
            .getSchemaId();
    assertThat(
            org.control(
                    "POST",
                    "/schema/Account/fields",
                    "{\"name\":\"Cdc_Extra__c\",\"type\":\"string\",\"length\":20}")
                .status())
        .isEqualTo(201);
    String after =
        client
            .blocking()
            .getTopic(TopicRequest.newBuilder().setTopicName(TOPIC).build())
            .getSchemaId();
    assertThat(after).isNotEqualTo(before);
    assertThat(
            client
                .blocking()
                .getSchema(SchemaRequest.newBuilder().setSchemaId(before).build())
                .getSchemaJson())
        .doesNotContain("Cdc_Extra__c");
    assertThat(
            client
                .blocking()
                .getSchema(SchemaRequest.newBuilder().setSchemaId(after).build())
                .getSchemaJson())
        .contains("Cdc_Extra__c");
  }

  @Test
  void badOrExpiredTokensGetTheAuthErrorCode() {
    try (TestOrg own = TestOrg.start(b -> b.changeEventEntities(Set.of("AccountChangeEvent")));
        PubSubTestClient c = new PubSubTestClient(own)) {
      Stream live = c.subscribe(TOPIC, ReplayPreset.LATEST, null, 1);
      awaitSubscriptions(own, 1);
      own.control("POST", "/sessions/expire", "{}");
      StatusRuntimeException ended = live.awaitError();
      assertThat(ended.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
      assertThat(PubSubTestClient.errorCode(ended))
          .isEqualTo("sfdc.platform.eventbus.grpc.service.auth.error");

      StatusRuntimeException refused =
          c.subscribe(TOPIC, ReplayPreset.LATEST, null, 1).awaitError();
      assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
      assertThat(PubSubTestClient.errorCode(refused))
          .isEqualTo("sfdc.platform.eventbus.grpc.service.auth.error");
      assertThatThrownBy(
              () -> c.blocking().getTopic(TopicRequest.newBuilder().setTopicName(TOPIC).build()))
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e ->
                  assertThat(PubSubTestClient.errorCode(e))
                      .isEqualTo("sfdc.platform.eventbus.grpc.service.auth.error"));
    }
  }

  @Test
  void plaintextServesTheSameApi() {
    try (TestOrg own =
            TestOrg.start(
                b -> b.pubSubPlaintext(true).changeEventEntities(Set.of("AccountChangeEvent")));
        PubSubTestClient c = new PubSubTestClient(own)) {
      assertThat(own.emulator().pubSub().tls()).isFalse();
      Stream s = c.subscribe(TOPIC, ReplayPreset.LATEST, null, 1);
      awaitSubscriptions(own, 1);
      own.post(S + "/Account", "{\"Name\":\"plain\"}");
      assertThat(s.awaitEvents(1)).hasSize(1);
      s.cancel();
    }
  }
}
