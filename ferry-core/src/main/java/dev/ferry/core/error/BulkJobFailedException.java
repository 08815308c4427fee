package dev.ferry.core.error;

/**
 * A Bulk API 2.0 job ended in state Failed; the message is Salesforce's errorMessage for the job.
 */
public class BulkJobFailedException extends PermanentException implements SalesforceFailure {
  private final SalesforceError error;

  public BulkJobFailedException(SalesforceError error) {
    super(error.describe());
    this.error = error;
  }

  public BulkJobFailedException(SalesforceError error, Throwable cause) {
    super(error.describe(), cause);
    this.error = error;
  }

  @Override
  public SalesforceError salesforceError() {
    return error;
  }
}
