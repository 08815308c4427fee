package dev.ferry.salesforce.pubsub;

import com.google.protobuf.ByteString;
import dev.ferry.salesforce.pubsub.proto.ConsumerEvent;
import dev.ferry.salesforce.pubsub.proto.FetchRequest;
import dev.ferry.salesforce.pubsub.proto.FetchResponse;
import dev.ferry.salesforce.pubsub.proto.ProducerEvent;
import dev.ferry.salesforce.pubsub.proto.PubSubGrpc;
import dev.ferry.salesforce.pubsub.proto.SchemaInfo;
import dev.ferry.salesforce.pubsub.proto.SchemaRequest;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * A scripted Pub/Sub server for unit tests of the client's own stream keeping (flow control,
 * session renewal, reconnects), where a failure must happen exactly when the test says. Protocol
 * behaviour against a faithful server is proven with the emulator in ferry-engine's ITs.
 */
final class ScriptedPubSub implements AutoCloseable {
  static final Schema HEADER =
      SchemaBuilder.record("ChangeEventHeader")
          .namespace("com.sforce.eventbus")
          .fields()
          .requiredString("entityName")
          .name("recordIds")
          .type()
          .array()
          .items()
          .stringType()
          .noDefault()
          .name("changeType")
          .type()
          .enumeration("ChangeType")
          .symbols(
              "CREATE",
              "UPDATE",
              "DELETE",
              "UNDELETE",
              "GAP_CREATE",
              "GAP_UPDATE",
              "GAP_DELETE",
              "GAP_UNDELETE",
              "GAP_OVERFLOW")
          .noDefault()
          .requiredString("changeOrigin")
          .requiredString("transactionKey")
          .requiredInt("sequenceNumber")
          .requiredLong("commitTimestamp")
          .requiredLong("commitNumber")
          .requiredString("commitUser")
          .name("nulledFields")
          .type()
          .array()
          .items()
          .stringType()
          .noDefault()
          .name("diffFields")
          .type()
          .array()
          .items()
          .stringType()
          .noDefault()
          .name("changedFields")
          .type()
          .array()
          .items()
          .stringType()
          .noDefault()
          .endRecord();
  static final Schema EVENT =
      SchemaBuilder.record("AccountChangeEvent")
          .namespace("com.sforce.eventbus")
          .fields()
          .name("ChangeEventHeader")
          .type(HEADER)
          .noDefault()
          .optionalString("Name")
          .endRecord();
  static final String SCHEMA_ID = "scriptedSchemaId000000";

  /** One open Subscribe call as the server sees it. */
  static final class Call {
    final Metadata headers;
    final List<FetchRequest> requests = new CopyOnWriteArrayList<>();
    final StreamObserver<FetchResponse> out;

    Call(Metadata headers, StreamObserver<FetchResponse> out) {
      this.headers = headers;
      this.out = out;
    }

    String token() {
      return headers.get(SessionCallCredentials.ACCESS_TOKEN);
    }

    int requested() {
      return requests.stream().mapToInt(FetchRequest::getNumRequested).sum();
    }

    synchronized void send(FetchResponse r) {
      out.onNext(r);
    }

    synchronized void fail(Status status, String errorCode) {
      Metadata trailers = new Metadata();
      if (errorCode != null) trailers.put(PubSubError.ERROR_CODE, errorCode);
      out.onError(status.asRuntimeException(trailers));
    }
  }

  final List<Call> calls = new CopyOnWriteArrayList<>();
  private final Server server;
  private static final io.grpc.Context.Key<Metadata> HEADERS = io.grpc.Context.key("headers");

  ScriptedPubSub() throws IOException {
    PubSubGrpc.PubSubImplBase impl =
        new PubSubGrpc.PubSubImplBase() {
          @Override
          public StreamObserver<FetchRequest> subscribe(StreamObserver<FetchResponse> out) {
            Call call = new Call(HEADERS.get(), out);
            calls.add(call);
            return new StreamObserver<>() {
              @Override
              public void onNext(FetchRequest r) {
                call.requests.add(r);
              }

              @Override
              public void onError(Throwable t) {}

              @Override
              public void onCompleted() {}
            };
          }

          @Override
          public void getSchema(SchemaRequest request, StreamObserver<SchemaInfo> out) {
            out.onNext(
                SchemaInfo.newBuilder()
                    .setSchemaId(request.getSchemaId())
                    .setSchemaJson(EVENT.toString())
                    .build());
            out.onCompleted();
          }
        };
    ServerInterceptor capture =
        new ServerInterceptor() {
          @Override
          public <Q, A> ServerCall.Listener<Q> interceptCall(
              ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
            return Contexts.interceptCall(
                io.grpc.Context.current().withValue(HEADERS, headers), call, headers, next);
          }
        };
    server =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .addService(ServerInterceptors.intercept(impl, capture))
            .build()
            .start();
  }

  int port() {
    return server.getPort();
  }

  Call call(int i) {
    return calls.get(i);
  }

  static byte[] replayId(long n) {
    return ByteBuffer.allocate(8).putLong(n).array();
  }

  /** A response carrying one UPDATE event per id, with replay ids from {@code firstReplay}. */
  static FetchResponse events(long firstReplay, int pending, String... ids) {
    FetchResponse.Builder r = FetchResponse.newBuilder().setPendingNumRequested(pending);
    long replay = firstReplay;
    for (String id : ids) {
      r.addEvents(
          ConsumerEvent.newBuilder()
              .setReplayId(ByteString.copyFrom(replayId(replay++)))
              .setEvent(
                  ProducerEvent.newBuilder()
                      .setId("e" + replay)
                      .setSchemaId(SCHEMA_ID)
                      .setPayload(ByteString.copyFrom(payload("UPDATE", id)))));
    }
    return r.setLatestReplayId(ByteString.copyFrom(replayId(replay - 1))).build();
  }

  static FetchResponse keepalive(long latest, int pending) {
    return FetchResponse.newBuilder()
        .setLatestReplayId(ByteString.copyFrom(replayId(latest)))
        .setPendingNumRequested(pending)
        .build();
  }

  static byte[] payload(String type, String id) {
    GenericRecord h = new GenericData.Record(HEADER);
    h.put("entityName", "Account");
    h.put("recordIds", id == null ? List.of() : List.of(id));
    h.put("changeType", new GenericData.EnumSymbol(HEADER.getField("changeType").schema(), type));
    h.put("changeOrigin", "com/salesforce/api/rest/62.0");
    h.put("transactionKey", "00000000-0000-0000-0000-000000000001");
    h.put("sequenceNumber", 1);
    h.put("commitTimestamp", 1_700_000_000_000L);
    h.put("commitNumber", 1L);
    h.put("commitUser", "005000000000001AAA");
    h.put("nulledFields", List.of());
    h.put("diffFields", List.of());
    h.put("changedFields", List.of("0x02"));
    GenericRecord e = new GenericData.Record(EVENT);
    e.put("ChangeEventHeader", h);
    e.put("Name", "Acme");
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      BinaryEncoder enc = EncoderFactory.get().directBinaryEncoder(bytes, null);
      new GenericDatumWriter<GenericRecord>(EVENT).write(e, enc);
      enc.flush();
      return bytes.toByteArray();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  @Override
  public void close() {
    server.shutdownNow();
  }
}
