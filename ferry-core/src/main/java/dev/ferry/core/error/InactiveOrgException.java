package dev.ferry.core.error;

/**
 * The Salesforce org is inactive (e.g. a refreshed sandbox). The engine turns this into
 * INACTIVE_ORG.
 */
public class InactiveOrgException extends PermanentException implements SalesforceFailure {
  private final SalesforceError error;

  public InactiveOrgException(SalesforceError error) {
    super(error.describe());
    this.error = error;
  }

  public InactiveOrgException(SalesforceError error, Throwable cause) {
    super(error.describe(), cause);
    this.error = error;
  }

  @Override
  public SalesforceError salesforceError() {
    return error;
  }
}
