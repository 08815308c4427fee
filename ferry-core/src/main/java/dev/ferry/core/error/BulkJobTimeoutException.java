package dev.ferry.core.error;

/**
 * Waiting for a Bulk API 2.0 job gave up at its deadline while the job was still running. The job
 * itself may still finish: wait again later, or abort it.
 */
public class BulkJobTimeoutException extends RetriableException implements SalesforceFailure {
  private final SalesforceError error;

  public BulkJobTimeoutException(SalesforceError error) {
    super(error.describe());
    this.error = error;
  }

  @Override
  public SalesforceError salesforceError() {
    return error;
  }
}
