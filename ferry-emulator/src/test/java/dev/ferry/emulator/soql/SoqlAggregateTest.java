package dev.ferry.emulator.soql;

import static dev.ferry.emulator.soql.SoqlAssertions.failure;
import static dev.ferry.emulator.soql.SoqlAssertions.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SoqlAggregateTest {
  private final SampleOrg s = new SampleOrg();

  @Test
  void countsFieldsWithoutGroupBy() {
    SoqlResult r = s.org.query("SELECT COUNT(Id), COUNT(Industry) FROM Account");
    assertThat(r.objectName()).isEqualTo("Account");
    assertThat(r.columns()).containsExactly("expr0", "expr1");
    assertThat(r.totalSize()).isEqualTo(1);
    ResultRow row = r.row(0);
    assertThat(row.type()).isEqualTo("AggregateResult");
    assertThat(row.id()).isNull();
    assertThat(row.values()).containsEntry("expr0", 3).containsEntry("expr1", 2);
    assertThat(r.flatRow(0)).containsExactly(3, 2);
  }

  @Test
  void namesUnaliasedAggregatesExprN() {
    SoqlResult r =
        s.org.query(
            "SELECT SUM(AnnualRevenue) total, AVG(NumberOfEmployees), MIN(Name) lo, MAX(CreatedDate),"
                + " COUNT_DISTINCT(OwnerId) FROM Account");
    assertThat(r.columns()).containsExactly("total", "expr0", "lo", "expr1", "expr2");
    assertThat(r.flatRow(0))
        .containsExactly(
            new BigDecimal("1750000.50"),
            new BigDecimal("145"),
            "Acme",
            Instant.parse("2024-05-13T23:59:59Z"),
            2);
  }

  @Test
  void groupsAndOrdersGroupsByTheirValues() {
    SoqlResult r = s.org.query("SELECT Industry, COUNT(Id) cnt FROM Account GROUP BY Industry");
    assertThat(r.columns()).containsExactly("Industry", "cnt");
    assertThat(r.totalSize()).isEqualTo(3);
    assertThat(r.flatRow(0)).containsExactly(null, 1);
    assertThat(r.flatRow(1)).containsExactly("Energy", 1);
    assertThat(r.flatRow(2)).containsExactly("Manufacturing", 1);
  }

  @Test
  void groupsByParentPathsUnderTheFieldName() {
    SoqlResult r =
        s.org.query(
            "SELECT Account.Name, COUNT(Id) FROM Contact GROUP BY Account.Name ORDER BY COUNT(Id) DESC");
    assertThat(r.columns()).containsExactly("Name", "expr0");
    assertThat(r.flatRow(0)).containsExactly("Acme", 2);
    assertThat(r.flatRow(1)).containsExactly(null, 1);
  }

  @Test
  void ordersLimitsAndOffsetsGroups() {
    SoqlResult r =
        s.org.query(
            "SELECT OwnerId o, SUM(NumberOfEmployees) n FROM Account GROUP BY OwnerId ORDER BY"
                + " SUM(NumberOfEmployees) ASC NULLS FIRST LIMIT 1 OFFSET 1");
    assertThat(r.totalSize()).isEqualTo(1);
    assertThat(r.flatRow(0)).containsExactly(s.alice.id(), new BigDecimal("250"));
    SoqlResult hidden =
        s.org.query(
            "SELECT OwnerId FROM Account GROUP BY OwnerId ORDER BY MAX(NumberOfEmployees) DESC");
    assertThat(Rows.column(hidden, "OwnerId")).containsExactly(s.alice.id(), s.bob.id());
    assertThat(hidden.row(0).values()).containsOnlyKeys("OwnerId");
  }

  @Test
  void groupsTextIgnoringCase() {
    TestOrg org =
        new TestOrg().object(new TestObject("Item__c", "a03").field("Tag__c", SoqlType.STRING));
    org.insert("Item__c", "Tag__c", "Red");
    org.insert("Item__c", "Tag__c", "RED");
    org.insert("Item__c", "Tag__c", "blue");
    SoqlResult r =
        org.query("SELECT Tag__c, COUNT(Id) FROM Item__c GROUP BY Tag__c ORDER BY Tag__c");
    assertThat(r.flatRow(0)).containsExactly("blue", 1);
    assertThat(r.flatRow(1)).containsExactly("Red", 2);
  }

  @Test
  void aggregatesNothingIntoOneRow() {
    SoqlResult r =
        s.org.query(
            "SELECT COUNT(Id), SUM(Amount), MAX(CloseDate) FROM Opportunity WHERE Amount > 1e9");
    assertThat(r.totalSize()).isEqualTo(1);
    assertThat(r.flatRow(0)).containsExactly(0, null, null);
    SoqlResult grouped =
        s.org.query(
            "SELECT StageName, COUNT(Id) FROM Opportunity WHERE Amount > 1e9 GROUP BY StageName");
    assertThat(grouped.totalSize()).isZero();
  }

  @Test
  void groupsWithoutAggregates() {
    SoqlResult r =
        s.org.query("SELECT StageName FROM Opportunity GROUP BY StageName ORDER BY StageName DESC");
    assertThat(Rows.column(r, "StageName")).containsExactly("Prospecting", "Negotiation");
  }

  @Test
  void refusesWhatIsNeitherGroupedNorAggregated() {
    SoqlException e =
        failure(() -> s.org.query("SELECT Name, COUNT(Id) FROM Account"), "MALFORMED_QUERY");
    assertThat(text(e)).isEqualTo("Field must be grouped or aggregated: Name");
    SoqlException order =
        failure(
            () -> s.org.query("SELECT Industry FROM Account GROUP BY Industry ORDER BY Name"),
            "MALFORMED_QUERY");
    assertThat(text(order)).isEqualTo("Ordered field must be grouped or aggregated: Name");
    failure(
        () -> s.org.query("SELECT FIELDS(STANDARD), MIN(Name) FROM Account GROUP BY Id"),
        "MALFORMED_QUERY");
    failure(
        () ->
            s.org.query(
                "SELECT Industry, (SELECT Id FROM Contacts) FROM Account GROUP BY Industry"),
        "MALFORMED_QUERY");
  }

  @Test
  void refusesAggregatesAFieldDoesNotSupport() {
    SoqlException sum =
        failure(() -> s.org.query("SELECT SUM(Name) FROM Account"), "MALFORMED_QUERY");
    assertThat(text(sum)).isEqualTo("field Name does not support aggregate operator SUM");
    failure(() -> s.org.query("SELECT MAX(Active__c) FROM Account"), "MALFORMED_QUERY");
    failure(() -> s.org.query("SELECT COUNT(Description) FROM Account"), "MALFORMED_QUERY");
    SoqlException group =
        failure(
            () -> s.org.query("SELECT CreatedDate, COUNT(Id) FROM Account GROUP BY CreatedDate"),
            "MALFORMED_QUERY");
    assertThat(text(group)).isEqualTo("field 'CreatedDate' can not be grouped in a query call");
    failure(() -> s.org.query("SELECT COUNT(Nope) FROM Account"), "INVALID_FIELD");
  }

  @Test
  void refusesAggregatesInSubqueriesAndCountOnlyWithGroupBy() {
    SoqlException sub =
        failure(
            () -> s.org.query("SELECT Name, (SELECT COUNT(Id) FROM Contacts) FROM Account"),
            "MALFORMED_QUERY");
    assertThat(text(sub)).contains("not supported in parent-to-child subqueries");
    SoqlException count =
        failure(
            () -> s.org.query("SELECT COUNT() FROM Account GROUP BY Industry"), "MALFORMED_QUERY");
    assertThat(text(count)).isEqualTo("unexpected token: 'Industry'");
  }

  @Test
  void refusesDuplicateAliases() {
    SoqlException e =
        failure(
            () -> s.org.query("SELECT COUNT(Id) n, MAX(Name) N FROM Account"), "MALFORMED_QUERY");
    assertThat(text(e)).isEqualTo("duplicate alias: N");
  }

  @Test
  void aggregatesOnlyWhatTheFilterKeeps() {
    SoqlResult r =
        s.org.query("SELECT COUNT(Id), SUM(Amount) FROM Opportunity WHERE Account.Name = 'Acme'");
    assertThat(r.flatRow(0)).containsExactly(1, new BigDecimal("100000"));
    SoqlResult all = s.org.query("SELECT COUNT(Id) FROM Account", true);
    assertThat(all.flatRow(0)).containsExactly(3);
  }
}
