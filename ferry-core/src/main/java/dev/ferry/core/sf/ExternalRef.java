package dev.ferry.core.sf;

/**
 * A lookup set by the parent's external id instead of its Salesforce id: sent as {@code "Account":
 * {"External_Id__c": "X1"}} (REST) or column {@code Account.External_Id__c} (Bulk), so Salesforce
 * resolves the parent itself.
 */
public record ExternalRef(String relationshipName, String externalIdField, String value) {}
