package dev.ferry.emulator.soql;

import static dev.ferry.emulator.soql.SoqlAssertions.failure;
import static dev.ferry.emulator.soql.SoqlAssertions.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SoqlSelectTest {
  private final SampleOrg s = new SampleOrg();

  @Test
  void answersWithCanonicalNamesWhateverTheCaseWritten() {
    SoqlResult r = s.org.query("select id, NAME, annualrevenue from ACCOUNT where name = 'acme'");
    assertThat(r.objectName()).isEqualTo("Account");
    assertThat(r.columns()).containsExactly("Id", "Name", "AnnualRevenue");
    assertThat(r.totalSize()).isEqualTo(1);
    assertThat(r.size()).isEqualTo(1);
    ResultRow row = r.row(0);
    assertThat(row.type()).isEqualTo("Account");
    assertThat(row.id()).isEqualTo(s.acme.id());
    assertThat(row.values().keySet()).containsExactly("Id", "Name", "AnnualRevenue");
    assertThat(row.values().get("AnnualRevenue")).isEqualTo(new BigDecimal("1500000.50"));
    assertThat(r.flatRow(0)).containsExactly(s.acme.id(), "Acme", new BigDecimal("1500000.50"));
  }

  @Test
  void keepsTheRowIdEvenWhenIdIsNotSelected() {
    SoqlResult r = s.org.query("SELECT Name FROM Account WHERE Name = 'Acme'");
    assertThat(r.row(0).id()).isEqualTo(s.acme.id());
    assertThat(r.row(0).values().keySet()).containsExactly("Name");
  }

  @Test
  void nestsParentPathsUnderOneRowPerRelationship() {
    SoqlResult r =
        s.org.query(
            "SELECT Id, Account.Name, LastName, Account.Owner.Name, account.INDUSTRY FROM Contact"
                + " ORDER BY LastName");
    assertThat(r.columns())
        .containsExactly(
            "Id", "Account.Name", "LastName", "Account.Owner.Name", "Account.Industry");
    ResultRow jane = r.row(0);
    assertThat(jane.values().keySet()).containsExactly("Id", "Account", "LastName");
    ResultRow account = (ResultRow) jane.values().get("Account");
    assertThat(account.type()).isEqualTo("Account");
    assertThat(account.id()).isEqualTo(s.acme.id());
    assertThat(account.values().keySet()).containsExactly("Name", "Owner", "Industry");
    ResultRow owner = (ResultRow) account.values().get("Owner");
    assertThat(owner.type()).isEqualTo("User");
    assertThat(owner.id()).isEqualTo(s.alice.id());
    assertThat(owner.values()).containsEntry("Name", "Alice Admin").hasSize(1);
    assertThat(r.flatRow(0))
        .containsExactly(s.contactJane.id(), "Acme", "Doe", "Alice Admin", "Manufacturing");

    ResultRow loner = r.row(1);
    assertThat(loner.values()).containsEntry("Account", null);
    assertThat(r.flatRow(1)).containsExactly(s.contactNoAccount.id(), null, "Loner", null, null);
    assertThat(r.flatRow(2))
        .containsExactly(s.contactJohn.id(), "Acme", "Smith", "Alice Admin", "Manufacturing");
  }

  @Test
  void followsCustomRelationships() {
    SoqlResult r = s.org.query("SELECT Name, parent__r.name, Parent__r.Ext_Id__c FROM widget__c");
    assertThat(r.objectName()).isEqualTo("Widget__c");
    assertThat(r.columns()).containsExactly("Name", "Parent__r.Name", "Parent__r.Ext_Id__c");
    assertThat(r.flatRow(0)).containsExactly("W-1", "Acme", "ACME-1");
    assertThat(((ResultRow) r.row(0).values().get("Parent__r")).values())
        .containsEntry("Name", "Acme")
        .containsEntry("Ext_Id__c", "ACME-1");
  }

  @Test
  void followsUpToFiveLevels() {
    SoqlResult r =
        s.org.query(
            "SELECT Account.Owner.Manager.Name, Account.Parent.Owner.Manager.Name FROM Contact"
                + " WHERE LastName = 'Doe'");
    assertThat(r.flatRow(0)).containsExactly("Bob Boss", null);
    SoqlException e =
        failure(
            () -> s.org.query("SELECT Account.Parent.Owner.Manager.Manager.Name FROM Contact"),
            "MALFORMED_QUERY");
    assertThat(text(e)).contains("more than 5 levels");
  }

  @Test
  void resolvesPolymorphicParentsByTheReferencedRowsType() {
    SoqlResult r =
        s.org.query(
            "SELECT Subject, What.Name, What.Type, What.Amount, Owner.Name, Owner.Email FROM Task"
                + " ORDER BY Subject");
    assertThat(r.columns())
        .containsExactly(
            "Subject", "What.Name", "What.Type", "What.Amount", "Owner.Name", "Owner.Email");
    assertThat(r.flatRow(0))
        .containsExactly("Call Acme", "Acme", "Account", null, "Alice Admin", "alice@example.com");
    assertThat(r.flatRow(1))
        .containsExactly(
            "Send quote",
            "Big deal",
            "Opportunity",
            new BigDecimal("100000"),
            "Support Queue",
            "queue@example.com");
    assertThat(r.flatRow(2))
        .containsExactly("Unassigned", null, null, null, "Support Queue", "queue@example.com");

    ResultRow what = (ResultRow) r.row(1).values().get("What");
    assertThat(what.type()).isEqualTo("Opportunity");
    assertThat(what.id()).isEqualTo(s.dealBig.id());
    assertThat(what.values().keySet()).containsExactly("Name", "Type", "Amount");
    assertThat(what.values()).containsEntry("Type", "Opportunity");
    ResultRow owner = (ResultRow) r.row(1).values().get("Owner");
    assertThat(owner.type()).isEqualTo("Group");
    ResultRow acmeWhat = (ResultRow) r.row(0).values().get("What");
    assertThat(acmeWhat.type()).isEqualTo("Account");
    assertThat(acmeWhat.values()).containsEntry("Amount", null).containsEntry("Type", "Account");
  }

  @Test
  void acceptsAnAliasOrTheObjectNameAsAPrefix() {
    SoqlResult aliased =
        s.org.query("SELECT c.LastName, c.Account.Name FROM Contact c WHERE c.LastName = 'Doe'");
    assertThat(aliased.columns()).containsExactly("LastName", "Account.Name");
    assertThat(aliased.flatRow(0)).containsExactly("Doe", "Acme");
    SoqlResult named = s.org.query("SELECT Account.Name FROM Account WHERE Account.Name = 'Acme'");
    assertThat(named.columns()).containsExactly("Name");
    assertThat(named.flatRow(0)).containsExactly("Acme");
  }

  @Test
  void countsWithCountOnly() {
    SoqlResult all = s.org.query("SELECT COUNT() FROM Account");
    assertThat(all.totalSize()).isEqualTo(3);
    assertThat(all.size()).isZero();
    assertThat(all.columns()).isEmpty();
    assertThatThrownBy(() -> all.row(0)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThat(s.org.query("SELECT COUNT() FROM Account WHERE Industry != null").totalSize())
        .isEqualTo(2);
    assertThat(s.org.query("SELECT COUNT() FROM Account LIMIT 2").totalSize()).isEqualTo(2);
    assertThat(s.org.query("SELECT COUNT() FROM Account LIMIT 5 OFFSET 2").totalSize())
        .isEqualTo(1);
    s.initech.deleted(true);
    assertThat(s.org.query("SELECT COUNT() FROM Account").totalSize()).isEqualTo(2);
    assertThat(s.org.query("SELECT COUNT() FROM Account", true).totalSize()).isEqualTo(3);
    assertThat(s.org.query("SELECT COUNT() FROM Account WHERE IsDeleted = true", true).totalSize())
        .isEqualTo(1);
  }

  @Test
  void countOnlyStandsAlone() {
    SoqlException e =
        failure(() -> s.org.query("SELECT COUNT(), Name FROM Account"), "MALFORMED_QUERY");
    assertThat(text(e)).isEqualTo("unexpected token: 'Name'");
  }

  @Test
  void expandsFieldsFunctions() {
    SoqlResult standard = s.org.query("SELECT FIELDS(STANDARD) FROM Opportunity");
    assertThat(standard.columns())
        .containsExactly(
            "Id",
            "IsDeleted",
            "Name",
            "Amount",
            "Probability",
            "CloseDate",
            "StageName",
            "AccountId");
    SoqlResult custom = s.org.query("SELECT FIELDS(CUSTOM) FROM Account LIMIT 10");
    assertThat(custom.columns()).containsExactly("Active__c", "Ext_Id__c", "Tags__c");
    SoqlResult all = s.org.query("SELECT FIELDS(ALL) FROM Widget__c LIMIT 200");
    assertThat(all.columns())
        .containsExactly(
            "Id", "IsDeleted", "Name", "Parent__c", "Ext__c", "Score__c", "Big__c", "Start__c");
    assertThat(all.flatRow(0).get(2)).isEqualTo("W-1");
    SoqlResult mixed = s.org.query("SELECT Parent__r.Name, FIELDS(CUSTOM) FROM Widget__c LIMIT 1");
    assertThat(mixed.columns())
        .containsExactly("Parent__r.Name", "Parent__c", "Ext__c", "Score__c", "Big__c", "Start__c");
  }

  @Test
  void unboundedFieldsFunctionsNeedALimitOfAtMost200() {
    for (String soql :
        List.of(
            "SELECT FIELDS(ALL) FROM Account",
            "SELECT FIELDS(ALL) FROM Account LIMIT 201",
            "SELECT FIELDS(CUSTOM) FROM Account")) {
      SoqlException e = failure(() -> s.org.query(soql), "MALFORMED_QUERY");
      assertThat(e.getMessage())
          .isEqualTo("The SOQL FIELDS function must have a LIMIT of at most 200");
    }
    SoqlException duplicate =
        failure(
            () -> s.org.query("SELECT Id, FIELDS(ALL) FROM Account LIMIT 200"), "INVALID_FIELD");
    assertThat(duplicate.getMessage()).isEqualTo("duplicate field selected: Id");
  }

  @Test
  void refusesDuplicateFields() {
    SoqlException e = failure(() -> s.org.query("SELECT Name, name FROM Account"), "INVALID_FIELD");
    assertThat(e.getMessage()).isEqualTo("duplicate field selected: Name");
    failure(
        () -> s.org.query("SELECT Account.Name, c.account.name FROM Contact c"), "INVALID_FIELD");
  }

  @Test
  void runsChildSubqueriesPerParent() {
    SoqlResult r =
        s.org.query(
            "SELECT Name, (SELECT LastName FROM Contacts ORDER BY LastName DESC),"
                + " (SELECT Name FROM Widgets__r) FROM Account ORDER BY Name");
    assertThat(r.columns()).containsExactly("Name");
    ResultRow acme = r.row(0);
    assertThat(acme.values().keySet()).containsExactly("Name", "Contacts", "Widgets__r");
    ChildResult contacts = (ChildResult) acme.values().get("Contacts");
    assertThat(contacts.type()).isEqualTo("Contact");
    assertThat(contacts.records())
        .extracting(row -> row.values().get("LastName"))
        .containsExactly("Smith", "Doe");
    assertThat(contacts.records().get(0).type()).isEqualTo("Contact");
    assertThat(contacts.records().get(0).id()).isEqualTo(s.contactJohn.id());
    ChildResult widgets = (ChildResult) acme.values().get("Widgets__r");
    assertThat(widgets.type()).isEqualTo("Widget__c");
    assertThat(widgets.records()).hasSize(1);
    ResultRow globex = r.row(1);
    assertThat(globex.values()).containsEntry("Contacts", null).containsEntry("Widgets__r", null);
    assertThat(r.flatRow(0)).containsExactly("Acme");
  }

  @Test
  void filtersLimitsAndAliasesSubqueries() {
    SoqlResult r =
        s.org.query(
            "SELECT a.Name, (SELECT c.LastName, c.Owner.Name FROM a.Contacts c WHERE c.LastName !="
                + " 'Doe' LIMIT 1), (SELECT Name FROM Account.Opportunities WHERE Amount > 1000)"
                + " FROM Account a WHERE a.Name = 'Acme'");
    ResultRow acme = r.row(0);
    ChildResult contacts = (ChildResult) acme.values().get("Contacts");
    assertThat(contacts.records()).hasSize(1);
    ResultRow john = contacts.records().get(0);
    assertThat(john.values().get("LastName")).isEqualTo("Smith");
    assertThat(((ResultRow) john.values().get("Owner")).values()).containsEntry("Name", "Bob Boss");
    ChildResult deals = (ChildResult) acme.values().get("Opportunities");
    assertThat(deals.records())
        .extracting(row -> row.values().get("Name"))
        .containsExactly("Big deal");
  }

  @Test
  void nestsSubqueriesUpToFourLevels() {
    SoqlResult r =
        s.org.query(
            "SELECT Name, (SELECT Name, (SELECT Subject FROM Tasks) FROM Opportunities) FROM Account"
                + " WHERE Name = 'Acme'");
    ChildResult deals = (ChildResult) r.row(0).values().get("Opportunities");
    ChildResult tasks = (ChildResult) deals.records().get(0).values().get("Tasks");
    assertThat(tasks.records())
        .extracting(row -> row.values().get("Subject"))
        .containsExactly("Send quote");
    String four =
        "SELECT Name, (SELECT Name, (SELECT Name, (SELECT Name, (SELECT Name FROM ChildAccounts)"
            + " FROM ChildAccounts) FROM ChildAccounts) FROM ChildAccounts) FROM Account";
    assertThat(s.org.query(four).size()).isEqualTo(3);
    String five =
        "SELECT Name, (SELECT Name, (SELECT Name, (SELECT Name, (SELECT Name, (SELECT Name FROM"
            + " ChildAccounts) FROM ChildAccounts) FROM ChildAccounts) FROM ChildAccounts) FROM"
            + " ChildAccounts) FROM Account";
    SoqlException e = failure(() -> s.org.query(five), "MALFORMED_QUERY");
    assertThat(text(e)).contains("more than 4 levels away from the root entity object");
  }

  @Test
  void subqueriesSeeDeletedChildrenOnlyInQueryAll() {
    s.contactJohn.deleted(true);
    String soql = "SELECT Name, (SELECT LastName FROM Contacts) FROM Account WHERE Name = 'Acme'";
    assertThat(((ChildResult) s.org.query(soql).row(0).values().get("Contacts")).records())
        .hasSize(1);
    assertThat(((ChildResult) s.org.query(soql, true).row(0).values().get("Contacts")).records())
        .hasSize(2);
  }

  @Test
  void refusesUnknownChildRelationships() {
    SoqlException e =
        failure(
            () -> s.org.query("SELECT Id, (SELECT Id FROM Contact) FROM Account"), "INVALID_TYPE");
    assertThat(text(e))
        .isEqualTo(
            "Didn't understand relationship 'Contact' in FROM part of query call. If you are"
                + " attempting to use a custom relationship, be sure to append the '__r' after the"
                + " custom relationship name. Please reference your WSDL or the describe call for"
                + " the appropriate names.");
    failure(
        () -> s.org.query("SELECT Id, (SELECT Id FROM Other.Contacts) FROM Account"),
        "INVALID_TYPE");
  }

  @Test
  void selectsPerTypeWithTypeof() {
    SoqlResult r =
        s.org.query(
            "SELECT Subject, TYPEOF What WHEN Account THEN Name, Industry WHEN Opportunity THEN"
                + " Name, Amount ELSE Name END FROM Task ORDER BY Subject");
    assertThat(r.columns()).containsExactly("Subject", "What.Name", "What.Industry", "What.Amount");
    assertThat(r.flatRow(0)).containsExactly("Call Acme", "Acme", "Manufacturing", null);
    assertThat(r.flatRow(1))
        .containsExactly("Send quote", "Big deal", null, new BigDecimal("100000"));
    assertThat(r.flatRow(2)).containsExactly("Unassigned", null, null, null);
    ResultRow what = (ResultRow) r.row(1).values().get("What");
    assertThat(what.type()).isEqualTo("Opportunity");
    assertThat(what.values().keySet()).containsExactly("Name", "Amount");
    assertThat(r.row(2).values()).containsEntry("What", null);

    SoqlResult elseOnly =
        s.org.query(
            "SELECT TYPEOF What WHEN Opportunity THEN Amount ELSE Name END FROM Task"
                + " WHERE Subject = 'Call Acme'");
    assertThat(elseOnly.columns()).containsExactly("What.Amount", "What.Name");
    assertThat(elseOnly.flatRow(0)).containsExactly(null, "Acme");
    assertThat(((ResultRow) elseOnly.row(0).values().get("What")).values())
        .containsOnlyKeys("Name");

    SoqlException e =
        failure(
            () -> s.org.query("SELECT TYPEOF Account WHEN Account THEN Name END FROM Contact"),
            "MALFORMED_QUERY");
    assertThat(text(e)).contains("polymorphic");
    failure(
        () -> s.org.query("SELECT TYPEOF What WHEN Contact THEN Name END FROM Task"),
        "MALFORMED_QUERY");
    failure(
        () -> s.org.query("SELECT TYPEOF What WHEN Account THEN Nope END FROM Task"),
        "INVALID_FIELD");
    SoqlException unknown =
        failure(
            () -> s.org.query("SELECT TYPEOF Whom WHEN Account THEN Name END FROM Task"),
            "INVALID_FIELD");
    assertThat(text(unknown)).startsWith("Didn't understand relationship 'Whom' in field path.");
  }

  @Test
  void readsAnUnsetCheckboxAsFalse() {
    SoqlResult r = s.org.query("SELECT Name, Active__c FROM Account ORDER BY Name");
    assertThat(Rows.column(r, "Active__c")).containsExactly(true, false, false);
  }

  @Test
  void seesDeletedRowsOnlyInQueryAll() {
    s.globex.deleted(true);
    assertThat(Rows.column(s.org.query("SELECT Name FROM Account ORDER BY Name"), "Name"))
        .containsExactly("Acme", "Initech");
    assertThat(
            Rows.column(
                s.org.query("SELECT Name, IsDeleted FROM Account ORDER BY Name", true),
                "IsDeleted"))
        .containsExactly(false, true, false);
  }

  @Test
  void projectsLazilyAndChecksIndexes() {
    SoqlResult r = s.org.query("SELECT Name FROM Account");
    assertThat(r.size()).isEqualTo(3);
    assertThatThrownBy(() -> r.row(3)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> r.flatRow(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    // A row read twice is projected twice from the same stored record.
    s.acme.set("Name", "Acme Renamed");
    assertThat(Arrays.asList(Rows.column(r, "Name").toArray())).contains("Acme Renamed");
  }

  @Test
  void aliasesAreOnlyForAggregates() {
    SoqlException e = failure(() -> s.org.query("SELECT Name n FROM Account"), "MALFORMED_QUERY");
    assertThat(text(e)).isEqualTo("Only aggregate expressions use field aliasing");
  }
}
