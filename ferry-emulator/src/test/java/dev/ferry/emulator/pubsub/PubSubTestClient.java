package dev.ferry.emulator.pubsub;

import static org.awaitility.Awaitility.await;

import dev.ferry.emulator.TestOrg;
import dev.ferry.emulator.pubsub.proto.ConsumerEvent;
import dev.ferry.emulator.pubsub.proto.FetchRequest;
import dev.ferry.emulator.pubsub.proto.FetchResponse;
import dev.ferry.emulator.pubsub.proto.PubSubGrpc;
import dev.ferry.emulator.pubsub.proto.ReplayPreset;
import dev.ferry.emulator.pubsub.proto.SchemaRequest;
import io.grpc.CallCredentials;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.jspecify.annotations.Nullable;

/**
 * A plain gRPC client of the emulator's Pub/Sub API for tests, built on the generated stubs: the
 * auth metadata, Subscribe streams that collect responses, Avro decoding through GetSchema.
 */
final class PubSubTestClient implements AutoCloseable {
  private final ManagedChannel channel;
  private final TestOrg org;
  private final Map<String, Schema> schemas = new ConcurrentHashMap<>();
  private volatile String token;

  PubSubTestClient(TestOrg org) {
    this.org = org;
    this.token = org.token();
    PubSubServer server = org.emulator().pubSub();
    ChannelCredentials creds;
    try {
      creds =
          server.tls()
              ? TlsChannelCredentials.newBuilder()
                  .trustManager(
                      new ByteArrayInputStream(
                          server.certificatePem().getBytes(StandardCharsets.US_ASCII)))
                  .build()
              : InsecureChannelCredentials.create();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.channel = Grpc.newChannelBuilderForAddress("localhost", server.port(), creds).build();
  }

  void token(String token) {
    this.token = token;
  }

  PubSubGrpc.PubSubBlockingStub blocking() {
    return PubSubGrpc.newBlockingStub(channel).withCallCredentials(credentials());
  }

  CallCredentials credentials() {
    return new CallCredentials() {
      @Override
      public void applyRequestMetadata(
          RequestInfo info, Executor executor, MetadataApplier applier) {
        Metadata m = new Metadata();
        m.put(PubSubAuth.ACCESS_TOKEN, token);
        m.put(PubSubAuth.INSTANCE_URL, org.base().toString());
        // access tokens start with the org id, as real ones do
        m.put(PubSubAuth.TENANT_ID, token.substring(0, token.indexOf('!')));
        applier.apply(m);
      }
    };
  }

  /** Opens a Subscribe stream and sends the first FetchRequest. */
  Stream subscribe(String topic, ReplayPreset preset, @Nullable Long replayId, int numRequested) {
    Stream s = new Stream();
    s.requests = PubSubGrpc.newStub(channel).withCallCredentials(credentials()).subscribe(s);
    FetchRequest.Builder first =
        FetchRequest.newBuilder()
            .setTopicName(topic)
            .setReplayPreset(preset)
            .setNumRequested(numRequested);
    if (replayId != null) {
      first.setReplayId(ReplayIds.encode(replayId));
    }
    s.requests.onNext(first.build());
    return s;
  }

  /** The decoded payload of an event, fetching its schema once. */
  GenericRecord decode(ConsumerEvent e) {
    Schema schema =
        schemas.computeIfAbsent(
            e.getEvent().getSchemaId(),
            id ->
                new Schema.Parser()
                    .parse(
                        blocking()
                            .getSchema(SchemaRequest.newBuilder().setSchemaId(id).build())
                            .getSchemaJson()));
    try {
      return new GenericDatumReader<GenericRecord>(schema)
          .read(
              null,
              DecoderFactory.get().binaryDecoder(e.getEvent().getPayload().toByteArray(), null));
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  static long replayId(com.google.protobuf.ByteString bytes) {
    return ByteBuffer.wrap(bytes.toByteArray()).getLong();
  }

  static String errorCode(Throwable t) {
    Metadata trailers = Status.trailersFromThrowable(t);
    return trailers == null ? null : trailers.get(PubSubErrors.ERROR_CODE);
  }

  @Override
  public void close() {
    channel.shutdownNow();
    try {
      channel.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One Subscribe call's responses and its end. */
  static final class Stream implements StreamObserver<FetchResponse> {
    final List<FetchResponse> responses = new CopyOnWriteArrayList<>();
    volatile @Nullable Throwable error;
    volatile boolean completed;
    StreamObserver<FetchRequest> requests;

    @Override
    public void onNext(FetchResponse value) {
      responses.add(value);
    }

    @Override
    public void onError(Throwable t) {
      error = t;
    }

    @Override
    public void onCompleted() {
      completed = true;
    }

    void request(int n) {
      requests.onNext(FetchRequest.newBuilder().setNumRequested(n).build());
    }

    List<ConsumerEvent> events() {
      List<ConsumerEvent> out = new ArrayList<>();
      responses.forEach(r -> out.addAll(r.getEventsList()));
      return out;
    }

    /** Waits until at least n events arrived; returns all so far. */
    List<ConsumerEvent> awaitEvents(int n) {
      await().atMost(Duration.ofSeconds(20)).until(() -> events().size() >= n || error != null);
      if (error != null && events().size() < n) {
        throw new AssertionError("stream ended: " + error, error);
      }
      return events();
    }

    StatusRuntimeException awaitError() {
      await().atMost(Duration.ofSeconds(20)).until(() -> error != null);
      return (StatusRuntimeException) error;
    }

    void cancel() {
      requests.onError(Status.CANCELLED.asRuntimeException());
    }
  }
}
