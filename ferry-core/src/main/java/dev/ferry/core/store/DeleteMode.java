package dev.ferry.core.store;

/** What a Salesforce delete does to the row. */
public enum DeleteMode {
  /** Remove the row (Heroku Connect's behaviour). */
  REMOVE,
  /** Keep the row with {@code isdeleted = true}. */
  FLAG
}
