package dev.ferry.core.error;

/**
 * Salesforce could not serve the call now (5xx, 420/429 throttling, connection reset,
 * UNABLE_TO_LOCK_ROW, SERVER_UNAVAILABLE); retry later.
 */
public class SalesforceUnavailableException extends RetriableException
    implements SalesforceFailure {
  private final SalesforceError error;

  public SalesforceUnavailableException(SalesforceError error) {
    super(error.describe());
    this.error = error;
  }

  public SalesforceUnavailableException(SalesforceError error, Throwable cause) {
    super(error.describe(), cause);
    this.error = error;
  }

  @Override
  public SalesforceError salesforceError() {
    return error;
  }
}
