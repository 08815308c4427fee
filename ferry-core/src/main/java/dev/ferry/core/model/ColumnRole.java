package dev.ferry.core.model;

/** Why a column exists in a mapped table. */
public enum ColumnRole {
  /** {@code id}: Ferry's (Heroku Connect's) serial surrogate key. */
  SURROGATE_ID,
  /** {@code sfid}: the Salesforce Id. */
  SFID,
  /** {@code systemmodstamp} (or {@code lastmodifieddate}): the change-detection stamp. */
  MODSTAMP,
  /** {@code isdeleted}. */
  IS_DELETED,
  /** {@code _hc_lastop}. */
  LASTOP,
  /** {@code _hc_err}. */
  ERR,
  /** A mapped Salesforce field (compound components included). */
  FIELD,
  /** {@code <relationship>__<externalid>}: the parent's external id, for nested references. */
  RELATIONSHIP_EXTERNAL_ID
}
