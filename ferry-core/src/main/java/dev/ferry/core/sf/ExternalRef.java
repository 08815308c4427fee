package dev.ferry.core.sf;

import org.jspecify.annotations.Nullable;

/**
 * A lookup set by the parent's external id instead of its Salesforce id: sent as {@code "Account":
 * {"External_Id__c": "X1"}} (REST) or column {@code Account.External_Id__c} (Bulk), so Salesforce
 * resolves the parent itself. A polymorphic lookup ({@code Owner}: User or Group) also names the
 * parent's type: {@code "Owner": {"attributes": {"type": "User"}, "Employee_Key__c": "E1"}} (REST),
 * column {@code User:Owner.Employee_Key__c} (Bulk).
 *
 * @param objectType the parent's sObject type for a polymorphic lookup, else null
 */
public record ExternalRef(
    String relationshipName, String externalIdField, String value, @Nullable String objectType) {

  public ExternalRef(String relationshipName, String externalIdField, String value) {
    this(relationshipName, externalIdField, value, null);
  }

  /** The Bulk API column: {@code Account.External_Id__c}, {@code User:Owner.Employee_Key__c}. */
  public String column() {
    return (objectType == null ? "" : objectType + ":") + relationshipName + "." + externalIdField;
  }
}
