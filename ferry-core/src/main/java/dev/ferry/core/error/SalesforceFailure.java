package dev.ferry.core.error;

/** Implemented by every exception that reports a failed Salesforce call. */
public interface SalesforceFailure {
  SalesforceError salesforceError();
}
