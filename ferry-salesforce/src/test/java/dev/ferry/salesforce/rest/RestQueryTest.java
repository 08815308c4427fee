package dev.ferry.salesforce.rest;

import static dev.ferry.core.soql.Condition.gte;
import static dev.ferry.core.soql.Condition.lt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.sf.RecordStream;
import dev.ferry.core.sf.SfRecord;
import dev.ferry.core.soql.Condition;
import dev.ferry.core.soql.Soql;
import dev.ferry.salesforce.HttpSalesforceApi;
import dev.ferry.salesforce.testing.FakeTime;
import dev.ferry.salesforce.testing.Fixtures;
import dev.ferry.salesforce.testing.StubClients;
import dev.ferry.salesforce.testing.StubSalesforce;
import dev.ferry.salesforce.testing.StubSalesforce.Response;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RestQueryTest {
  private final StubSalesforce stub = new StubSalesforce().tokens();
  private final FakeTime time = new FakeTime();
  private final HttpSalesforceApi api = StubClients.client(stub, time);

  @AfterEach
  void close() {
    api.close();
    stub.close();
  }

  @Test
  void pagesLazilyAndFlattensToCanonicalText() {
    stub.on(
        "GET",
        "/services/data/v62.0/query",
        Response.json(200, Fixtures.text("query-page-1.json")));
    stub.on(
        "GET",
        "/services/data/v62.0/query/01gRO0000016PIAYA2-2",
        Response.json(200, Fixtures.text("query-page-2.json")));
    Soql soql =
        Soql.select(
                "id",
                "Name",
                "account.External_Id__c",
                "Account.Owner.Name",
                "MailingAddress",
                "Amount__c",
                "NumberOfEmployees",
                "IsDeleted",
                "SystemModstamp",
                "Birthdate")
            .from("Contact")
            .build();

    try (RecordStream stream = api.query(soql, false)) {
      assertThat(stub.requests("GET", "/services/data/v62.0/query")).isEmpty();
      assertThat(stream.header().names())
          .containsExactly(
              "Id",
              "Name",
              "Account.External_Id__c",
              "Account.Owner.Name",
              "MailingAddress",
              "Amount__c",
              "NumberOfEmployees",
              "IsDeleted",
              "SystemModstamp",
              "Birthdate");
      assertThat(stream.totalSize()).isEqualTo(3);

      List<SfRecord> records = new ArrayList<>();
      assertThat(stream.hasNext()).isTrue();
      records.add(stream.next());
      records.add(stream.next());
      assertThat(stub.requests("GET", "/services/data/v62.0/query/01gRO0000016PIAYA2-2")).isEmpty();
      stream.forEachRemaining(records::add);
      assertThat(stub.requests("GET", "/services/data/v62.0/query/01gRO0000016PIAYA2-2"))
          .hasSize(1);

      assertThat(records.get(0).asMap())
          .containsEntry("Id", "003RO0000035WQgYAM")
          .containsEntry("Account.External_Id__c", "ACME-1")
          .containsEntry("Account.Owner.Name", "Ada")
          .containsEntry("MailingAddress", null)
          .containsEntry("Amount__c", "1500.5")
          .containsEntry("NumberOfEmployees", "12")
          .containsEntry("IsDeleted", "false")
          .containsEntry("SystemModstamp", "2024-01-02T03:04:05.000Z")
          .containsEntry("Birthdate", "1980-02-29");
      assertThat(records.get(1).get("Account.External_Id__c")).isNull();
      assertThat(records.get(1).get("Name")).isEqualTo("Jane O'Brien");
      assertThat(records.get(1).get("IsDeleted")).isEqualTo("true");
      assertThat(records.get(2).get("Amount__c")).isEqualTo("10000000000");
      assertThat(records.get(2).get("Account.Owner.Name")).isNull();
      assertThat(records.get(2).get("SystemModstamp")).isEqualTo("2024-01-04T05:06:07.890Z");
    }
    assertThat(
            stub.requests("GET", "/services/data/v62.0/query")
                .get(0)
                .header("Sforce-Query-Options"))
        .isEqualTo("batchSize=2000");
  }

  @Test
  void sendsBuilderLiteralsUrlEncodedAndUsesQueryAllForDeletedRows() {
    stub.on(
        "GET",
        "/services/data/v62.0/queryAll",
        Response.json(200, "{\"totalSize\":0,\"done\":true,\"records\":[]}"));
    Soql soql =
        Soql.select("Id", "Name")
            .from("Contact")
            .where(
                gte("SystemModstamp", Instant.parse("2024-01-01T00:00:00Z"))
                    .and(lt("SystemModstamp", Instant.parse("2024-02-01T00:00:00.250Z")))
                    .and(Condition.eq("Name", "O'Brien + Sons & 100%")))
            .orderBy("SystemModstamp")
            .orderBy("Id")
            .build();
    try (RecordStream s = api.query(soql, true)) {
      assertThat(s.hasNext()).isFalse();
      assertThat(s.header().names()).containsExactly("Id", "Name");
    }
    String raw = stub.requests("GET", "/services/data/v62.0/queryAll").get(0).uri().getRawQuery();
    assertThat(raw).doesNotContain(" ", "+").contains("%2B").contains("%27");
    assertThat(URLDecoder.decode(raw.substring(2), StandardCharsets.UTF_8))
        .isEqualTo(
            "SELECT Id, Name FROM Contact WHERE (SystemModstamp >= 2024-01-01T00:00:00Z AND"
                + " SystemModstamp < 2024-02-01T00:00:00.250Z) AND Name = 'O\\'Brien + Sons & 100%'"
                + " ORDER BY SystemModstamp ASC, Id ASC");
  }

  @Test
  void countReadsTotalSize() {
    stub.on(
        "GET",
        "/services/data/v62.0/query",
        Response.json(200, "{\"totalSize\":4242,\"done\":true,\"records\":[]}"));
    assertThat(api.count(Soql.count().from("Account").build(), false)).isEqualTo(4242);
  }

  @Test
  void columnsComeFromTheRecordsWhenTheSelectListIsNotPlain() {
    stub.on(
        "GET",
        "/services/data/v62.0/query",
        Response.json(
            200,
            "{\"totalSize\":1,\"done\":true,\"records\":[{\"attributes\":{\"type\":\"AggregateResult\"},\"LeadSource\":\"Web\",\"expr0\":3}]}"));
    try (RecordStream s =
        api.query(
            Soql.ofText("SELECT LeadSource, COUNT(Id) FROM Lead GROUP BY LeadSource"), false)) {
      assertThat(s.header().names()).containsExactly("LeadSource", "expr0");
      assertThat(s.next().asMap()).containsEntry("expr0", "3");
    }
  }

  @Test
  void retrieveMapsNullsToEmpty() {
    stub.on(
        "POST",
        "/services/data/v62.0/composite/sobjects/Account",
        Response.json(
            200,
            "[{\"attributes\":{\"type\":\"Account\"},\"Id\":\"001000000000001AAA\",\"Name\":\"A\"},null]"));
    List<Optional<SfRecord>> got =
        api.retrieve(
            "Account", List.of("001000000000001AAA", "001000000000002AAA"), List.of("Id", "Name"));
    assertThat(got.get(0).orElseThrow().get("name")).isEqualTo("A");
    assertThat(got.get(1)).isEmpty();
    assertThat(stub.requests().getLast().bodyText())
        .isEqualTo(
            "{\"ids\":[\"001000000000001AAA\",\"001000000000002AAA\"],\"fields\":[\"Id\",\"Name\"]}");
  }

  @Test
  void aQueryTooLongForAUrlIsRefusedBeforeSending() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 2000; i++) ids.add(String.format("003000000%06dAAA", i));
    Soql huge = Soql.select("Id").from("Contact").where(Condition.in("Id", ids)).build();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> api.query(huge, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("too long for a query URL")
        .hasMessageContaining("split its IN lists");
    assertThat(stub.requests()).isEmpty();
  }
}
