package dev.ferry.core.error;

import org.jspecify.annotations.Nullable;

/**
 * What Salesforce said, plus the ids a human needs to find the failing call.
 *
 * @param errorCode Salesforce's errorCode / statusCode / OAuth error (e.g. {@code INVALID_FIELD},
 *     {@code invalid_grant}); null when the failure happened below HTTP (connection reset)
 * @param httpStatus the HTTP status, or 0 when there was no response
 * @param message Salesforce's message text
 * @param sobject the object the call was about, if any
 * @param jobId the Bulk API job id, if any
 */
public record SalesforceError(
    @Nullable String errorCode,
    int httpStatus,
    String message,
    @Nullable String sobject,
    @Nullable String jobId) {

  public String describe() {
    StringBuilder s = new StringBuilder();
    if (errorCode != null) s.append(errorCode).append(": ");
    s.append(message);
    if (httpStatus > 0) s.append(" (HTTP ").append(httpStatus);
    else s.append(" (no HTTP response");
    if (sobject != null) s.append(", object ").append(sobject);
    if (jobId != null) s.append(", job ").append(jobId);
    return s.append(')').toString();
  }
}
