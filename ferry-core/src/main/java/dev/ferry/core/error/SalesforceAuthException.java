package dev.ferry.core.error;

/**
 * Salesforce rejected the credentials (expired or revoked refresh token, bad password, bad JWT).
 * The engine turns this into UNAUTHORIZED.
 */
public class SalesforceAuthException extends PermanentException implements SalesforceFailure {
  private final SalesforceError error;

  public SalesforceAuthException(SalesforceError error) {
    super(error.describe());
    this.error = error;
  }

  public SalesforceAuthException(SalesforceError error, Throwable cause) {
    super(error.describe(), cause);
    this.error = error;
  }

  @Override
  public SalesforceError salesforceError() {
    return error;
  }
}
