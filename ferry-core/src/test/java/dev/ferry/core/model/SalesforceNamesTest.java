package dev.ferry.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SalesforceNamesTest {
  @Test
  void namesSalesforceAllowsAndPostgresKeepsAreAccepted() {
    for (String ok :
        new String[] {
          "Account", "User", "Order", "Select__c", "ns__Field__c", "X1", "a".repeat(63)
        }) {
      assertThat(SalesforceNames.problem("field", ok)).as(ok).isNull();
    }
  }

  @Test
  void anythingElseIsRefusedNamingTheName() {
    assertThat(SalesforceNames.problem("object", "Account; DROP TABLE x"))
        .isEqualTo(
            "'Account; DROP TABLE x' is not a Salesforce object API name (a letter, then letters,"
                + " digits and underscores)");
    for (String bad :
        new String[] {
          "Evil\"Name__c",
          "it's__c",
          "a\\b",
          "Account/../limits",
          "Ac count",
          "1abc",
          "_x",
          "x_",
          "Ünïcode__c",
          "x\ny"
        }) {
      assertThat(SalesforceNames.problem("field", bad)).as(bad).contains("not a Salesforce field");
    }
    assertThat(SalesforceNames.problem("field", "x\ny")).contains("x\\u000ay");
    assertThat(SalesforceNames.problem("object", "A".repeat(64)))
        .isEqualTo(
            "'"
                + "A".repeat(64)
                + "' has 64 characters; as a PostgreSQL table name it may have at most 63");
    assertThat(SalesforceNames.problem("field", "")).isEqualTo("field name must not be empty");
  }
}
