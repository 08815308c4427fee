package dev.ferry.emulator.soql;

import static dev.ferry.emulator.soql.SoqlAssertions.failure;
import static dev.ferry.emulator.soql.SoqlAssertions.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SoqlOrderAndLimitTest {
  private final SampleOrg s = new SampleOrg();

  private List<Object> names(String tail) {
    return Rows.column(s.org.query("SELECT Name FROM Account " + tail), "Name");
  }

  @Test
  void ordersTextIgnoringCase() {
    assertThat(names("ORDER BY Name")).containsExactly("Acme", "globex", "Initech");
    assertThat(names("ORDER BY Name ASC")).containsExactly("Acme", "globex", "Initech");
    assertThat(names("order by name desc")).containsExactly("Initech", "globex", "Acme");
  }

  @Test
  void putsNullsWhereSalesforceDoes() {
    assertThat(names("ORDER BY Industry")).containsExactly("Initech", "globex", "Acme");
    assertThat(names("ORDER BY Industry DESC")).containsExactly("Acme", "globex", "Initech");
    assertThat(names("ORDER BY Industry ASC NULLS LAST"))
        .containsExactly("globex", "Acme", "Initech");
    assertThat(names("ORDER BY Industry DESC NULLS FIRST"))
        .containsExactly("Initech", "Acme", "globex");
    assertThat(names("ORDER BY NumberOfEmployees")).containsExactly("Initech", "globex", "Acme");
    assertThat(names("ORDER BY NumberOfEmployees DESC"))
        .containsExactly("Acme", "globex", "Initech");
  }

  @Test
  void ordersByManyKeysAndParentPaths() {
    assertThat(names("ORDER BY Active__c DESC, Name")).containsExactly("Acme", "globex", "Initech");
    assertThat(names("ORDER BY Active__c, Name DESC")).containsExactly("Initech", "globex", "Acme");
    assertThat(names("ORDER BY Owner.Name, Name DESC"))
        .containsExactly("Initech", "Acme", "globex");
    assertThat(names("ORDER BY Parent.Name DESC NULLS LAST, Name"))
        .containsExactly("globex", "Acme", "Initech");
    assertThat(
            Rows.column(
                s.org.query("SELECT Subject FROM Task ORDER BY What.Name NULLS LAST"), "Subject"))
        .containsExactly("Call Acme", "Send quote", "Unassigned");
    assertThat(
            Rows.column(
                s.org.query("SELECT LastName FROM Contact ORDER BY Birthdate DESC"), "LastName"))
        .containsExactly("Doe", "Smith", "Loner");
    assertThat(names("ORDER BY SystemModstamp DESC")).containsExactly("globex", "Acme", "Initech");
    assertThat(names("ORDER BY Tags__c")).containsExactly("Initech", "Acme", "globex");
  }

  @Test
  void ordersIdsByTheirCharacters() {
    s.org.insertWithId("Account", "001a00000000001AAA", "Name", "lower");
    s.org.insertWithId("Account", "001Z00000000001AAA", "Name", "upper");
    assertThat(names("ORDER BY Id")).containsExactly("Acme", "globex", "Initech", "upper", "lower");
    assertThat(names("ORDER BY Id DESC LIMIT 2")).containsExactly("lower", "upper");
  }

  @Test
  void keepsStoreOrderWithoutOrderByAndForTies() {
    assertThat(names("")).containsExactly("Acme", "globex", "Initech");
    assertThat(names("ORDER BY Active__c")).containsExactly("globex", "Initech", "Acme");
  }

  @Test
  void limitsAndOffsets() {
    SoqlResult two = s.org.query("SELECT Name FROM Account ORDER BY Name LIMIT 2");
    assertThat(two.totalSize()).isEqualTo(2);
    assertThat(Rows.column(two, "Name")).containsExactly("Acme", "globex");
    assertThat(names("ORDER BY Name LIMIT 2 OFFSET 1")).containsExactly("globex", "Initech");
    assertThat(names("ORDER BY Name OFFSET 2")).containsExactly("Initech");
    assertThat(names("ORDER BY Name OFFSET 5")).isEmpty();
    assertThat(names("LIMIT 0")).isEmpty();
    assertThat(names("OFFSET 2000")).isEmpty();
    assertThat(s.org.query("SELECT Name FROM Account OFFSET 1").totalSize()).isEqualTo(2);
  }

  @Test
  void refusesOffsetsAbove2000() {
    SoqlException e = failure(() -> names("OFFSET 2001"), "NUMBER_OUTSIDE_VALID_RANGE");
    assertThat(e.getMessage()).isEqualTo("Maximum SOQL offset allowed is 2000");
  }

  @Test
  void refusesLimitsThatAreNotCounts() {
    assertThat(text(failure(() -> names("LIMIT 1.5"), "MALFORMED_QUERY")))
        .isEqualTo("unexpected token: '1.5'");
    assertThat(text(failure(() -> names("LIMIT -1"), "MALFORMED_QUERY")))
        .isEqualTo("unexpected token: '-1'");
    assertThat(text(failure(() -> names("LIMIT 99999999999"), "MALFORMED_QUERY")))
        .isEqualTo("numeric value out of range: 99999999999");
  }

  @Test
  void refusesFieldsThatCannotBeSorted() {
    SoqlException e = failure(() -> names("ORDER BY Description"), "MALFORMED_QUERY");
    assertThat(text(e)).isEqualTo("field 'Description' can not be sorted in a query call");
    failure(() -> names("ORDER BY BillingAddress"), "MALFORMED_QUERY");
    failure(() -> names("ORDER BY Nope"), "INVALID_FIELD");
    failure(() -> names("ORDER BY COUNT(Id)"), "MALFORMED_QUERY");
  }

  @Test
  void topRowsMatchAFullSort() {
    TestOrg org =
        new TestOrg().object(new TestObject("Item__c", "a03").field("N__c", SoqlType.INT));
    Integer[] values = {5, null, 3, 3, 9, null, 1, 7, 3, 2, 8, 0, 6, 4, null, 3, 5, 5, 2, 1};
    for (Integer v : values) org.insert("Item__c", "N__c", v);
    for (String order :
        List.of("N__c", "N__c DESC", "N__c ASC NULLS LAST", "N__c DESC NULLS FIRST")) {
      List<String> all = Rows.ids(org.query("SELECT Id FROM Item__c ORDER BY " + order));
      assertThat(all).hasSize(values.length);
      for (int limit = 0; limit <= 6; limit++) {
        for (int offset = 0; offset <= 3; offset++) {
          List<String> page =
              Rows.ids(
                  org.query(
                      "SELECT Id FROM Item__c ORDER BY "
                          + order
                          + " LIMIT "
                          + limit
                          + " OFFSET "
                          + offset));
          int from = Math.min(offset, all.size());
          assertThat(page)
              .as("%s LIMIT %d OFFSET %d", order, limit, offset)
              .isEqualTo(all.subList(from, Math.min(all.size(), from + limit)));
        }
      }
    }
    assertThat(Arrays.asList(values)).hasSize(20);
  }
}
