package dev.ferry.emulator.soql;

/**
 * A parent-to-child relationship usable in a subquery, e.g. Account.Contacts → Contact.AccountId.
 */
public record SoqlChildRelationship(String relationshipName, String childObject, String field) {}
