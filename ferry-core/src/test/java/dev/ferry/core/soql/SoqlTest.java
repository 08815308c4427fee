package dev.ferry.core.soql;

import static dev.ferry.core.soql.Condition.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class SoqlTest {
  @Test
  void buildsAWindowPollQuery() {
    Soql q =
        Soql.select("Id", "Name", "Account.External_Id__c", "SystemModstamp")
            .from("Contact")
            .where(
                gte("SystemModstamp", Instant.parse("2024-01-01T00:00:00Z"))
                    .and(lt("SystemModstamp", Instant.parse("2024-02-01T00:00:00.250Z"))))
            .orderBy("SystemModstamp")
            .orderBy("Id")
            .limit(2000)
            .build();
    assertThat(q.text())
        .isEqualTo(
            "SELECT Id, Name, Account.External_Id__c, SystemModstamp FROM Contact WHERE"
                + " SystemModstamp >= 2024-01-01T00:00:00Z AND SystemModstamp < 2024-02-01T00:00:00.250Z"
                + " ORDER BY SystemModstamp ASC, Id ASC LIMIT 2000");
    assertThat(q.object()).isEqualTo("Contact");
  }

  @Test
  void quotesStringsAndParenthesisesMixedGroups() {
    Soql q =
        Soql.count()
            .from("Account")
            .where(
                or(
                    eq("Name", "O'Brien \\ Co"),
                    and(eq("IsDeleted", true), in("Id", List.of("a", "b")))))
            .build();
    assertThat(q.text())
        .isEqualTo(
            "SELECT COUNT() FROM Account WHERE Name = 'O\\'Brien \\\\ Co' OR (IsDeleted = true AND Id IN ('a', 'b'))");
  }

  @Test
  void formatsDatesNullsAndNot() {
    assertThat(not(eq("Birthdate", LocalDate.of(2020, 2, 29))).render())
        .isEqualTo("NOT (Birthdate = 2020-02-29)");
    assertThat(eq("Email", null).render()).isEqualTo("Email = null");
  }

  @Test
  void refusesInjectedIdentifiers() {
    assertThatThrownBy(() -> Soql.select("Id FROM User --").from("Contact"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("field path");
    assertThatThrownBy(() -> Soql.select("Id").from("Contact WHERE 1=1"))
        .hasMessageContaining("API name");
  }
}
