package dev.ferry.salesforce.transport;

import dev.ferry.core.error.SalesforceAuthException;
import dev.ferry.core.error.SalesforceError;
import dev.ferry.salesforce.auth.AccessToken;
import dev.ferry.salesforce.auth.Session;
import dev.ferry.salesforce.internal.CallFailure;
import dev.ferry.salesforce.internal.ErrorClassifier;
import dev.ferry.salesforce.internal.HttpExchange;
import dev.ferry.salesforce.internal.RetryExecutor;
import dev.ferry.salesforce.internal.SfRequest;
import dev.ferry.salesforce.internal.SfResponse;
import dev.ferry.salesforce.wire.WireFormatException;
import java.io.InputStream;
import java.util.function.Function;

/**
 * Sends authenticated calls: the session's token and instance URL, one refresh-and-resend when
 * Salesforce answers 401 INVALID_SESSION_ID, and retries per {@link RetryExecutor}. Throws only
 * classified {@link dev.ferry.core.error.FerryException}s.
 */
public final class Transport {
  private final Session session;
  private final HttpExchange exchange;
  private final RetryExecutor retry;

  public Transport(Session session, HttpExchange exchange, RetryExecutor retry) {
    this.session = session;
    this.exchange = exchange;
    this.retry = retry;
  }

  public Session session() {
    return session;
  }

  /** The open 2xx response; the caller closes it. */
  public SfResponse open(SfRequest request) {
    try {
      return retry.run(request, () -> attempt(request));
    } catch (CallFailure f) {
      throw f.error();
    }
  }

  /** Sends the request and parses the whole body with {@code parser}. */
  public <T> T read(SfRequest request, Function<InputStream, T> parser) {
    return call(request, response -> parse(response, parser));
  }

  /** Sends the request and discards the body (204s, PUT uploads). */
  public void discard(SfRequest request) {
    call(request, response -> null);
  }

  /**
   * Sends the request and hands the response to {@code handler}; a failure while reading the body
   * of an idempotent request is retried as a whole.
   */
  public <T> T call(SfRequest request, Function<SfResponse, T> handler) {
    try {
      return retry.run(
          request,
          () -> {
            try (SfResponse response = attempt(request)) {
              return handler.apply(response);
            }
          });
    } catch (CallFailure f) {
      throw f.error();
    }
  }

  private SfResponse attempt(SfRequest request) {
    AccessToken token = session.current();
    try {
      return exchange.send(request, token.instanceUrl(), token.value());
    } catch (CallFailure failure) {
      if (!failure.sessionExpired()) throw failure;
      AccessToken fresh = session.renew(token);
      try {
        return exchange.send(request, fresh.instanceUrl(), fresh.value());
      } catch (CallFailure again) {
        if (!again.sessionExpired()) throw again;
        SalesforceError e = ((SalesforceAuthException) again.error()).salesforceError();
        throw new CallFailure(
            new SalesforceAuthException(
                new SalesforceError(
                    e.errorCode(),
                    e.httpStatus(),
                    "session rejected again right after renewing it: " + e.message(),
                    e.sobject(),
                    e.jobId())),
            false,
            false,
            null);
      }
    }
  }

  private static <T> T parse(SfResponse response, Function<InputStream, T> parser) {
    try {
      return parser.apply(response.body());
    } catch (WireFormatException e) {
      throw new CallFailure(
          ErrorClassifier.malformedResponse(
              response.status(), e.getMessage(), response.request(), e),
          false,
          false,
          null);
    } catch (java.io.UncheckedIOException e) {
      throw ErrorClassifier.forIo(e.getCause(), response.request());
    } catch (tools.jackson.core.JacksonException e) {
      if (e.getCause() instanceof java.io.IOException io) {
        throw ErrorClassifier.forIo(io, response.request());
      }
      throw new CallFailure(
          ErrorClassifier.malformedResponse(
              response.status(), e.getOriginalMessage(), response.request(), e),
          false,
          false,
          null);
    }
  }
}
