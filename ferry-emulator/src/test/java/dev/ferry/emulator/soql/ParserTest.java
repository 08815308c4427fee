package dev.ferry.emulator.soql;

import static dev.ferry.emulator.soql.SoqlAssertions.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParserTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "SELECT Id FROM Account",
        "select id, name from account where name like 'a%' order by name desc nulls last limit 5"
            + " offset 1 for view",
        "SELECT Id FROM Account FOR REFERENCE",
        "SELECT Id FROM Account FOR UPDATE",
        "SELECT c.Name, c.Account.Name FROM Contact c WHERE c.Email != null",
        "SELECT Id FROM Account WHERE (A = 1 AND B = 2) OR (C = 3 AND NOT D = 4)",
        "SELECT Id FROM Account WHERE NOT (A = 1 OR B = 2) AND C IN ('x', 'y') AND D NOT IN (1, 2)",
        "SELECT Id FROM Account WHERE Tags__c INCLUDES ('a;b', 'c') AND Tags__c EXCLUDES ('d')",
        "SELECT Id FROM Account WHERE CreatedDate = LAST_N_DAYS:30 OR CreatedDate < TODAY",
        "SELECT Id FROM Account WHERE Id IN (SELECT AccountId FROM Contact WHERE Email = null)",
        "SELECT COUNT() FROM Account",
        "SELECT Industry, COUNT(Id) cnt, MAX(AnnualRevenue) FROM Account GROUP BY Industry"
            + " ORDER BY COUNT(Id) DESC",
        "SELECT Id, (SELECT Id FROM Contacts WHERE Email != null ORDER BY Name LIMIT 5) FROM Account",
        "SELECT FIELDS(ALL) FROM Account LIMIT 200",
        "SELECT TYPEOF What WHEN Account THEN Name, Phone WHEN Opportunity THEN Amount ELSE Name END"
            + " FROM Task",
        "SELECT Id FROM Account WHERE Amount > -1.5e3 AND Name <> 'x' AND N >= 1 AND N <= 2",
        "  SELECT\n  Id\nFROM\tAccount  "
      })
  void acceptsTheGrammar(String soql) {
    assertThatCode(() -> Soql.parse(soql)).doesNotThrowAnyException();
  }

  @Test
  void reportsTheUnexpectedTokenWithItsPosition() {
    SoqlException e = failure(() -> Soql.parse("SELECT Id, FROM Account"), "MALFORMED_QUERY");
    assertThat(e.getMessage())
        .isEqualTo(
            "\nSELECT Id, FROM Account\n           ^\nERROR at Row:1:Column:12\n"
                + "unexpected token: 'FROM'");
  }

  @Test
  void reportsTheEndOfTheStatement() {
    SoqlException e = failure(() -> Soql.parse("SELECT Id FROM Account WHERE"), "MALFORMED_QUERY");
    assertThat(e.getMessage())
        .isEqualTo(
            "\nId FROM Account WHERE\n                     ^\nERROR at Row:1:Column:29\n"
                + "unexpected token: '<EOF>'");
  }

  @Test
  void showsFourTokensEachSideOfTheError() {
    SoqlException e =
        failure(
            () ->
                Soql.parse(
                    "SELECT Id, Name, Phone, Fax = Website, Industry, Type, Rating FROM Account"),
            "MALFORMED_QUERY");
    assertThat(e.getMessage())
        .isEqualTo(
            "\n, Phone, Fax = Website, Industry,\n             ^\n"
                + "ERROR at Row:1:Column:29\nunexpected token: '='");
  }

  @Test
  void countsRowsAndColumnsOnMultiLineStatements() {
    SoqlException e =
        failure(() -> Soql.parse("SELECT Id\nFROM Account\nWHERE Name = = 'x'"), "MALFORMED_QUERY");
    assertThat(e.getMessage()).contains("ERROR at Row:3:Column:14\nunexpected token: '='");
    assertThat(e.getMessage()).startsWith("\nWHERE Name = = 'x'\n             ^\n");
  }

  @Test
  void refusesMixingAndWithOrWithoutParentheses() {
    SoqlException e =
        failure(
            () -> Soql.parse("SELECT Id FROM Account WHERE A = 1 AND B = 2 OR C = 3"),
            "MALFORMED_QUERY");
    assertThat(SoqlAssertions.text(e)).isEqualTo("unexpected token: 'OR'");
    assertThat(e.getMessage()).contains("Column:46");
    SoqlException e2 =
        failure(
            () -> Soql.parse("SELECT Id FROM Account WHERE A = 1 or B = 2 and C = 3"),
            "MALFORMED_QUERY");
    assertThat(SoqlAssertions.text(e2)).isEqualTo("unexpected token: 'and'");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "SELECT FROM Account|FROM",
        "SELECT Id Account|<EOF>",
        "SELECT Id FROM Account WHERE Name NOT LIKE 'x'|LIKE",
        "SELECT Id FROM Account WHERE Name IN ()|)",
        "SELECT Id FROM Account ORDER Name|Name",
        "SELECT Id FROM Account LIMIT|<EOF>",
        "SELECT Id FROM Account LIMIT 'x'|'x'",
        "SELECT Id FROM Account WHERE Name = Foo|Foo",
        "SELECT Id FROM Account WHERE CreatedDate = LAST_N_DAYS|<EOF>",
        "SELECT Id FROM Account WHERE CreatedDate = LAST_N_DAYS:x|x",
        "SELECT Id FROM Account WHERE CreatedDate = LAST_N_DAYS:-1|-1",
        "SELECT Id FROM Account WHERE Name LIKE null|null",
        "SELECT Id FROM Account FOR SHARE|SHARE",
        "SELECT Id FROM Account ORDER BY Name NULLS MIDDLE|MIDDLE",
        "SELECT FIELDS(SOME) FROM Account|SOME",
        "SELECT Id FROM Account WHERE Name = 'x' extra|extra",
        "SELECT COUNT() cnt FROM Account|cnt",
        "SELECT Id FROM Account WHERE Name BETWEEN 1|BETWEEN",
        "SELECT Id FROM Account GROUP Name|Name",
        "SELECT Id FROM Account WITH SECURITY_ENFORCED|WITH",
        "SELECT Id FROM WHERE|WHERE",
        "|<EOF>"
      })
  void refusesWhatIsNotSoql(String caseText) {
    String[] parts = caseText.split("\\|");
    SoqlException e = failure(() -> Soql.parse(parts[0]), "MALFORMED_QUERY");
    assertThat(SoqlAssertions.text(e)).isEqualTo("unexpected token: '" + parts[1] + "'");
  }

  @Test
  void namesUnsupportedFunctions() {
    SoqlException e =
        failure(() -> Soql.parse("SELECT toLabel(Industry) FROM Account"), "MALFORMED_QUERY");
    assertThat(SoqlAssertions.text(e)).contains("unsupported function: 'toLabel'");
  }

  @Test
  void exposesWhatBulkQueryJobsRefuse() {
    SoqlQuery plain = Soql.parse("SELECT Id, Account.Name FROM Contact WHERE Name != null");
    assertThat(plain.objectName()).isEqualTo("Contact");
    assertThat(plain.isCountOnly()).isFalse();
    assertThat(plain.isAggregate()).isFalse();
    assertThat(plain.hasSubqueries()).isFalse();
    assertThat(plain.hasOffset()).isFalse();
    assertThat(plain.hasLimit()).isFalse();
    assertThat(plain.hasOrderBy()).isFalse();
    assertThat(plain.usesFieldsFunction()).isFalse();
    assertThat(plain.hasTypeof()).isFalse();

    assertThat(Soql.parse("select count() from account").isCountOnly()).isTrue();
    assertThat(Soql.parse("select count() from account").isAggregate()).isTrue();
    assertThat(Soql.parse("SELECT MAX(Amount) FROM Opportunity").isAggregate()).isTrue();
    assertThat(Soql.parse("SELECT StageName FROM Opportunity GROUP BY StageName").isAggregate())
        .isTrue();
    assertThat(Soql.parse("SELECT Id, (SELECT Id FROM Contacts) FROM Account").hasSubqueries())
        .isTrue();
    SoqlQuery paged = Soql.parse("SELECT Id FROM Account ORDER BY Id LIMIT 10 OFFSET 5");
    assertThat(paged.hasOffset()).isTrue();
    assertThat(paged.hasLimit()).isTrue();
    assertThat(paged.hasOrderBy()).isTrue();
    assertThat(Soql.parse("SELECT FIELDS(STANDARD) FROM Account").usesFieldsFunction()).isTrue();
    assertThat(Soql.parse("SELECT TYPEOF What WHEN Account THEN Name END FROM Task").hasTypeof())
        .isTrue();
    assertThat(Soql.parse("SELECT Id FROM account").objectName()).isEqualTo("account");
  }

  @Test
  void detectsCompoundFieldsThroughTheCatalog() {
    SampleOrg sample = new SampleOrg();
    assertThat(
            Soql.parse("SELECT Id, BillingAddress FROM Account").selectsCompoundField(sample.org))
        .isTrue();
    assertThat(
            Soql.parse("SELECT Id, Account.BillingAddress FROM Contact")
                .selectsCompoundField(sample.org))
        .isTrue();
    assertThat(
            Soql.parse("SELECT FIELDS(STANDARD) FROM Account LIMIT 5")
                .selectsCompoundField(sample.org))
        .isTrue();
    assertThat(Soql.parse("SELECT Id, BillingCity FROM Account").selectsCompoundField(sample.org))
        .isFalse();
    assertThat(Soql.parse("SELECT Nope FROM Account").selectsCompoundField(sample.org)).isFalse();
    assertThat(Soql.parse("SELECT Id FROM Nope__c").selectsCompoundField(sample.org)).isFalse();
  }
}
