package dev.ferry.salesforce.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.sf.ExternalRef;
import dev.ferry.core.sf.IngestOperation;
import dev.ferry.core.sf.SaveRequest;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SaveRequestCsvTest {
  @Test
  void quotesOnlyWhatNeedsQuotingAndWritesNullAsNA() throws Exception {
    Map<String, Object> f1 = new LinkedHashMap<>();
    f1.put("Name", "Acme, \"The\" Company");
    f1.put("Description", "line one\nline two");
    f1.put("NumberOfEmployees", 12);
    f1.put("AnnualRevenue", new BigDecimal("912260031.50"));
    f1.put("Active__c", true);
    f1.put("Phone", null);
    Map<String, Object> f2 = new LinkedHashMap<>();
    f2.put("Name", "Plain");
    f2.put("Founded__c", LocalDate.of(2001, 2, 3));
    f2.put("Seen__c", Instant.parse("2024-01-02T03:04:05Z"));
    f2.put("Phone", "");
    SaveRequestCsv csv =
        SaveRequestCsv.of(
            IngestOperation.INSERT,
            List.of(new SaveRequest("Account", null, f1), new SaveRequest("Account", null, f2)));

    assertThat(csv.header().names())
        .containsExactly(
            "Name",
            "Description",
            "NumberOfEmployees",
            "AnnualRevenue",
            "Active__c",
            "Phone",
            "Founded__c",
            "Seen__c");
    assertThat(new String(CsvUploadBody.headerLine(csv)))
        .isEqualTo(
            "Name,Description,NumberOfEmployees,AnnualRevenue,Active__c,Phone,Founded__c,Seen__c\n");
    assertThat(write(csv))
        .isEqualTo(
            "\"Acme, \"\"The\"\" Company\",\"line one\nline two\",12,912260031.50,true,#N/A,,\n"
                + "Plain,,,,,#N/A,2001-02-03,2024-01-02T03:04:05.000Z\n");
  }

  @Test
  void externalRefsBecomeRelationshipColumns() throws Exception {
    SaveRequestCsv csv =
        SaveRequestCsv.of(
            IngestOperation.UPSERT,
            List.of(
                new SaveRequest(
                    "Contact",
                    null,
                    Map.of("AccountId", new ExternalRef("Account", "External_Id__c", "ACME-1")))));
    assertThat(csv.header().names()).containsExactly("Account.External_Id__c");
    assertThat(write(csv)).isEqualTo("ACME-1\n");
  }

  @Test
  void anEmptyExternalIdClearsTheReferenceAndBinaryIsBase64() throws Exception {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("Account.External_Id__c", new ExternalRef("Account", "External_Id__c", ""));
    fields.put("Body", new byte[] {1, 2, 3});
    SaveRequestCsv csv =
        SaveRequestCsv.of(
            IngestOperation.INSERT, List.of(new SaveRequest("Contact", null, fields)));
    // a first cell starting with # is quoted (no reader can take the line for a comment)
    assertThat(write(csv)).isEqualTo("\"#N/A\",AQID\n");
  }

  @Test
  void updateHasAnIdColumnAndDeleteOnlyThat() throws Exception {
    SaveRequest r =
        new SaveRequest("Account", "001000000000001AAA", Map.of("Name", "X", "Id", "ignored"));
    assertThat(SaveRequestCsv.of(IngestOperation.UPDATE, List.of(r)).header().names())
        .containsExactly("Id", "Name");
    SaveRequestCsv delete = SaveRequestCsv.of(IngestOperation.DELETE, List.of(r));
    assertThat(delete.header().names()).containsExactly("Id");
    assertThat(write(delete)).isEqualTo("001000000000001AAA\n");
    assertThatThrownBy(() ->
            SaveRequestCsv.of(
                IngestOperation.UPDATE, List.of(new SaveRequest("Account", null, Map.of()))))
        .hasMessageContaining("update row 0 has no Id");
  }

  @Test
  void unsupportedValuesAreNamed() {
    assertThatThrownBy(() -> SaveRequestCsv.text("Weird__c", new Object()))
        .hasMessageContaining("field Weird__c: no Salesforce text form for a java.lang.Object");
    assertThatThrownBy(() -> SaveRequestCsv.text("X", Double.NaN)).hasMessageContaining("NaN");
  }

  private static String write(SaveRequestCsv csv) throws Exception {
    StringWriter out = new StringWriter();
    csv.writeRows(0, csv.rowCount(), out);
    return out.toString();
  }
}
