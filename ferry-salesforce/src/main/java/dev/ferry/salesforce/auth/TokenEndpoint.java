package dev.ferry.salesforce.auth;

import dev.ferry.salesforce.internal.CallFailure;
import dev.ferry.salesforce.internal.CallKind;
import dev.ferry.salesforce.internal.ErrorClassifier;
import dev.ferry.salesforce.internal.HttpExchange;
import dev.ferry.salesforce.internal.RetryExecutor;
import dev.ferry.salesforce.internal.SfRequest;
import dev.ferry.salesforce.internal.SfResponse;
import dev.ferry.salesforce.wire.TokenResponse;
import dev.ferry.salesforce.wire.Wire;
import dev.ferry.salesforce.wire.WireFormatException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.Map;
import java.util.StringJoiner;

/**
 * {@code POST {loginUrl}/services/oauth2/token}: turns credentials into an {@link AccessToken}.
 * Asking for a token has no side effect, so transient failures are retried like any idempotent
 * call; OAuth errors are classified by {@link ErrorClassifier#forToken}.
 */
public final class TokenEndpoint {
  private final URI loginUrl;
  private final HttpExchange exchange;
  private final RetryExecutor retry;
  private final InstantSource clock;

  public TokenEndpoint(
      URI loginUrl, HttpExchange exchange, RetryExecutor retry, InstantSource clock) {
    this.loginUrl = loginUrl;
    this.exchange = exchange;
    this.retry = retry;
    this.clock = clock;
  }

  /** The token response together with the refresh token Salesforce may have rotated. */
  public record Grant(AccessToken token, TokenResponse response) {}

  public Grant request(Credentials credentials) {
    String target = stripSlash(loginUrl.toString()) + "/services/oauth2/token";
    SfRequest request =
        new SfRequest("POST", target, Map.of(), null, CallKind.AUTH, true, null, null)
            .header("Content-Type", "application/x-www-form-urlencoded")
            // the form is built per attempt: a JWT assertion must carry a fresh exp
            .body(
                () -> BodyPublishers.ofString(formEncode(credentials.tokenForm(loginUrl, clock))));
    try {
      return retry.run(request, () -> attempt(request));
    } catch (CallFailure f) {
      throw f.error();
    }
  }

  private Grant attempt(SfRequest request) {
    try (SfResponse response = exchange.send(request, loginUrl, null)) {
      TokenResponse parsed;
      try {
        parsed = Wire.token(response.body());
      } catch (WireFormatException e) {
        throw new CallFailure(
            ErrorClassifier.malformedResponse(response.status(), e.getMessage(), request, e),
            false,
            false,
            null);
      }
      AccessToken token =
          new AccessToken(
              parsed.accessToken(), URI.create(parsed.instanceUrl()), parsed.id(), clock.instant());
      return new Grant(token, parsed);
    }
  }

  static String formEncode(Map<String, String> form) {
    StringJoiner s = new StringJoiner("&");
    form.forEach((k, v) ->
        s.add(
            URLEncoder.encode(k, StandardCharsets.UTF_8)
                + "="
                + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return s.toString();
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
