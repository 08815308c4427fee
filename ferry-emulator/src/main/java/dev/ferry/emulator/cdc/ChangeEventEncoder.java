package dev.ferry.emulator.cdc;

import dev.ferry.emulator.cdc.ChangeEventSchema.Child;
import dev.ferry.emulator.cdc.ChangeEventSchema.TopField;
import dev.ferry.emulator.org.FieldDef;
import dev.ferry.emulator.org.RecordChange;
import dev.ferry.emulator.org.StoredRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.jspecify.annotations.Nullable;

/**
 * Encodes change events as Avro binary (no container header), the way Salesforce fills them: CREATE
 * and UNDELETE carry every non-null field, UPDATE only the changed ones (the rest null, the changes
 * named in changedFields, those set to null also in nulledFields), DELETE and gap events only the
 * header.
 */
final class ChangeEventEncoder {
  private ChangeEventEncoder() {}

  /** The header's commit-level values, shared by every event of one transaction. */
  record Commit(
      String changeOrigin,
      String transactionKey,
      long commitTimestampMillis,
      long commitNumber,
      String commitUser) {}

  /** A record change (CREATE, UPDATE, DELETE, UNDELETE). */
  static byte[] change(ChangeEventSchema s, Commit commit, int sequence, RecordChange change) {
    RecordChange.Kind kind = Objects.requireNonNull(change.kind(), "no visible change");
    GenericRecord event = new GenericData.Record(s.schema());
    FieldBitmap changed = new FieldBitmap();
    FieldBitmap nulled = new FieldBitmap();
    StoredRecord after = change.after();
    StoredRecord before = change.before();
    switch (kind) {
      case CREATE, UNDELETE -> fillAll(s, event, Objects.requireNonNull(after));
      case UPDATE ->
          fillChanged(
              s,
              event,
              Objects.requireNonNull(before),
              Objects.requireNonNull(after),
              changed,
              nulled);
      case DELETE -> {}
    }
    event.put(
        0,
        header(
            s.entityName(), List.of(change.id()), kind.name(), commit, sequence, nulled, changed));
    return write(s.schema(), event);
  }

  /** A gap or overflow event: header only (overflow: no record ids). */
  static byte[] headerOnly(
      ChangeEventSchema s, Commit commit, int sequence, String changeType, List<String> ids) {
    GenericRecord event = new GenericData.Record(s.schema());
    event.put(
        0,
        header(
            s.entityName(),
            ids,
            changeType,
            commit,
            sequence,
            new FieldBitmap(),
            new FieldBitmap()));
    return write(s.schema(), event);
  }

  private static GenericRecord header(
      String entity,
      List<String> ids,
      String changeType,
      Commit commit,
      int sequence,
      FieldBitmap nulled,
      FieldBitmap changed) {
    GenericRecord h = new GenericData.Record(ChangeEventHeaders.SCHEMA);
    h.put("entityName", entity);
    h.put("recordIds", ids);
    h.put("changeType", new GenericData.EnumSymbol(ChangeEventHeaders.CHANGE_TYPE, changeType));
    h.put("changeOrigin", commit.changeOrigin());
    h.put("transactionKey", commit.transactionKey());
    h.put("sequenceNumber", sequence);
    h.put("commitTimestamp", commit.commitTimestampMillis());
    h.put("commitNumber", commit.commitNumber());
    h.put("commitUser", commit.commitUser());
    h.put("nulledFields", nulled.encode());
    h.put("diffFields", List.of());
    h.put("changedFields", changed.encode());
    return h;
  }

  private static void fillAll(ChangeEventSchema s, GenericRecord event, StoredRecord after) {
    for (TopField f : s.fields()) {
      if (f.children().isEmpty()) {
        event.put(f.index(), avro(valueSchema(s, f), after.get(Objects.requireNonNull(f.field()))));
        continue;
      }
      GenericRecord compound = null;
      Schema cs = valueSchema(s, f);
      for (int i = 0; i < f.children().size(); i++) {
        Child c = f.children().get(i);
        Object v = c.field() == null ? null : after.get(c.field());
        if (v != null) {
          if (compound == null) {
            compound = new GenericData.Record(cs);
          }
          compound.put(i, avro(c.avroType(), v));
        }
      }
      event.put(f.index(), compound);
    }
  }

  private static void fillChanged(
      ChangeEventSchema s,
      GenericRecord event,
      StoredRecord before,
      StoredRecord after,
      FieldBitmap changed,
      FieldBitmap nulled) {
    for (TopField f : s.fields()) {
      if (f.children().isEmpty()) {
        FieldDef fd = Objects.requireNonNull(f.field());
        Object was = before.get(fd);
        Object now = after.get(fd);
        // every update touches LastModifiedDate, even within the same (whole) second
        if (!same(was, now) || fd.name().equals("LastModifiedDate")) {
          changed.set(f.index());
          if (now == null) {
            nulled.set(f.index());
          }
          event.put(f.index(), avro(valueSchema(s, f), now));
        }
        continue;
      }
      GenericRecord compound = null;
      for (int i = 0; i < f.children().size(); i++) {
        Child c = f.children().get(i);
        if (c.field() == null) {
          continue;
        }
        Object was = before.get(c.field());
        Object now = after.get(c.field());
        if (same(was, now)) {
          continue;
        }
        changed.setChild(f.index(), i);
        if (now == null) {
          nulled.setChild(f.index(), i);
          continue;
        }
        if (compound == null) {
          compound = new GenericData.Record(valueSchema(s, f));
        }
        compound.put(i, avro(c.avroType(), now));
      }
      if (compound != null) {
        event.put(f.index(), compound);
      }
    }
  }

  private static boolean same(@Nullable Object a, @Nullable Object b) {
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
      return x.compareTo(y) == 0;
    }
    return Objects.equals(a, b);
  }

  /** The non-null branch of a field's {@code ["null", T]} union. */
  private static Schema valueSchema(ChangeEventSchema s, TopField f) {
    return s.schema().getFields().get(f.index()).schema().getTypes().get(1);
  }

  private static @Nullable Object avro(Schema type, @Nullable Object v) {
    return avro(type.getType(), v);
  }

  private static @Nullable Object avro(Schema.Type type, @Nullable Object v) {
    if (v == null) {
      return null;
    }
    return switch (type) {
      case BOOLEAN -> v instanceof Boolean b ? b : Boolean.parseBoolean(v.toString());
      case INT -> {
        if (v instanceof LocalDate d) {
          yield (int) d.toEpochDay();
        }
        yield v instanceof Number n ? n.intValue() : Integer.parseInt(v.toString());
      }
      case LONG -> {
        if (v instanceof Instant i) {
          yield i.toEpochMilli();
        }
        if (v instanceof OffsetDateTime o) {
          yield o.toInstant().toEpochMilli();
        }
        if (v instanceof LocalTime t) {
          yield t.toNanoOfDay() / 1_000_000;
        }
        yield v instanceof Number n ? n.longValue() : Long.parseLong(v.toString());
      }
      case DOUBLE -> v instanceof Number n ? n.doubleValue() : Double.parseDouble(v.toString());
      default -> v instanceof BigDecimal b ? b.toPlainString() : v.toString();
    };
  }

  private static byte[] write(Schema schema, GenericRecord record) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    BinaryEncoder enc = EncoderFactory.get().directBinaryEncoder(out, null);
    try {
      new GenericDatumWriter<GenericRecord>(schema).write(record, enc);
      enc.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
