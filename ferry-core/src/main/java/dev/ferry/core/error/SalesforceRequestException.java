package dev.ferry.core.error;

/**
 * Salesforce refused the request itself (INVALID_FIELD, MALFORMED_QUERY, NOT_FOUND, INVALID_TYPE,
 * ...): sending it again gives the same answer.
 */
public class SalesforceRequestException extends PermanentException implements SalesforceFailure {
  private final SalesforceError error;

  public SalesforceRequestException(SalesforceError error) {
    super(error.describe());
    this.error = error;
  }

  public SalesforceRequestException(SalesforceError error, Throwable cause) {
    super(error.describe(), cause);
    this.error = error;
  }

  @Override
  public SalesforceError salesforceError() {
    return error;
  }
}
