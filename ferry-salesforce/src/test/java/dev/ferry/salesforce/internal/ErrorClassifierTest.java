package dev.ferry.salesforce.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.error.ApiLimitExceededException;
import dev.ferry.core.error.InactiveOrgException;
import dev.ferry.core.error.SalesforceAuthException;
import dev.ferry.core.error.SalesforceError;
import dev.ferry.core.error.SalesforceFailure;
import dev.ferry.core.error.SalesforceRequestException;
import dev.ferry.core.error.SalesforceUnavailableException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ErrorClassifierTest {
  private static final SfRequest QUERY =
      SfRequest.get("/services/data/v62.0/query?q=SELECT+Id+FROM+Account", CallKind.QUERY)
          .sobject("Account");

  static Stream<Arguments> responses() {
    return Stream.of(
        // status, body, expected type, errorCode, notProcessed
        Arguments.of(
            400,
            "[{\"message\":\"\\nSELECT Foo FROM Account\\n       ^\\nERROR at Row:1:Column:8\\nNo such column 'Foo' on entity 'Account'.\",\"errorCode\":\"INVALID_FIELD\"}]",
            SalesforceRequestException.class,
            "INVALID_FIELD",
            false),
        Arguments.of(
            400,
            "[{\"message\":\"unexpected token: FORM\",\"errorCode\":\"MALFORMED_QUERY\"}]",
            SalesforceRequestException.class,
            "MALFORMED_QUERY",
            false),
        Arguments.of(
            403,
            "[{\"message\":\"TotalRequests Limit exceeded.\",\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]",
            ApiLimitExceededException.class,
            "REQUEST_LIMIT_EXCEEDED",
            false),
        Arguments.of(
            400,
            "[{\"message\":\"unable to obtain exclusive access to this record\",\"errorCode\":\"UNABLE_TO_LOCK_ROW\"}]",
            SalesforceUnavailableException.class,
            "UNABLE_TO_LOCK_ROW",
            true),
        Arguments.of(
            503,
            "[{\"message\":\"Server unavailable\",\"errorCode\":\"SERVER_UNAVAILABLE\"}]",
            SalesforceUnavailableException.class,
            "SERVER_UNAVAILABLE",
            true),
        Arguments.of(429, "", SalesforceUnavailableException.class, null, true),
        Arguments.of(
            429,
            "[{\"message\":\"TotalRequests Limit exceeded.\",\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]",
            SalesforceUnavailableException.class,
            "REQUEST_LIMIT_EXCEEDED",
            true),
        Arguments.of(
            403,
            "[{\"message\":\"ConcurrentPerOrgLongTxn Limit exceeded.\",\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]",
            SalesforceUnavailableException.class,
            "REQUEST_LIMIT_EXCEEDED",
            true),
        Arguments.of(420, "<html>Edge</html>", SalesforceUnavailableException.class, null, true),
        Arguments.of(
            500,
            "[{\"message\":\"An unexpected error occurred.\",\"errorCode\":\"UNKNOWN_EXCEPTION\"}]",
            SalesforceUnavailableException.class,
            "UNKNOWN_EXCEPTION",
            false),
        Arguments.of(502, "", SalesforceUnavailableException.class, null, false),
        Arguments.of(504, "", SalesforceUnavailableException.class, null, false),
        Arguments.of(
            403,
            "[{\"message\":\"API is not enabled for this Organization or Partner\",\"errorCode\":\"API_DISABLED_FOR_ORG\"}]",
            SalesforceAuthException.class,
            "API_DISABLED_FOR_ORG",
            false),
        Arguments.of(
            403,
            "[{\"message\":\"organization is locked\",\"errorCode\":\"ORG_LOCKED\"}]",
            InactiveOrgException.class,
            "ORG_LOCKED",
            false),
        Arguments.of(
            404,
            "[{\"errorCode\":\"NOT_FOUND\",\"message\":\"The requested resource does not exist\"}]",
            SalesforceRequestException.class,
            "NOT_FOUND",
            false),
        Arguments.of(
            400,
            "[{\"message\":\"Name: bad\",\"errorCode\":\"FIELD_CUSTOM_VALIDATION_EXCEPTION\",\"fields\":[\"Name\"]}]",
            SalesforceRequestException.class,
            "FIELD_CUSTOM_VALIDATION_EXCEPTION",
            false));
  }

  @ParameterizedTest(name = "{0} {3}")
  @MethodSource("responses")
  void restResponses(int status, String body, Class<?> type, String code, boolean notProcessed) {
    CallFailure f = ErrorClassifier.forResponse(status, body, QUERY, null);
    assertThat(f.error()).isInstanceOf(type);
    SalesforceError e = ((SalesforceFailure) f.error()).salesforceError();
    assertThat(e.errorCode()).isEqualTo(code);
    assertThat(e.httpStatus()).isEqualTo(status);
    assertThat(e.sobject()).isEqualTo("Account");
    assertThat(e.message()).endsWith("[GET /services/data/v62.0/query]");
    assertThat(f.notProcessed()).isEqualTo(notProcessed);
    assertThat(f.sessionExpired()).isFalse();
  }

  @Test
  void expiredSessionAsksForARenewal() {
    CallFailure f =
        ErrorClassifier.forResponse(
            401,
            "[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]",
            QUERY,
            null);
    assertThat(f.sessionExpired()).isTrue();
    assertThat(f.notProcessed()).isTrue();
    assertThat(f.error()).isInstanceOf(SalesforceAuthException.class);
  }

  @Test
  void otherUnauthorizedIsPermanent() {
    CallFailure f =
        ErrorClassifier.forResponse(
            401,
            "[{\"message\":\"INVALID_AUTH_HEADER\",\"errorCode\":\"INVALID_AUTH_HEADER\"}]",
            QUERY,
            null);
    assertThat(f.sessionExpired()).isFalse();
    assertThat(f.error()).isInstanceOf(SalesforceAuthException.class);
  }

  @Test
  void jobIdsTravelWithTheError() {
    SfRequest r =
        SfRequest.get("/services/data/v62.0/jobs/query/750x", CallKind.BULK_QUERY).jobId("750x");
    CallFailure f =
        ErrorClassifier.forResponse(
            404, "[{\"errorCode\":\"NOT_FOUND\",\"message\":\"gone\"}]", r, null);
    assertThat(f.error().getMessage())
        .contains("NOT_FOUND: gone")
        .contains("job 750x")
        .contains("HTTP 404");
  }

  @Test
  void multipleErrorsAreAllReported() {
    CallFailure f =
        ErrorClassifier.forResponse(
            400,
            "[{\"errorCode\":\"A\",\"message\":\"one\"},{\"errorCode\":\"B\",\"message\":\"two\"}]",
            QUERY,
            null);
    assertThat(f.error().getMessage()).contains("A: one; B: two");
  }

  @Test
  void retryAfterIsKept() {
    assertThat(ErrorClassifier.forResponse(429, "", QUERY, Duration.ofSeconds(7)).retryAfter())
        .isEqualTo(Duration.ofSeconds(7));
    assertThat(HttpExchange.retryAfter("12")).isEqualTo(Duration.ofSeconds(12));
    assertThat(HttpExchange.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isNull();
  }

  @Test
  void tokenEndpointErrors() {
    SfRequest token =
        new SfRequest(
            "POST",
            "https://login.salesforce.com/services/oauth2/token",
            java.util.Map.of(),
            null,
            CallKind.AUTH,
            true,
            null,
            null);
    assertThat(
            ErrorClassifier.forToken(
                    400,
                    "{\"error\":\"invalid_grant\",\"error_description\":\"authentication failure\"}",
                    token)
                .error())
        .isInstanceOf(SalesforceAuthException.class)
        .hasMessageStartingWith("invalid_grant: authentication failure");
    assertThat(
            ErrorClassifier.forToken(
                    400,
                    "{\"error\":\"inactive_org\",\"error_description\":\"organization is locked\"}",
                    token)
                .error())
        .isInstanceOf(InactiveOrgException.class);
    assertThat(
            ErrorClassifier.forToken(
                    400,
                    "{\"error\":\"inactive_user\",\"error_description\":\"user is inactive\"}",
                    token)
                .error())
        .isInstanceOf(SalesforceAuthException.class);
    CallFailure throttled =
        ErrorClassifier.forToken(
            400, "{\"error\":\"rate_limit_exceeded\",\"error_description\":\"too many\"}", token);
    assertThat(throttled.error()).isInstanceOf(SalesforceUnavailableException.class);
    assertThat(ErrorClassifier.forToken(503, "down", token).error())
        .isInstanceOf(SalesforceUnavailableException.class);
  }

  @Test
  void ioFailures() {
    CallFailure refused = ErrorClassifier.forIo(new ConnectException("Connection refused"), QUERY);
    assertThat(refused.error()).isInstanceOf(SalesforceUnavailableException.class);
    assertThat(refused.notProcessed()).isTrue();
    assertThat(((SalesforceFailure) refused.error()).salesforceError().httpStatus()).isZero();

    CallFailure reset = ErrorClassifier.forIo(new IOException("Connection reset"), QUERY);
    assertThat(reset.notProcessed()).isFalse();
    assertThat(reset.error().getMessage()).contains("connection broken: Connection reset");

    CallFailure timeout =
        ErrorClassifier.forIo(new HttpTimeoutException("request timed out"), QUERY);
    assertThat(timeout.notProcessed()).isFalse();
    assertThat(timeout.error().getMessage()).contains("timed out");
  }
}
