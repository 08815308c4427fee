package dev.ferry.emulator.soql;

import static dev.ferry.emulator.soql.SoqlAssertions.failure;
import static dev.ferry.emulator.soql.SoqlAssertions.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** WHERE, operator by operator and type by type, against {@link SampleOrg}. */
class SoqlWhereTest {
  private final SampleOrg s = new SampleOrg();

  private List<Object> names(String where) {
    return Rows.column(
        s.org.query("SELECT Name FROM Account WHERE " + where + " ORDER BY Name"), "Name");
  }

  private List<Object> contacts(String where) {
    return Rows.column(
        s.org.query("SELECT LastName FROM Contact WHERE " + where + " ORDER BY LastName"),
        "LastName");
  }

  private List<Object> deals(String where) {
    return Rows.column(
        s.org.query("SELECT Name FROM Opportunity WHERE " + where + " ORDER BY Name"), "Name");
  }

  @Test
  void comparesTextIgnoringCase() {
    assertThat(names("Name = 'ACME'")).containsExactly("Acme");
    assertThat(names("Name = 'Globex'")).containsExactly("globex");
    assertThat(names("name <> 'acme'")).containsExactly("globex", "Initech");
    assertThat(names("Name > 'b'")).containsExactly("globex", "Initech");
    assertThat(names("Name <= 'GLOBEX'")).containsExactly("Acme", "globex");
    assertThat(names("Name < 'B'")).containsExactly("Acme");
    assertThat(names("Name >= 'initech'")).containsExactly("Initech");
  }

  @Test
  void treatsNullAndEmptyTextAlike() {
    assertThat(names("Industry = null")).containsExactly("Initech");
    assertThat(names("Industry != null")).containsExactly("Acme", "globex");
    assertThat(names("Industry = ''")).containsExactly("Initech");
    assertThat(names("Industry != 'Energy'")).containsExactly("Acme", "Initech");
    assertThat(names("Industry > 'A'")).containsExactly("Acme", "globex");
    assertThat(names("Industry > null")).isEmpty();
    assertThat(contacts("Email = null")).containsExactly("Loner", "Smith");
    assertThat(contacts("Email = ''")).containsExactly("Loner", "Smith");
    assertThat(contacts("Email != ''")).containsExactly("Doe");
  }

  @Test
  void comparesNumbers() {
    assertThat(names("AnnualRevenue > 300000")).containsExactly("Acme");
    assertThat(names("AnnualRevenue = 250000.00")).containsExactly("globex");
    assertThat(names("AnnualRevenue >= 2.5e5")).containsExactly("Acme", "globex");
    assertThat(names("NumberOfEmployees >= 40 AND NumberOfEmployees <= 250"))
        .containsExactly("Acme", "globex");
    assertThat(names("NumberOfEmployees > -1")).containsExactly("Acme", "globex");
    assertThat(names("NumberOfEmployees != 40")).containsExactly("Acme", "Initech");
    assertThat(names("NumberOfEmployees < 40.5")).containsExactly("globex");
    assertThat(names("NumberOfEmployees = null")).containsExactly("Initech");
    assertThat(
            Rows.column(
                s.org.query("SELECT Name FROM Widget__c WHERE Big__c = 9000000000"), "Name"))
        .containsExactly("W-1");
    assertThat(Rows.column(s.org.query("SELECT Name FROM Widget__c WHERE Score__c = 2.50"), "Name"))
        .containsExactly("W-1");
    assertThat(deals("Probability >= 75")).containsExactly("Big deal");
  }

  @Test
  void comparesBooleansWithUnsetAsFalse() {
    assertThat(names("Active__c = true")).containsExactly("Acme");
    assertThat(names("Active__c = FALSE")).containsExactly("globex", "Initech");
    assertThat(names("Active__c != true")).containsExactly("globex", "Initech");
    assertThat(contacts("HasOptedOutOfEmail = True")).containsExactly("Smith");
    SoqlException e = failure(() -> names("Active__c > false"), "INVALID_QUERY_FILTER_OPERATOR");
    assertThat(text(e)).isEqualTo("invalid operator on boolean field");
  }

  @Test
  void matchesInListsIgnoringCase() {
    assertThat(names("Name IN ('acme', 'INITECH', 'nobody')")).containsExactly("Acme", "Initech");
    assertThat(names("Industry NOT IN ('Energy')")).containsExactly("Acme", "Initech");
    assertThat(names("Industry IN ('Energy', null)")).containsExactly("globex", "Initech");
    assertThat(names("Industry NOT IN ('Energy', '')")).containsExactly("Acme");
    assertThat(names("NumberOfEmployees IN (40, 250.0)")).containsExactly("Acme", "globex");
    assertThat(names("NumberOfEmployees NOT IN (40)")).containsExactly("Acme", "Initech");
    assertThat(names("Active__c IN (true)")).containsExactly("Acme");
    assertThat(deals("CloseDate IN (2024-05-15, 2020-01-01)")).containsExactly("Small deal");
  }

  @Test
  void comparesIdsInTheir15And18CharacterForms() {
    String id18 = s.acme.id();
    String id15 = id18.substring(0, 15);
    assertThat(names("Id = '" + id18 + "'")).containsExactly("Acme");
    assertThat(names("Id = '" + id15 + "'")).containsExactly("Acme");
    assertThat(names("Id != '" + id15 + "'")).containsExactly("globex", "Initech");
    assertThat(contacts("AccountId = '" + id15 + "'")).containsExactly("Doe", "Smith");
    assertThat(contacts("AccountId = null")).containsExactly("Loner");
    assertThat(contacts("AccountId = ''")).containsExactly("Loner");
    assertThat(names("Id IN ('" + id15 + "', '" + s.initech.id() + "')"))
        .containsExactly("Acme", "Initech");
    assertThat(names("Id > '" + id18 + "'")).containsExactly("globex", "Initech");
    assertThat(names("OwnerId = '" + s.alice.id() + "'")).containsExactly("Acme", "Initech");
    // Ids are case-sensitive.
    s.org.insertWithId("Account", "001Ab0000012345IAQ", "Name", "Mixed");
    assertThat(names("Id = '001Ab0000012345'")).containsExactly("Mixed");
    assertThat(names("Id = '001ab0000012345'")).isEmpty();

    SoqlException bad = failure(() -> names("Id = 'abc'"), "INVALID_QUERY_FILTER_OPERATOR");
    assertThat(bad.getMessage())
        .isEqualTo(
            "\nAccount WHERE Id = 'abc' ORDER BY Name\n                   ^\n"
                + "ERROR at Row:1:Column:37\ninvalid ID field: abc");
    failure(() -> names("Id IN ('001000000000001AAA', 'x')"), "INVALID_QUERY_FILTER_OPERATOR");
    SoqlException like = failure(() -> names("Id LIKE '001%'"), "INVALID_QUERY_FILTER_OPERATOR");
    assertThat(text(like)).isEqualTo("invalid operator on id field");
  }

  @Test
  void matchesLikePatterns() {
    assertThat(names("Name LIKE 'a%'")).containsExactly("Acme");
    assertThat(names("Name LIKE '%E%'")).containsExactly("Acme", "globex", "Initech");
    assertThat(names("Name LIKE '_cme'")).containsExactly("Acme");
    assertThat(names("Name LIKE 'acme'")).containsExactly("Acme");
    assertThat(names("Name LIKE '%'")).containsExactly("Acme", "globex", "Initech");
    assertThat(names("NOT Name LIKE 'a%'")).containsExactly("globex", "Initech");
    assertThat(names("Industry LIKE '%'")).containsExactly("Acme", "globex");
    assertThat(widgetExt("Ext__c LIKE 'X_1'")).containsExactly("X-1");
    assertThat(widgetExt("Ext__c LIKE 'X\\_1'")).isEmpty();
    s.widget.set("Ext__c", "50% off_x");
    assertThat(widgetExt("Ext__c LIKE '50\\% off\\_%'")).containsExactly("50% off_x");
    assertThat(widgetExt("Ext__c LIKE '50\\%'")).isEmpty();
    assertThat(widgetExt("Ext__c LIKE '%\\_X'")).containsExactly("50% off_x");
    SoqlException number =
        failure(() -> names("NumberOfEmployees LIKE '4%'"), "INVALID_QUERY_FILTER_OPERATOR");
    assertThat(text(number)).isEqualTo("invalid operator on int field");
    failure(() -> names("Tags__c LIKE 'G%'"), "INVALID_QUERY_FILTER_OPERATOR");
    SoqlException notText = failure(() -> names("Name LIKE 5"), "INVALID_FIELD");
    assertThat(text(notText))
        .isEqualTo(
            "value of filter criterion for field 'Name' must be of type string and should be enclosed"
                + " in quotes");
  }

  private List<Object> widgetExt(String where) {
    return Rows.column(s.org.query("SELECT Ext__c FROM Widget__c WHERE " + where), "Ext__c");
  }

  @Test
  void matchesMultipicklistsWithIncludesAndExcludes() {
    assertThat(names("Tags__c INCLUDES ('gold')")).containsExactly("Acme");
    assertThat(names("Tags__c INCLUDES ('Gold;Partner')")).containsExactly("Acme");
    assertThat(names("Tags__c INCLUDES ('Partner ; Gold')")).containsExactly("Acme");
    assertThat(names("Tags__c INCLUDES ('Gold;Silver')")).isEmpty();
    assertThat(names("Tags__c INCLUDES ('Gold;Silver', 'silver')")).containsExactly("globex");
    assertThat(names("Tags__c EXCLUDES ('Gold')")).containsExactly("globex", "Initech");
    assertThat(names("Tags__c EXCLUDES ('Gold', 'Silver')")).containsExactly("Initech");
    assertThat(names("Tags__c = 'Partner;Gold'")).containsExactly("Acme");
    assertThat(names("Tags__c = 'Gold'")).isEmpty();
    assertThat(names("Tags__c != 'Silver'")).containsExactly("Acme", "Initech");
    assertThat(names("Tags__c = null")).containsExactly("Initech");
    SoqlException e =
        failure(() -> names("Name INCLUDES ('Acme')"), "INVALID_QUERY_FILTER_OPERATOR");
    assertThat(text(e))
        .isEqualTo("includes or excludes operator only valid on multipicklist field");
    SoqlException op = failure(() -> names("Tags__c < 'a'"), "INVALID_QUERY_FILTER_OPERATOR");
    assertThat(text(op)).isEqualTo("invalid operator on multipicklist field");
  }

  @Test
  void comparesDates() {
    assertThat(deals("CloseDate = 2024-05-15")).containsExactly("Small deal");
    assertThat(deals("CloseDate > 2024-05-15")).containsExactly("Big deal");
    assertThat(deals("CloseDate >= 2024-05-15")).containsExactly("Big deal", "Small deal");
    assertThat(deals("CloseDate = TODAY")).containsExactly("Small deal");
    assertThat(deals("CloseDate = THIS_MONTH")).containsExactly("Small deal");
    assertThat(deals("CloseDate = NEXT_MONTH")).containsExactly("Big deal");
    assertThat(deals("CloseDate > THIS_MONTH")).containsExactly("Big deal");
    assertThat(deals("CloseDate < NEXT_MONTH")).containsExactly("Small deal");
    assertThat(deals("CloseDate <= THIS_MONTH")).containsExactly("Small deal");
    assertThat(deals("CloseDate = NEXT_N_DAYS:46")).containsExactly("Big deal");
    assertThat(deals("CloseDate = NEXT_N_DAYS:45")).isEmpty();
    assertThat(contacts("Birthdate < 1989-01-01")).containsExactly("Smith");
  }

  @Test
  void comparesDatetimesInEveryLiteralForm() {
    assertThat(names("SystemModstamp = 2024-05-14T12:00:00.250Z")).containsExactly("Acme");
    assertThat(names("SystemModstamp = 2024-05-14T14:00:00.25+02:00")).containsExactly("Acme");
    assertThat(names("SystemModstamp = 2024-05-14T07:00:00.250-0500")).containsExactly("Acme");
    assertThat(names("SystemModstamp = 2024-05-14T12:00:00Z")).isEmpty();
    assertThat(names("SystemModstamp >= 2024-05-15T00:00:00Z")).containsExactly("globex");
    assertThat(
            names(
                "SystemModstamp >= 2024-04-01T00:00:00.000+00:00 AND SystemModstamp <"
                    + " 2024-05-15T09:00:00Z"))
        .containsExactly("Acme", "Initech");
    assertThat(names("CreatedDate = TODAY")).isEmpty();
    assertThat(names("CreatedDate = LAST_N_DAYS:2")).containsExactly("globex");
    assertThat(names("CreatedDate = THIS_YEAR")).containsExactly("Acme", "globex");
    assertThat(names("CreatedDate < THIS_YEAR")).containsExactly("Initech");
    assertThat(names("CreatedDate = LAST_YEAR")).containsExactly("Initech");
    assertThat(names("CreatedDate > LAST_WEEK")).containsExactly("globex");
  }

  @Test
  void refusesLiteralsOfTheWrongType() {
    SoqlException dateOnDatetime =
        failure(() -> names("CreatedDate > 2024-01-01"), "INVALID_FIELD");
    assertThat(dateOnDatetime.getMessage())
        .isEqualTo(
            "\nAccount WHERE CreatedDate > 2024-01-01 ORDER BY Name\n"
                + "                            ^\nERROR at Row:1:Column:46\n"
                + "value of filter criterion for field 'CreatedDate' must be of type dateTime and"
                + " should not be enclosed in quotes");
    SoqlException datetimeOnDate =
        failure(() -> deals("CloseDate > 2024-01-01T00:00:00Z"), "INVALID_FIELD");
    assertThat(text(datetimeOnDate))
        .isEqualTo(
            "value of filter criterion for field 'CloseDate' must be of type date and should not be"
                + " enclosed in quotes");
    assertThat(text(failure(() -> deals("CloseDate = '2024-01-01'"), "INVALID_FIELD")))
        .contains("must be of type date and should not be enclosed in quotes");
    assertThat(text(failure(() -> names("AnnualRevenue = '5'"), "INVALID_FIELD")))
        .contains("must be of type currency and should not be enclosed in quotes");
    assertThat(text(failure(() -> names("Active__c = 'true'"), "INVALID_FIELD")))
        .contains("must be of type boolean and should not be enclosed in quotes");
    assertThat(text(failure(() -> names("Name = 5"), "INVALID_FIELD")))
        .contains("must be of type string and should be enclosed in quotes");
    assertThat(text(failure(() -> names("Id = 5"), "INVALID_FIELD")))
        .contains("must be of type id and should be enclosed in quotes");
    assertThat(text(failure(() -> names("Name = TODAY"), "INVALID_FIELD")))
        .contains("must be of type string");
    assertThat(text(failure(() -> names("NumberOfEmployees = 2024-01-01"), "INVALID_FIELD")))
        .contains("must be of type int");
  }

  @Test
  void refusesFieldsThatCannotBeFiltered() {
    SoqlException e = failure(() -> names("Description = 'x'"), "INVALID_FIELD");
    assertThat(text(e)).isEqualTo("field 'Description' can not be filtered in query call");
    SoqlException address = failure(() -> names("BillingAddress = null"), "INVALID_FIELD");
    assertThat(text(address))
        .isEqualTo("Address fields can only be filtered using Distance expressions");
  }

  @Test
  void combinesWithAndOrNotAndParentheses() {
    assertThat(names("Name = 'Acme' OR Name = 'Initech'")).containsExactly("Acme", "Initech");
    assertThat(names("Industry != null AND NumberOfEmployees > 100")).containsExactly("Acme");
    assertThat(names("NOT Name = 'Acme'")).containsExactly("globex", "Initech");
    assertThat(names("NOT (Name = 'Acme' OR Name = 'Initech')")).containsExactly("globex");
    assertThat(names("(Name = 'Acme' OR Name = 'globex') AND Active__c = false"))
        .containsExactly("globex");
    assertThat(names("Name = 'Acme' OR (Name = 'globex' AND Active__c = true)"))
        .containsExactly("Acme");
    assertThat(names("NOT NOT Name = 'Acme'")).containsExactly("Acme");
    assertThat(names("((Name = 'Acme'))")).containsExactly("Acme");
    assertThat(names("NOT Industry > 'F'")).containsExactly("globex", "Initech");
  }

  @Test
  void filtersOnParentPathsAndPolymorphicParents() {
    assertThat(contacts("Account.Name = 'acme'")).containsExactly("Doe", "Smith");
    assertThat(contacts("Account.Owner.Name LIKE 'Alice%'")).containsExactly("Doe", "Smith");
    assertThat(contacts("Account.Name = null")).containsExactly("Loner");
    assertThat(names("Parent.Name = 'Acme'")).containsExactly("globex");
    assertThat(
            Rows.column(
                s.org.query("SELECT Subject FROM Task WHERE What.Type = 'Opportunity'"), "Subject"))
        .containsExactly("Send quote");
    assertThat(
            Rows.column(
                s.org.query("SELECT Subject FROM Task WHERE What.Name = 'Acme'"), "Subject"))
        .containsExactly("Call Acme");
    assertThat(
            Rows.column(
                s.org.query("SELECT Subject FROM Task WHERE Owner.Type = 'Group' ORDER BY Subject"),
                "Subject"))
        .containsExactly("Send quote", "Unassigned");
  }

  @Test
  void semiJoinsRunTheInnerQueryOnce() {
    assertThat(names("Id IN (SELECT AccountId FROM Contact WHERE LastName = 'Doe')"))
        .containsExactly("Acme");
    assertThat(names("Id NOT IN (SELECT AccountId FROM Contact)"))
        .containsExactly("globex", "Initech");
    assertThat(contacts("AccountId IN (SELECT Id FROM Account WHERE Active__c = true)"))
        .containsExactly("Doe", "Smith");
    failure(() -> names("Id IN (SELECT LastName FROM Contact)"), "MALFORMED_QUERY");
    failure(() -> names("Name IN (SELECT Id FROM Contact)"), "MALFORMED_QUERY");
    failure(() -> names("Id IN (SELECT Nope FROM Contact)"), "INVALID_FIELD");
    failure(() -> names("Id IN (SELECT Id FROM Nope)"), "INVALID_TYPE");
  }

  @ParameterizedTest
  @CsvSource({
    // literal, a row just inside, a row just outside (both datetimes) — the clock is
    // 2024-05-15T10:30Z
    "TODAY, 2024-05-15T00:00:00Z, 2024-05-16T00:00:00Z",
    "TODAY, 2024-05-15T23:59:59.999Z, 2024-05-14T23:59:59.999Z",
    "YESTERDAY, 2024-05-14T00:00:00Z, 2024-05-15T00:00:00Z",
    "TOMORROW, 2024-05-16T12:00:00Z, 2024-05-17T00:00:00Z",
    "THIS_WEEK, 2024-05-12T00:00:00Z, 2024-05-11T23:59:59Z",
    "LAST_WEEK, 2024-05-05T00:00:00Z, 2024-05-12T00:00:00Z",
    "NEXT_WEEK, 2024-05-25T23:00:00Z, 2024-05-26T00:00:00Z",
    "LAST_N_DAYS:1, 2024-05-14T00:00:00Z, 2024-05-13T23:59:59Z",
    "LAST_N_DAYS:1, 2024-05-15T23:00:00Z, 2024-05-16T00:00:00Z",
    "NEXT_N_DAYS:1, 2024-05-16T00:00:00Z, 2024-05-15T23:59:59Z",
    "LAST_90_DAYS, 2024-02-15T00:00:00Z, 2024-02-14T23:59:59Z",
    "NEXT_90_DAYS, 2024-08-13T23:59:59Z, 2024-08-14T00:00:00Z",
    "THIS_QUARTER, 2024-04-01T00:00:00Z, 2024-07-01T00:00:00Z",
    "LAST_FISCAL_QUARTER, 2024-01-01T00:00:00Z, 2024-04-01T00:00:00Z",
    "N_DAYS_AGO:3, 2024-05-12T08:00:00Z, 2024-05-13T00:00:00Z"
  })
  void evaluatesRelativeDatesOnDatetimesInUtc(String literal, String inside, String outside) {
    TestOrg org =
        new TestOrg().object(new TestObject("Event__c", "a02").field("At__c", SoqlType.DATETIME));
    TestRow in = org.insert("Event__c", "At__c", java.time.Instant.parse(inside));
    org.insert("Event__c", "At__c", java.time.Instant.parse(outside));
    org.insert("Event__c");
    assertThat(Rows.ids(org.query("SELECT Id FROM Event__c WHERE At__c = " + literal)))
        .containsExactly(in.id());
    assertThat(org.query("SELECT Id FROM Event__c WHERE At__c != " + literal).size()).isEqualTo(2);
  }
}
