package dev.ferry.emulator.pubsub;

import dev.ferry.emulator.cdc.ChangeDataCapture;
import dev.ferry.emulator.cdc.ChangeEventSchema;
import dev.ferry.emulator.cdc.EntityChannels;
import dev.ferry.emulator.org.ObjectDef;
import dev.ferry.emulator.pubsub.proto.FetchRequest;
import dev.ferry.emulator.pubsub.proto.FetchResponse;
import dev.ferry.emulator.pubsub.proto.PubSubGrpc;
import dev.ferry.emulator.pubsub.proto.SchemaInfo;
import dev.ferry.emulator.pubsub.proto.SchemaRequest;
import dev.ferry.emulator.pubsub.proto.TopicInfo;
import dev.ferry.emulator.pubsub.proto.TopicRequest;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * The PubSub service: GetTopic, GetSchema and Subscribe for Change Data Capture channels. Publish,
 * PublishStream and ManagedSubscribe are not offered (UNIMPLEMENTED).
 */
final class PubSubService extends PubSubGrpc.PubSubImplBase {
  private final ChangeDataCapture cdc;
  private final PubSubServer.Callers verifier;
  private final Supplier<String> orgId;
  private final ScheduledExecutorService scheduler;
  private final Supplier<Duration> keepalive;
  private final InstantSource clock;
  private final Map<String, SubscribeStream> streams = new ConcurrentHashMap<>();

  PubSubService(
      ChangeDataCapture cdc,
      PubSubServer.Callers verifier,
      Supplier<String> orgId,
      ScheduledExecutorService scheduler,
      Supplier<Duration> keepalive,
      InstantSource clock) {
    this.cdc = cdc;
    this.verifier = verifier;
    this.orgId = orgId;
    this.scheduler = scheduler;
    this.keepalive = keepalive;
    this.clock = clock;
  }

  @Override
  public void getTopic(TopicRequest request, StreamObserver<TopicInfo> out) {
    String rpcId = PubSubAuth.RPC.get();
    String name = request.getTopicName();
    if (name.isEmpty()) {
      out.onError(
          PubSubErrors.of(
              Status.Code.INVALID_ARGUMENT,
              PubSubErrors.TOPIC_EMPTY,
              "topic_name is required",
              rpcId));
      return;
    }
    String schemaId;
    if (name.equals(EntityChannels.ALL_TOPIC)) {
      // a multi-entity channel has no single schema: each event names its own
      schemaId = "";
    } else {
      String channel = EntityChannels.entityOfTopic(name);
      ObjectDef def = channel == null ? null : cdc.objectOfChannel(channel);
      if (def == null) {
        out.onError(
            PubSubErrors.of(
                Status.Code.NOT_FOUND, PubSubErrors.TOPIC_NOT_FOUND, "no topic " + name, rpcId));
        return;
      }
      schemaId = cdc.schemaOf(def.name()).map(ChangeEventSchema::schemaId).orElse("");
    }
    out.onNext(
        TopicInfo.newBuilder()
            .setTopicName(name)
            .setTenantGuid(orgId.get())
            .setCanPublish(false)
            .setCanSubscribe(true)
            .setSchemaId(schemaId)
            .setRpcId(rpcId)
            .build());
    out.onCompleted();
  }

  @Override
  public void getSchema(SchemaRequest request, StreamObserver<SchemaInfo> out) {
    String rpcId = PubSubAuth.RPC.get();
    var json = cdc.schemaJson(request.getSchemaId());
    if (json.isEmpty()) {
      out.onError(
          PubSubErrors.of(
              Status.Code.NOT_FOUND,
              PubSubErrors.SCHEMA_NOT_FOUND,
              "no schema " + request.getSchemaId(),
              rpcId));
      return;
    }
    out.onNext(
        SchemaInfo.newBuilder()
            .setSchemaId(request.getSchemaId())
            .setSchemaJson(json.get())
            .setRpcId(rpcId)
            .build());
    out.onCompleted();
  }

  @Override
  public StreamObserver<FetchRequest> subscribe(StreamObserver<FetchResponse> out) {
    String[] id = new String[1];
    SubscribeStream s =
        new SubscribeStream(
            PubSubAuth.RPC.get(),
            PubSubAuth.TOKEN.get(),
            (ServerCallStreamObserver<FetchResponse>) out,
            cdc,
            verifier,
            scheduler,
            keepalive.get(),
            clock.instant(),
            () -> streams.remove(id[0]));
    id[0] = s.id();
    streams.put(s.id(), s);
    return s;
  }

  /** Open subscriptions, oldest first. */
  List<SubscribeStream.Info> subscriptions() {
    List<SubscribeStream.Info> out = new ArrayList<>();
    streams.values().forEach(s -> out.add(s.info()));
    out.sort(Comparator.comparing(SubscribeStream.Info::openedAt));
    return out;
  }

  /** Ends every open stream with UNAVAILABLE; returns how many. */
  int dropAll() {
    List<SubscribeStream> open = new ArrayList<>(streams.values());
    open.forEach(SubscribeStream::drop);
    return open.size();
  }
}
