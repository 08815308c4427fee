package dev.ferry.salesforce.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.core.cdc.ChangeEvent;
import dev.ferry.core.cdc.ChangeStreamListener;
import dev.ferry.core.cdc.ChangeType;
import dev.ferry.core.cdc.ReplayFrom;
import dev.ferry.core.cdc.ReplayId;
import dev.ferry.core.cdc.StreamFailure;
import dev.ferry.salesforce.HttpSalesforceApi;
import dev.ferry.salesforce.SalesforceConfig;
import dev.ferry.salesforce.auth.Credentials;
import dev.ferry.salesforce.pubsub.proto.FetchRequest;
import dev.ferry.salesforce.pubsub.proto.ReplayPreset;
import dev.ferry.salesforce.testing.StubSalesforce;
import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PubSubClientTest {
  private static final Duration PATIENCE = Duration.ofSeconds(10);
  private static final String CHANNEL = "/data/AccountChangeEvent";

  private StubSalesforce stub;
  private ScriptedPubSub server;
  private HttpSalesforceApi api;
  private final Recorder listener = new Recorder();

  @BeforeEach
  void setUp() throws Exception {
    stub = new StubSalesforce().tokens();
    server = new ScriptedPubSub();
  }

  @AfterEach
  void tearDown() {
    if (api != null) api.close();
    server.close();
    stub.close();
  }

  private PubSubClient client(Duration silence) {
    api =
        HttpSalesforceApi.create(
            SalesforceConfig.builder()
                .loginUrl(stub.baseUrl())
                .credentials(
                    new Credentials.UsernamePassword("cid", "csecret", "u@example.com", "pw"))
                .pubSub(
                    new PubSubSettings(
                        "127.0.0.1",
                        server.port(),
                        true,
                        null,
                        silence,
                        Duration.ofMillis(50),
                        Duration.ofMillis(200)))
                .build());
    return (PubSubClient) api.changeEvents().orElseThrow();
  }

  @Test
  void subscribesWithTheSessionAndTopsUpTheRequestedEvents() {
    client(Duration.ofMinutes(5)).subscribe(CHANNEL, ReplayFrom.latest(), listener);
    await()
        .atMost(PATIENCE)
        .until(() -> server.calls.size() == 1 && !server.call(0).requests.isEmpty());
    ScriptedPubSub.Call call = server.call(0);
    FetchRequest first = call.requests.get(0);
    assertThat(first.getTopicName()).isEqualTo(CHANNEL);
    assertThat(first.getReplayPreset()).isEqualTo(ReplayPreset.LATEST);
    assertThat(first.getNumRequested()).isEqualTo(100);
    assertThat(call.token()).isEqualTo("00D000000000001!token1");
    assertThat(call.headers.get(SessionCallCredentials.INSTANCE_URL))
        .isEqualTo(stub.baseUrl().toString());
    assertThat(call.headers.get(SessionCallCredentials.TENANT_ID)).isEqualTo("00D000000000001EAA");

    // 45 delivered, 55 still outstanding: no top-up yet
    call.send(ScriptedPubSub.events(1, 55, ids(45)));
    await().atMost(PATIENCE).until(() -> listener.events.size() == 45);
    assertThat(call.requests).hasSize(1);
    // 10 more: 45 outstanding < 50 -> ask for 55 more, back to 100
    call.send(ScriptedPubSub.events(46, 45, ids(10)));
    await().atMost(PATIENCE).until(() -> call.requests.size() == 2);
    assertThat(call.requests.get(1).getNumRequested()).isEqualTo(55);
    assertThat(call.requested()).isEqualTo(155);
    ChangeEvent e = listener.events.get(0);
    assertThat(e.entity()).isEqualTo("Account");
    assertThat(e.type()).isEqualTo(ChangeType.UPDATE);
    assertThat(e.recordIds()).containsExactly("001000000000000AAA");
    assertThat(e.replayId()).isEqualTo(ReplayId.of(ScriptedPubSub.replayId(1)));
    assertThat(listener.subscribed).containsExactly(false);
  }

  @Test
  void aDroppedStreamResumesAfterTheLastReplayIdSeen() {
    client(Duration.ofMinutes(5)).subscribe(CHANNEL, ReplayFrom.latest(), listener);
    await().atMost(PATIENCE).until(() -> server.calls.size() == 1);
    server.call(0).send(ScriptedPubSub.events(7, 98, ids(2)));
    await().atMost(PATIENCE).until(() -> listener.events.size() == 2);
    server.call(0).fail(Status.UNAVAILABLE.withDescription("going away"), null);

    await()
        .atMost(PATIENCE)
        .until(() -> server.calls.size() == 2 && !server.call(1).requests.isEmpty());
    FetchRequest resume = server.call(1).requests.get(0);
    assertThat(resume.getReplayPreset()).isEqualTo(ReplayPreset.CUSTOM);
    assertThat(resume.getReplayId().toByteArray()).isEqualTo(ScriptedPubSub.replayId(8));
    assertThat(listener.interruptions).hasSize(1);
    await().atMost(PATIENCE).until(() -> listener.subscribed.size() == 2);
    assertThat(listener.subscribed).containsExactly(false, true);
  }

  @Test
  void aKeepaliveMovesTheResumePosition() {
    client(Duration.ofMinutes(5)).subscribe(CHANNEL, ReplayFrom.latest(), listener);
    await().atMost(PATIENCE).until(() -> server.calls.size() == 1);
    server.call(0).send(ScriptedPubSub.keepalive(42, 100));
    await().atMost(PATIENCE).until(() -> listener.keepalives.size() == 1);
    server.call(0).fail(Status.INTERNAL, null);
    await()
        .atMost(PATIENCE)
        .until(() -> server.calls.size() == 2 && !server.call(1).requests.isEmpty());
    assertThat(server.call(1).requests.get(0).getReplayId().toByteArray())
        .isEqualTo(ScriptedPubSub.replayId(42));
  }

  @Test
  void anAuthErrorRenewsTheSessionAndSubscribesAgain() {
    client(Duration.ofMinutes(5)).subscribe(CHANNEL, ReplayFrom.latest(), listener);
    await().atMost(PATIENCE).until(() -> server.calls.size() == 1);
    server.call(0).fail(Status.UNAUTHENTICATED, "sfdc.platform.eventbus.grpc.service.auth.error");
    await().atMost(PATIENCE).until(() -> server.calls.size() == 2);
    assertThat(server.call(1).token()).isEqualTo("00D000000000001!token2");
    assertThat(listener.failures).isEmpty();
  }

  @Test
  void aRefusedReplayIdEndsTheStreamForTheSubscriberToDecide() {
    client(Duration.ofMinutes(5))
        .subscribe(CHANNEL, ReplayFrom.after(ReplayId.of(new byte[] {1, 2, 3})), listener);
    await()
        .atMost(PATIENCE)
        .until(() -> server.calls.size() == 1 && !server.call(0).requests.isEmpty());
    assertThat(server.call(0).requests.get(0).getReplayPreset()).isEqualTo(ReplayPreset.CUSTOM);
    server
        .call(0)
        .fail(
            Status.INVALID_ARGUMENT.withDescription("Replay ID validation failed"),
            "sfdc.platform.eventbus.grpc.subscription.fetch.replayid.corrupted");
    await().atMost(PATIENCE).until(() -> listener.failures.size() == 1);
    assertThat(listener.failures.get(0).reason()).isEqualTo(StreamFailure.Reason.REPLAY_ID_INVALID);
    assertThat(listener.failures.get(0).errorCode()).endsWith("replayid.corrupted");
    assertThat(server.calls).hasSize(1);
  }

  @Test
  void aSilentStreamIsOpenedAgain() {
    client(Duration.ofSeconds(1)).subscribe(CHANNEL, ReplayFrom.latest(), listener);
    await().atMost(PATIENCE).until(() -> server.calls.size() >= 2);
    assertThat(listener.interruptions.get(0)).startsWith("no message for");
  }

  @Test
  void backoffGrowsWithJitterUpToTheCap() {
    PubSubClient c = client(Duration.ofMinutes(5));
    EventStream s = new EventStream(c, CHANNEL, ReplayFrom.latest(), listener);
    for (int i = 0; i < 50; i++) {
      assertThat(s.backoff(1).toMillis()).isBetween(25L, 50L);
      assertThat(s.backoff(3).toMillis()).isBetween(100L, 200L);
      assertThat(s.backoff(30).toMillis()).isBetween(100L, 200L);
    }
  }

  private static String[] ids(int n) {
    String[] out = new String[n];
    for (int i = 0; i < n; i++) out[i] = String.format("001%012dAAA", i);
    return out;
  }

  static final class Recorder implements ChangeStreamListener {
    final List<Boolean> subscribed = new CopyOnWriteArrayList<>();
    final List<ChangeEvent> events = new CopyOnWriteArrayList<>();
    final List<ReplayId> keepalives = new CopyOnWriteArrayList<>();
    final List<String> interruptions = new CopyOnWriteArrayList<>();
    final List<StreamFailure> failures = new CopyOnWriteArrayList<>();

    @Override
    public void onSubscribed(boolean resumed) {
      subscribed.add(resumed);
    }

    @Override
    public void onEvent(ChangeEvent event) {
      events.add(event);
    }

    @Override
    public void onKeepalive(ReplayId latest) {
      keepalives.add(latest);
    }

    @Override
    public void onInterrupted(String why, int failures) {
      interruptions.add(why);
    }

    @Override
    public void onFailed(StreamFailure failure) {
      failures.add(failure);
    }
  }
}
