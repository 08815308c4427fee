package dev.ferry.core.model;

import org.jspecify.annotations.Nullable;

/**
 * One column of a mapped table.
 *
 * @param name the column name (lowercase, unquoted)
 * @param type its Postgres type
 * @param role why it exists
 * @param sourcePath the Salesforce field path that fills it ({@code Id}, {@code Email}, {@code
 *     Account.External_Id__c}), or null for Ferry's own columns
 * @param sfField for FIELD columns the Salesforce field name, for RELATIONSHIP_EXTERNAL_ID the
 *     pseudo-field name ({@code Account__External_Id__c}); null for Ferry's own columns
 */
public record ColumnSpec(
    String name,
    PgType type,
    ColumnRole role,
    @Nullable String sourcePath,
    @Nullable String sfField) {

  public ColumnSpec {
    PgIdentifiers.requireValid(name);
  }

  /** True for columns filled from Salesforce data. */
  public boolean isSynced() {
    return sourcePath != null;
  }
}
