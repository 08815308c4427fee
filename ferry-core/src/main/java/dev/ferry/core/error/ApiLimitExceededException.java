package dev.ferry.core.error;

/**
 * The org's API request limit is used up (403 REQUEST_LIMIT_EXCEEDED). Retrying before the limit
 * window moves only makes it worse.
 */
public class ApiLimitExceededException extends PermanentException implements SalesforceFailure {
  private final SalesforceError error;

  public ApiLimitExceededException(SalesforceError error) {
    super(error.describe());
    this.error = error;
  }

  public ApiLimitExceededException(SalesforceError error, Throwable cause) {
    super(error.describe(), cause);
    this.error = error;
  }

  @Override
  public SalesforceError salesforceError() {
    return error;
  }
}
