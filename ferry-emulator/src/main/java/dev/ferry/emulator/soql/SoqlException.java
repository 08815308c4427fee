package dev.ferry.emulator.soql;

/**
 * A query Salesforce would refuse. errorCode is the Salesforce code the REST layer sends
 * (MALFORMED_QUERY, INVALID_FIELD, INVALID_TYPE, INVALID_QUERY_FILTER_OPERATOR, ...) and message is
 * Salesforce's wording, including the "ERROR at Row:1:Column:N" part where Salesforce has it.
 */
public class SoqlException extends RuntimeException {
  private final String errorCode;

  public SoqlException(String errorCode, String message) {
    super(message);
    this.errorCode = errorCode;
  }

  public String errorCode() {
    return errorCode;
  }
}
