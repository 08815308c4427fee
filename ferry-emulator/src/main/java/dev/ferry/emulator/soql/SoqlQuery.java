package dev.ferry.emulator.soql;

import java.time.InstantSource;

/** A parsed SOQL statement. Parse with {@link Soql#parse}. */
public interface SoqlQuery {
  /** The FROM object as written in the query. */
  String objectName();

  /** {@code SELECT COUNT() FROM ...}. */
  boolean isCountOnly();

  /** Aggregate functions (COUNT() included) or GROUP BY. */
  boolean isAggregate();

  boolean hasSubqueries();

  boolean hasOffset();

  boolean hasLimit();

  boolean hasOrderBy();

  /** FIELDS(ALL|STANDARD|CUSTOM) in the select list. */
  boolean usesFieldsFunction();

  boolean hasTypeof();

  /** A compound field (address, location) in the select list: Bulk API 2.0 refuses these. */
  boolean selectsCompoundField(SoqlCatalog catalog);

  /**
   * Resolves names against the schema (INVALID_TYPE / INVALID_FIELD errors) and evaluates.
   * includeDeleted = queryAll. The clock resolves relative date literals (TODAY, LAST_N_DAYS:n).
   */
  SoqlResult execute(
      SoqlCatalog catalog, SoqlData data, boolean includeDeleted, InstantSource clock);
}
