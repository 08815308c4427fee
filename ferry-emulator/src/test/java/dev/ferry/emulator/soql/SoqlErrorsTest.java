package dev.ferry.emulator.soql;

import static dev.ferry.emulator.soql.SoqlAssertions.failure;
import static dev.ferry.emulator.soql.SoqlAssertions.text;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The name-resolution errors, with Salesforce's codes and full wording. */
class SoqlErrorsTest {
  private static final String WSDL =
      " Please reference your WSDL or the describe call for the appropriate names.";
  private final SampleOrg s = new SampleOrg();

  @Test
  void unknownObjectIsInvalidType() {
    SoqlException e = failure(() -> s.org.query("SELECT Id FROM Foo__c"), "INVALID_TYPE");
    assertThat(e.getMessage())
        .isEqualTo(
            "\nSELECT Id FROM Foo__c\n               ^\nERROR at Row:1:Column:16\n"
                + "sObject type 'Foo__c' is not supported. If you are attempting to use a custom"
                + " object, be sure to append the '__c' after the entity name."
                + WSDL);
  }

  @Test
  void unknownFieldIsInvalidFieldAsSpecSection25Shows() {
    SoqlException e = failure(() -> s.org.query("SELECT Foo FROM Account"), "INVALID_FIELD");
    assertThat(e.getMessage())
        .isEqualTo(
            "\nSELECT Foo FROM Account\n       ^\nERROR at Row:1:Column:8\n"
                + "No such column 'Foo' on entity 'Account'. If you are attempting to use a custom"
                + " field, be sure to append the '__c' after the custom field name."
                + WSDL);
  }

  @Test
  void unknownFieldsAnywhereInTheStatement() {
    SoqlException where =
        failure(() -> s.org.query("SELECT Id FROM Account WHERE Nope__c = 1"), "INVALID_FIELD");
    assertThat(where.getMessage())
        .startsWith(
            "\nId FROM Account WHERE Nope__c = 1\n                      ^\nERROR at Row:1:Column:30\n")
        .contains("No such column 'Nope__c' on entity 'Account'.");
    SoqlException parent =
        failure(() -> s.org.query("SELECT Account.Foo FROM Contact"), "INVALID_FIELD");
    assertThat(text(parent)).startsWith("No such column 'Foo' on entity 'Account'.");
    SoqlException polymorphic =
        failure(() -> s.org.query("SELECT What.Foo FROM Task"), "INVALID_FIELD");
    assertThat(text(polymorphic)).startsWith("No such column 'Foo' on entity 'Name'.");
    SoqlException relationshipAlone =
        failure(() -> s.org.query("SELECT Account FROM Contact"), "INVALID_FIELD");
    assertThat(text(relationshipAlone)).startsWith("No such column 'Account' on entity 'Contact'.");
    failure(() -> s.org.query("SELECT Id FROM Account ORDER BY Nope"), "INVALID_FIELD");
    failure(
        () -> s.org.query("SELECT Id, (SELECT Nope FROM Contacts) FROM Account"), "INVALID_FIELD");
  }

  @Test
  void unknownRelationship() {
    SoqlException e =
        failure(() -> s.org.query("SELECT Id, Owner__r.Name FROM Widget__c"), "INVALID_FIELD");
    assertThat(e.getMessage())
        .isEqualTo(
            "\nSELECT Id, Owner__r.Name FROM Widget__c\n           ^\nERROR at Row:1:Column:12\n"
                + "Didn't understand relationship 'Owner__r' in field path. If you are attempting to"
                + " use a custom relationship, be sure to append the '__r' after the custom"
                + " relationship name."
                + WSDL);
    SoqlException notALookup =
        failure(() -> s.org.query("SELECT Name.Foo FROM Account"), "INVALID_FIELD");
    assertThat(text(notALookup)).startsWith("Didn't understand relationship 'Name' in field path.");
    SoqlException deep =
        failure(() -> s.org.query("SELECT Account.Owner.Nope.Name FROM Contact"), "INVALID_FIELD");
    assertThat(text(deep)).startsWith("Didn't understand relationship 'Nope' in field path.");
  }

  @Test
  void theFirstProblemInStatementOrderIsReported() {
    SoqlException e =
        failure(
            () -> s.org.query("SELECT Nope1 FROM Account WHERE Nope2 = 1 ORDER BY Nope3"),
            "INVALID_FIELD");
    assertThat(text(e)).contains("'Nope1'");
  }

  @Test
  void parsedQueriesAreReusable() {
    SoqlQuery query = Soql.parse("SELECT Name FROM Account WHERE Name LIKE 'A%'");
    assertThat(query.execute(s.org, s.org, false, TestOrg.CLOCK).size()).isEqualTo(1);
    s.org.insert("Account", "Name", "Another");
    assertThat(query.execute(s.org, s.org, false, TestOrg.CLOCK).size()).isEqualTo(2);
    assertThat(query.toString()).isEqualTo("SELECT Name FROM Account WHERE Name LIKE 'A%'");
  }
}
