package dev.ferry.emulator.http;

import java.util.List;
import java.util.Map;

/**
 * A request Salesforce answers with an error. Written as Salesforce's error array {@code
 * [{"message":...,"errorCode":...,"fields":[...]}]} with the HTTP status.
 */
public class ApiException extends RuntimeException {
  private final int status;
  private final String errorCode;
  private final List<String> fields;
  private final Map<String, String> headers;
  private final boolean recordLevel;

  public ApiException(int status, String errorCode, String message) {
    this(status, errorCode, message, List.of(), Map.of());
  }

  public ApiException(
      int status,
      String errorCode,
      String message,
      List<String> fields,
      Map<String, String> headers) {
    this(status, errorCode, message, fields, headers, !fields.isEmpty());
  }

  private ApiException(
      int status,
      String errorCode,
      String message,
      List<String> fields,
      Map<String, String> headers,
      boolean recordLevel) {
    super(message);
    this.status = status;
    this.errorCode = errorCode;
    this.fields = List.copyOf(fields);
    this.headers = Map.copyOf(headers);
    this.recordLevel = recordLevel;
  }

  /** A record-level error: always carries "fields", possibly empty. */
  public static ApiException record(
      int status, String errorCode, String message, List<String> fields) {
    return new ApiException(status, errorCode, message, fields, Map.of(), true);
  }

  public int status() {
    return status;
  }

  public String errorCode() {
    return errorCode;
  }

  public List<String> fields() {
    return fields;
  }

  public Map<String, String> headers() {
    return headers;
  }

  public boolean recordLevel() {
    return recordLevel;
  }

  public static ApiException notFound() {
    return new ApiException(404, "NOT_FOUND", "The requested resource does not exist");
  }

  public static ApiException badRequest(String errorCode, String message) {
    return new ApiException(400, errorCode, message);
  }

  public static ApiException invalidSession() {
    return new ApiException(
        401,
        "INVALID_SESSION_ID",
        "Session expired or invalid",
        List.of(),
        Map.of("WWW-Authenticate", "Token"));
  }
}
