package dev.ferry.emulator.cdc;

import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;

/**
 * The {@code ChangeEventHeader} record, fields in Salesforce's wire order (proven from a real
 * event's bytes): entityName, recordIds, changeType, changeOrigin, transactionKey, sequenceNumber,
 * commitTimestamp, commitNumber, commitUser, nulledFields, diffFields, changedFields.
 */
final class ChangeEventHeaders {
  /** Symbol order: CREATE first, UPDATE second (a real UPDATE encodes as index 1). */
  static final List<String> CHANGE_TYPES =
      List.of(
          "CREATE",
          "UPDATE",
          "DELETE",
          "UNDELETE",
          "GAP_CREATE",
          "GAP_UPDATE",
          "GAP_DELETE",
          "GAP_UNDELETE",
          "GAP_OVERFLOW",
          "SNAPSHOT");

  static final Schema CHANGE_TYPE =
      SchemaBuilder.enumeration("ChangeType")
          .namespace(ChangeEventSchema.NAMESPACE)
          .symbols(CHANGE_TYPES.toArray(String[]::new));

  static final Schema SCHEMA =
      SchemaBuilder.record("ChangeEventHeader")
          .namespace(ChangeEventSchema.NAMESPACE)
          .fields()
          .requiredString("entityName")
          .name("recordIds")
          .type()
          .array()
          .items()
          .stringType()
          .noDefault()
          .name("changeType")
          .type(CHANGE_TYPE)
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

  private ChangeEventHeaders() {}
}
