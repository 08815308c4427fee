package dev.ferry.engine.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.model.ValueKind;
import dev.ferry.core.sf.ExternalRef;
import dev.ferry.core.sf.FieldType;
import dev.ferry.core.sf.IngestOperation;
import dev.ferry.core.sf.RecordError;
import dev.ferry.core.sf.SaveOperation;
import dev.ferry.core.sf.SaveRequest;
import dev.ferry.core.sf.SfValueText;
import dev.ferry.salesforce.bulk.SaveRequestCsv;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Trigger-log text → Salesforce values, ingest CSV, Bulk error text, _hc_err. */
class ValuesAndCsvTest {

  @Test
  void postgresTextBecomesTypedSalesforceValues() {
    assertThat(SfValues.convert("c", ValueKind.BOOLEAN, FieldType.BOOLEAN, "t")).isEqualTo(true);
    assertThat(SfValues.convert("c", ValueKind.BOOLEAN, FieldType.BOOLEAN, "f")).isEqualTo(false);
    assertThat(SfValues.convert("c", ValueKind.INTEGER, FieldType.INT, "42")).isEqualTo(42);
    assertThat(SfValues.convert("c", ValueKind.DOUBLE, FieldType.CURRENCY, "1234.5"))
        .isEqualTo(new BigDecimal("1234.5"));
    assertThat(SfValues.convert("c", ValueKind.DOUBLE, FieldType.DOUBLE, "1e+20"))
        .isEqualTo(new BigDecimal("1e+20"));
    assertThat(SfValues.convert("c", ValueKind.DATE, FieldType.DATE, "1990-05-17"))
        .isEqualTo(LocalDate.parse("1990-05-17"));
    // timestamp without time zone holds UTC (Heroku Connect)
    assertThat(
            SfValues.convert(
                "c", ValueKind.TIMESTAMP, FieldType.DATETIME, "2024-01-02 03:04:05.123456"))
        .isEqualTo(Instant.parse("2024-01-02T03:04:05.123456Z"));
    // timestamptz arrives with the capturing session's offset
    assertThat(
            SfValues.convert(
                "c", ValueKind.TIMESTAMPTZ, FieldType.DATETIME, "2024-01-02 08:49:05+05:45"))
        .isEqualTo(Instant.parse("2024-01-02T03:04:05Z"));
    assertThat(
            SfValues.convert(
                "c", ValueKind.TIMESTAMPTZ, FieldType.DATETIME, "2024-01-02 03:04:05-08"))
        .isEqualTo(Instant.parse("2024-01-02T11:04:05Z"));
    assertThat(SfValues.convert("c", ValueKind.TIME, FieldType.TIME, "08:30:00"))
        .isEqualTo(LocalTime.parse("08:30"));
    assertThat(SfValues.convert("c", ValueKind.TEXT, FieldType.STRING, "")).isNull();
    assertThat(SfValues.convert("c", ValueKind.TEXT, FieldType.STRING, null)).isNull();
    assertThat(SfValues.convert("c", ValueKind.TEXT, FieldType.PICKLIST, "a;b")).isEqualTo("a;b");
  }

  @Test
  void valuesSalesforceCannotTakeAreRefusedNamingTheColumn() {
    assertThatThrownBy(
            () -> SfValues.convert("score__c", ValueKind.DOUBLE, FieldType.DOUBLE, "NaN"))
        .isInstanceOf(SfValues.InvalidValueException.class)
        .hasMessageContaining("score__c");
    assertThatThrownBy(() -> SfValues.convert("n", ValueKind.BIGINT, FieldType.INT, "99999999999"))
        .hasMessageContaining("column n")
        .hasMessageContaining("int");
  }

  @Test
  void bulkWritesBecomeTheClientsIngestCsvQuotingClearingAndLeavingUnchanged() throws Exception {
    Change c = Change.of(Entries.update(1, "003A", "lastname", "x"));
    Map<String, Object> f1 = new java.util.LinkedHashMap<>();
    f1.put("LastName", "Smith, \"Jr\"\nII");
    f1.put("Score__c", new BigDecimal("12.50"));
    f1.put("Account.External_Id__c", new ExternalRef("Account", "External_Id__c", "ACC-1"));
    Map<String, Object> f2 = new java.util.LinkedHashMap<>();
    f2.put("Email", null);
    f2.put("Birthdate", LocalDate.parse("1990-05-17"));
    f2.put("HasOptedOutOfEmail", true);
    List<Write> writes =
        List.of(
            new Write(c, SaveOperation.UPDATE, "003A00000000001AAA", f1, "k1", "UPDATED"),
            new Write(c, SaveOperation.UPDATE, "003A00000000002AAA", f2, "k2", "UPDATED"));
    SaveRequestCsv csv = SaveRequestCsv.of(IngestOperation.UPDATE, requests(writes));
    assertThat(csv.header().names())
        .containsExactly(
            "Id",
            "LastName",
            "Score__c",
            "Account.External_Id__c",
            "Email",
            "Birthdate",
            "HasOptedOutOfEmail");
    StringWriter out = new StringWriter();
    csv.writeRows(0, 2, out);
    assertThat(out.toString())
        .isEqualTo(
            "003A00000000001AAA,\"Smith, \"\"Jr\"\"\nII\",12.50,ACC-1,,,\n"
                + "003A00000000002AAA,,,,#N/A,1990-05-17,true\n");
    assertThat(SfValueText.of("d", Instant.parse("2024-01-02T03:04:05.1Z")))
        .isEqualTo("2024-01-02T03:04:05.100Z");
    List<Write> deletes =
        List.of(
            new Write(c, SaveOperation.DELETE, "003A00000000001AAA", Map.of(), "k1", "DELETED"));
    SaveRequestCsv delete = SaveRequestCsv.of(IngestOperation.DELETE, requests(deletes));
    assertThat(delete.header().names()).containsExactly("Id");
  }

  private static List<SaveRequest> requests(List<Write> writes) {
    return writes.stream().map(w -> w.request("Contact")).toList();
  }

  @Test
  void bulkErrorsAreParsedIntoCodeMessageAndFields() {
    assertThat(
            BulkSender.parseError(
                "REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --"))
        .isEqualTo(
            new RecordError(
                "REQUIRED_FIELD_MISSING", "Required fields are missing: [Name]", List.of("Name")));
    assertThat(BulkSender.parseError("INVALID_CROSS_REFERENCE_KEY:invalid cross reference id:--"))
        .isEqualTo(
            new RecordError(
                "INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", List.of()));
    assertThat(
            BulkSender.parseError(
                    "UNABLE_TO_LOCK_ROW:unable to obtain exclusive access to this record:--")
                .statusCode())
        .isEqualTo("UNABLE_TO_LOCK_ROW");
    assertThat(BulkSender.key(SaveOperation.UPSERT, " ABC-1 ")).isEqualTo("abc-1");
    assertThat(BulkSender.key(SaveOperation.UPSERT, "12.50"))
        .isEqualTo(BulkSender.key(SaveOperation.UPSERT, "12.5"));
    assertThat(BulkSender.key(SaveOperation.UPDATE, "003A00000000001AAA"))
        .isEqualTo("003A00000000001");
  }

  @Test
  void hcErrIsJsonWithCodeMessageAndFields() {
    assertThat(
            Outcomes.hcErr(
                new RecordError(
                    "FIELD_CUSTOM_VALIDATION_EXCEPTION",
                    "Say \"hi\"\n",
                    List.of("Email", "Phone"))))
        .isEqualTo(
            "{\"code\":\"FIELD_CUSTOM_VALIDATION_EXCEPTION\",\"message\":\"Say \\\"hi\\\"\\n\",\"fields\":[\"Email\",\"Phone\"]}");
    assertThat(
            Outcomes.message(
                new RecordError("DUPLICATE_VALUE", "duplicate value found", List.of())))
        .isEqualTo("DUPLICATE_VALUE: duplicate value found");
  }

  @Test
  void relationshipColumnsGoOutAsReferencesUnlessTheLookupIdIsKnown() {
    WriteTarget t = Entries.contact("Contact_UUID__c");
    var fields =
        RecordFields.forInsert(
            t,
            Entries.map(
                "lastname",
                "Kid",
                "account__external_id__c",
                "ACC-9",
                "contact_uuid__c",
                "u-1",
                "hasoptedoutofemail",
                "f",
                "sfid",
                null,
                "id",
                "7"));
    assertThat(fields)
        .containsEntry("LastName", "Kid")
        .containsEntry(
            "Account.External_Id__c", new ExternalRef("Account", "External_Id__c", "ACC-9"))
        .containsEntry("HasOptedOutOfEmail", false)
        .doesNotContainKeys("Id", "sfid", "AccountId");
    assertThat(RecordFields.upsertValue(t, Entries.map("contact_uuid__c", "u-1"))).isEqualTo("u-1");
    var withId =
        RecordFields.forInsert(
            t,
            Entries.map(
                "lastname",
                "Kid",
                "account__external_id__c",
                "ACC-9",
                "accountid",
                "001A00000000001AAA"));
    assertThat(withId)
        .containsEntry("AccountId", "001A00000000001AAA")
        .doesNotContainKey("Account.External_Id__c");
    var update =
        RecordFields.forUpdate(
            t, Entries.map("email", null, "systemmodstamp", "2024-01-01 00:00:00"));
    assertThat(update).containsOnlyKeys("Email").containsEntry("Email", null);
  }
}
