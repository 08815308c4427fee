package dev.ferry.emulator.soql;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The org most engine tests query: standard objects with lookups (Account.Owner → User,
 * Contact.Account, a self lookup), polymorphic lookups (Task.What → Account|Opportunity, Task.Owner
 * → User|Group), a custom object with a custom relationship (Widget__c.Parent__r) and one record of
 * each interesting shape.
 */
final class SampleOrg {
  final TestOrg org = new TestOrg();
  final TestRow alice;
  final TestRow bob;
  final TestRow queue;
  final TestRow acme;
  final TestRow globex;
  final TestRow initech;
  final TestRow contactJane;
  final TestRow contactJohn;
  final TestRow contactNoAccount;
  final TestRow dealBig;
  final TestRow dealSmall;
  final TestRow taskOnAcme;
  final TestRow taskOnDeal;
  final TestRow taskQueued;
  final TestRow widget;

  SampleOrg() {
    org.object(
            new TestObject("User", "005")
                .field("Name", SoqlType.STRING)
                .field("Username", SoqlType.STRING)
                .field("Email", SoqlType.EMAIL)
                .field("IsActive", SoqlType.BOOLEAN)
                .lookup("ManagerId", "Manager", "User"))
        .object(
            new TestObject("Group", "00G")
                .field("Name", SoqlType.STRING)
                .field("Email", SoqlType.EMAIL))
        .object(
            new TestObject("Account", "001")
                .field("Name", SoqlType.STRING)
                .field("Type", SoqlType.PICKLIST)
                .field("Industry", SoqlType.PICKLIST)
                .field("AnnualRevenue", SoqlType.CURRENCY)
                .field("NumberOfEmployees", SoqlType.INT)
                .lookup("OwnerId", "Owner", "User")
                .lookup("ParentId", "Parent", "Account")
                .longText("Description")
                .field("BillingAddress", SoqlType.ADDRESS)
                .field("BillingCity", SoqlType.STRING)
                .field("CreatedDate", SoqlType.DATETIME)
                .field("SystemModstamp", SoqlType.DATETIME)
                .field("Active__c", SoqlType.BOOLEAN)
                .field("Ext_Id__c", SoqlType.STRING)
                .field("Tags__c", SoqlType.MULTIPICKLIST)
                .child("Contacts", "Contact", "AccountId")
                .child("Opportunities", "Opportunity", "AccountId")
                .child("Widgets__r", "Widget__c", "Parent__c")
                .child("ChildAccounts", "Account", "ParentId")
                .child("Tasks", "Task", "WhatId"))
        .object(
            new TestObject("Contact", "003")
                .field("FirstName", SoqlType.STRING)
                .field("LastName", SoqlType.STRING)
                .field("Email", SoqlType.EMAIL)
                .lookup("AccountId", "Account", "Account")
                .lookup("OwnerId", "Owner", "User")
                .field("Birthdate", SoqlType.DATE)
                .field("SystemModstamp", SoqlType.DATETIME)
                .field("HasOptedOutOfEmail", SoqlType.BOOLEAN))
        .object(
            new TestObject("Opportunity", "006")
                .field("Name", SoqlType.STRING)
                .field("Amount", SoqlType.CURRENCY)
                .field("Probability", SoqlType.PERCENT)
                .field("CloseDate", SoqlType.DATE)
                .field("StageName", SoqlType.PICKLIST)
                .lookup("AccountId", "Account", "Account")
                .child("Tasks", "Task", "WhatId"))
        .object(
            new TestObject("Task", "00T")
                .field("Subject", SoqlType.STRING)
                .field("ActivityDate", SoqlType.DATE)
                .lookup("WhatId", "What", "Account", "Opportunity")
                .lookup("OwnerId", "Owner", "User", "Group"))
        .object(
            new TestObject("Widget__c", "a01")
                .field("Name", SoqlType.STRING)
                .lookup("Parent__c", "Parent__r", "Account")
                .field("Ext__c", SoqlType.STRING)
                .field("Score__c", SoqlType.DOUBLE)
                .field("Big__c", SoqlType.LONG)
                .field("Start__c", SoqlType.TIME));

    bob = org.insert("User", "Name", "Bob Boss", "Username", "bob@example.com", "IsActive", true);
    alice =
        org.insert(
            "User",
            "Name",
            "Alice Admin",
            "Username",
            "alice@example.com",
            "Email",
            "alice@example.com",
            "IsActive",
            true,
            "ManagerId",
            bob.id());
    queue = org.insert("Group", "Name", "Support Queue", "Email", "queue@example.com");

    acme =
        org.insert(
            "Account",
            "Name",
            "Acme",
            "Type",
            "Customer",
            "Industry",
            "Manufacturing",
            "AnnualRevenue",
            new BigDecimal("1500000.50"),
            "NumberOfEmployees",
            250,
            "OwnerId",
            alice.id(),
            "Description",
            "A long description",
            "BillingCity",
            "Springfield",
            "CreatedDate",
            Instant.parse("2024-01-10T08:00:00Z"),
            "SystemModstamp",
            Instant.parse("2024-05-14T12:00:00.250Z"),
            "Active__c",
            true,
            "Ext_Id__c",
            "ACME-1",
            "Tags__c",
            "Gold;Partner");
    globex =
        org.insert(
            "Account",
            "Name",
            "globex",
            "Type",
            "Prospect",
            "Industry",
            "Energy",
            "AnnualRevenue",
            new BigDecimal("250000"),
            "NumberOfEmployees",
            40,
            "OwnerId",
            bob.id(),
            "ParentId",
            acme.id(),
            "BillingCity",
            "Shelbyville",
            "CreatedDate",
            Instant.parse("2024-05-13T23:59:59Z"),
            "SystemModstamp",
            Instant.parse("2024-05-15T09:00:00Z"),
            "Ext_Id__c",
            "GLOBEX-2",
            "Tags__c",
            "Silver");
    initech =
        org.insert(
            "Account",
            "Name",
            "Initech",
            "Industry",
            null,
            "OwnerId",
            alice.id(),
            "CreatedDate",
            Instant.parse("2023-12-31T23:00:00Z"),
            "SystemModstamp",
            Instant.parse("2024-04-01T00:00:00Z"),
            "Active__c",
            false);

    contactJane =
        org.insert(
            "Contact",
            "FirstName",
            "Jane",
            "LastName",
            "Doe",
            "Email",
            "jane@acme.example",
            "AccountId",
            acme.id(),
            "OwnerId",
            alice.id(),
            "Birthdate",
            LocalDate.parse("1990-02-28"),
            "SystemModstamp",
            Instant.parse("2024-05-01T00:00:00Z"));
    contactJohn =
        org.insert(
            "Contact",
            "FirstName",
            "John",
            "LastName",
            "Smith",
            "AccountId",
            acme.id(),
            "OwnerId",
            bob.id(),
            "Birthdate",
            LocalDate.parse("1985-07-04"),
            "SystemModstamp",
            Instant.parse("2024-05-02T00:00:00Z"),
            "HasOptedOutOfEmail",
            true);
    contactNoAccount =
        org.insert(
            "Contact",
            "LastName",
            "Loner",
            "Email",
            "",
            "SystemModstamp",
            Instant.parse("2024-05-03T00:00:00Z"));

    dealBig =
        org.insert(
            "Opportunity",
            "Name",
            "Big deal",
            "Amount",
            new BigDecimal("100000"),
            "Probability",
            new BigDecimal("75"),
            "CloseDate",
            LocalDate.parse("2024-06-30"),
            "StageName",
            "Negotiation",
            "AccountId",
            acme.id());
    dealSmall =
        org.insert(
            "Opportunity",
            "Name",
            "Small deal",
            "Amount",
            new BigDecimal("500.25"),
            "CloseDate",
            LocalDate.parse("2024-05-15"),
            "StageName",
            "Prospecting",
            "AccountId",
            globex.id());

    taskOnAcme =
        org.insert("Task", "Subject", "Call Acme", "WhatId", acme.id(), "OwnerId", alice.id());
    taskOnDeal =
        org.insert("Task", "Subject", "Send quote", "WhatId", dealBig.id(), "OwnerId", queue.id());
    taskQueued = org.insert("Task", "Subject", "Unassigned", "OwnerId", queue.id());

    widget =
        org.insert(
            "Widget__c",
            "Name",
            "W-1",
            "Parent__c",
            acme.id(),
            "Ext__c",
            "X-1",
            "Score__c",
            new BigDecimal("2.5"),
            "Big__c",
            9_000_000_000L);
  }
}
