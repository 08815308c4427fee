package dev.ferry.salesforce.internal;

import dev.ferry.core.error.ApiLimitExceededException;
import dev.ferry.core.error.FerryException;
import dev.ferry.core.error.InactiveOrgException;
import dev.ferry.core.error.SalesforceAuthException;
import dev.ferry.core.error.SalesforceError;
import dev.ferry.core.error.SalesforceRequestException;
import dev.ferry.core.error.SalesforceUnavailableException;
import dev.ferry.salesforce.wire.ApiError;
import dev.ferry.salesforce.wire.Wire;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Turns a failed HTTP exchange into Ferry's error families, once, here at the edge.
 *
 * <ul>
 *   <li>Retriable ({@link SalesforceUnavailableException}): HTTP 420, 429, 500, 502, 503, 504;
 *       errorCodes {@code UNABLE_TO_LOCK_ROW}, {@code SERVER_UNAVAILABLE}, {@code
 *       ORG_IN_MAINTENANCE}; connection failures and timeouts; OAuth {@code rate_limit_exceeded}.
 *   <li>{@link ApiLimitExceededException}: {@code REQUEST_LIMIT_EXCEEDED} for the daily total
 *       (permanent until the 24-hour window moves; retrying makes it worse). The same code for the
 *       concurrent-request limit ({@code ConcurrentPerOrgLongTxn Limit exceeded.}) and any 420/429
 *       are throttling: retriable.
 *   <li>{@link InactiveOrgException}: OAuth {@code inactive_org}; errorCodes {@code ORG_LOCKED},
 *       {@code INACTIVE_ORG}, {@code ORGANIZATION_INACTIVE} (a locked, closed or suspended org, or
 *       a sandbox being refreshed).
 *   <li>{@link SalesforceAuthException}: other 401s and OAuth errors ({@code invalid_grant}, {@code
 *       invalid_client_id}, {@code inactive_user}, ...), {@code API_DISABLED_FOR_ORG}, {@code
 *       API_CURRENTLY_DISABLED}.
 *   <li>{@link SalesforceRequestException}: every other 4xx ({@code INVALID_FIELD}, {@code
 *       MALFORMED_QUERY}, {@code NOT_FOUND}, validation errors, ...).
 * </ul>
 */
public final class ErrorClassifier {
  static final Set<String> RETRIABLE_CODES =
      Set.of("UNABLE_TO_LOCK_ROW", "SERVER_UNAVAILABLE", "ORG_IN_MAINTENANCE");
  static final Set<String> INACTIVE_ORG_CODES =
      Set.of("ORG_LOCKED", "INACTIVE_ORG", "ORGANIZATION_INACTIVE", "inactive_org");
  static final Set<String> AUTH_CODES =
      Set.of("API_DISABLED_FOR_ORG", "API_CURRENTLY_DISABLED", "INVALID_AUTH_HEADER");

  /** Statuses that mean "refused before processing": safe to resend anything. */
  static final Set<Integer> REFUSED_STATUSES = Set.of(420, 429, 503);

  static final Set<Integer> RETRIABLE_STATUSES = Set.of(420, 429, 500, 502, 503, 504);

  private ErrorClassifier() {}

  /** A REST or Bulk API response with a non-2xx status. */
  public static CallFailure forResponse(
      int status, String body, SfRequest request, @Nullable Duration retryAfter) {
    List<ApiError> errors = Wire.errors(body);
    ApiError first = errors.isEmpty() ? null : errors.get(0);
    String code = first == null ? null : first.code();
    String message = message(errors, status, body) + " [" + request.describe() + "]";
    SalesforceError error =
        new SalesforceError(code, status, message, request.sobject(), request.jobId());

    if (status == 401 && (code == null || code.equals("INVALID_SESSION_ID"))) {
      SalesforceError expired =
          new SalesforceError(
              "INVALID_SESSION_ID", status, message, request.sobject(), request.jobId());
      return new CallFailure(new SalesforceAuthException(expired), true, true, null);
    }
    if (code != null && INACTIVE_ORG_CODES.contains(code)) {
      return permanent(new InactiveOrgException(error));
    }
    if (status == 420 || status == 429) {
      // throttling, whatever code comes with it: refused before processing, try again later
      return new CallFailure(new SalesforceUnavailableException(error), true, false, retryAfter);
    }
    if ("REQUEST_LIMIT_EXCEEDED".equals(code)) {
      // the same code covers the 24-hour total (permanent until the window moves) and the
      // concurrent long-running request limit (transient)
      if (first.message().contains("Concurrent")) {
        return new CallFailure(new SalesforceUnavailableException(error), true, false, retryAfter);
      }
      return permanent(new ApiLimitExceededException(error));
    }
    if (status == 401 || status == 407 || (code != null && AUTH_CODES.contains(code))) {
      return permanent(new SalesforceAuthException(error));
    }
    if (RETRIABLE_STATUSES.contains(status) || (code != null && RETRIABLE_CODES.contains(code))) {
      // A 500/502/504 may come after Salesforce did the work; a refusal or a lock failure not.
      boolean notProcessed =
          REFUSED_STATUSES.contains(status) || (code != null && RETRIABLE_CODES.contains(code));
      return new CallFailure(
          new SalesforceUnavailableException(error), notProcessed, false, retryAfter);
    }
    return permanent(new SalesforceRequestException(error));
  }

  /** An error from {@code /services/oauth2/token}: OAuth's {@code {error, error_description}}. */
  public static CallFailure forToken(int status, String body, SfRequest request) {
    List<ApiError> errors = Wire.errors(body);
    ApiError first = errors.isEmpty() ? null : errors.get(0);
    String code = first == null ? null : first.code();
    String message = message(errors, status, body) + " [" + request.describe() + "]";
    SalesforceError error = new SalesforceError(code, status, message, null, null);
    if ("inactive_org".equals(code)) return permanent(new InactiveOrgException(error));
    if ("rate_limit_exceeded".equals(code) || RETRIABLE_STATUSES.contains(status)) {
      return new CallFailure(new SalesforceUnavailableException(error), true, false, null);
    }
    return permanent(new SalesforceAuthException(error));
  }

  /** No HTTP response: connection refused, reset, or timed out waiting for headers. */
  public static CallFailure forIo(IOException e, SfRequest request) {
    // Only a failed connect proves the request never left; a reset or a response timeout may come
    // after Salesforce received (and acted on) it.
    boolean notSent = e instanceof ConnectException || e instanceof HttpConnectTimeoutException;
    String what =
        e instanceof HttpTimeoutException
            ? "timed out"
            : notSent ? "connection failed" : "connection broken";
    String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    SalesforceError error =
        new SalesforceError(
            null,
            0,
            what + ": " + detail + " [" + request.describe() + "]",
            request.sobject(),
            request.jobId());
    return new CallFailure(new SalesforceUnavailableException(error, e), notSent, false, null);
  }

  /** A 2xx response whose body did not have the documented shape. */
  public static FerryException malformedResponse(
      int status, String problem, SfRequest request, Throwable cause) {
    return new SalesforceRequestException(
        new SalesforceError(
            "MALFORMED_RESPONSE",
            status,
            problem + " [" + request.describe() + "]",
            request.sobject(),
            request.jobId()),
        cause);
  }

  private static CallFailure permanent(FerryException e) {
    return new CallFailure(e, false, false, null);
  }

  private static String message(List<ApiError> errors, int status, String body) {
    if (errors.isEmpty()) {
      String snippet = body.strip();
      if (snippet.length() > 200) snippet = snippet.substring(0, 200) + "...";
      return snippet.isEmpty() ? "no error details" : "unexpected response: " + snippet;
    }
    if (errors.size() == 1) return errors.get(0).message();
    StringBuilder s = new StringBuilder();
    for (ApiError e : errors) {
      if (!s.isEmpty()) s.append("; ");
      if (e.code() != null) s.append(e.code()).append(": ");
      s.append(e.message());
    }
    return s.toString();
  }
}
