package dev.ferry.salesforce.pubsub;

import dev.ferry.core.cdc.ChangeEvent;
import dev.ferry.core.cdc.ChangeType;
import dev.ferry.core.cdc.ReplayId;
import dev.ferry.salesforce.pubsub.proto.ConsumerEvent;
import dev.ferry.salesforce.pubsub.proto.PubSubGrpc;
import dev.ferry.salesforce.pubsub.proto.SchemaRequest;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

/**
 * Reads the {@code ChangeEventHeader} of an Avro-encoded change event (the field values are never
 * used: an event is a trigger). Writer schemas come from {@code GetSchema}, once per schema id.
 */
final class EventDecoder {
  private final Supplier<PubSubGrpc.PubSubBlockingStub> stub;
  private final Map<String, GenericDatumReader<GenericRecord>> readers = new ConcurrentHashMap<>();

  EventDecoder(Supplier<PubSubGrpc.PubSubBlockingStub> stub) {
    this.stub = stub;
  }

  ChangeEvent decode(ConsumerEvent event) {
    String schemaId = event.getEvent().getSchemaId();
    GenericDatumReader<GenericRecord> reader =
        readers.computeIfAbsent(schemaId, id -> new GenericDatumReader<>(fetch(id)));
    GenericRecord record;
    try {
      BinaryDecoder in =
          DecoderFactory.get().binaryDecoder(event.getEvent().getPayload().toByteArray(), null);
      record = reader.read(null, in);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          "undecodable change event " + event.getEvent().getId() + " (schema " + schemaId + ")", e);
    }
    if (!(record.get("ChangeEventHeader") instanceof GenericRecord header)) {
      throw new IllegalArgumentException(
          "event "
              + event.getEvent().getId()
              + " has no ChangeEventHeader (schema "
              + schemaId
              + ")");
    }
    List<String> ids = new ArrayList<>();
    if (header.get("recordIds") instanceof List<?> list)
      for (Object o : list) ids.add(String.valueOf(o));
    Object stamp = header.get("commitTimestamp");
    return new ChangeEvent(
        String.valueOf(header.get("entityName")),
        ChangeType.of(String.valueOf(header.get("changeType"))),
        ids,
        stamp instanceof Long ms ? Instant.ofEpochMilli(ms) : Instant.EPOCH,
        header.get("changeOrigin") == null ? "" : String.valueOf(header.get("changeOrigin")),
        ReplayId.of(event.getReplayId().toByteArray()));
  }

  private Schema fetch(String schemaId) {
    String json =
        stub.get()
            .getSchema(SchemaRequest.newBuilder().setSchemaId(schemaId).build())
            .getSchemaJson();
    return new Schema.Parser().parse(json);
  }
}
