package dev.ferry.salesforce.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.error.ApiLimitExceededException;
import dev.ferry.core.error.InactiveOrgException;
import dev.ferry.core.error.SalesforceAuthException;
import dev.ferry.core.error.SalesforceUnavailableException;
import dev.ferry.core.sf.ApiUsage;
import dev.ferry.core.sf.SaveOperation;
import dev.ferry.core.sf.SaveRequest;
import dev.ferry.salesforce.HttpSalesforceApi;
import dev.ferry.salesforce.testing.FakeTime;
import dev.ferry.salesforce.testing.Fixtures;
import dev.ferry.salesforce.testing.StubClients;
import dev.ferry.salesforce.testing.StubSalesforce;
import dev.ferry.salesforce.testing.StubSalesforce.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TransportTest {
  private static final String LIMITS = "/services/data/v62.0/limits";
  private static final Response EXPIRED =
      Response.json(
          401,
          "[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]");
  private static final Response OK_LIMITS = Response.json(200, Fixtures.text("limits.json"));

  private final StubSalesforce stub = new StubSalesforce().tokens();
  private final FakeTime time = new FakeTime();
  private HttpSalesforceApi api = StubClients.client(stub, time);

  @AfterEach
  void close() {
    api.close();
    stub.close();
  }

  @Test
  void logsInLazilyAndUsesTheInstanceUrlAndBearerToken() {
    stub.on("GET", LIMITS, OK_LIMITS);
    assertThat(stub.requests()).isEmpty();
    api.limits();
    assertThat(stub.requests("POST", "/services/oauth2/token")).hasSize(1);
    StubSalesforce.Request call = stub.requests("GET", LIMITS).get(0);
    assertThat(call.header("Authorization")).isEqualTo("Bearer 00D000000000001!token1");
    assertThat(call.header("Sforce-Call-Options")).isEqualTo("client=ferry");
    assertThat(stub.requests("POST", "/services/oauth2/token").get(0).bodyText())
        .isEqualTo(
            "grant_type=password&client_id=cid&client_secret=csecret&username=u%40example.com&password=pw");
  }

  @Test
  void anExpiredSessionIsRenewedOnceAndTheCallResent() {
    stub.on("GET", LIMITS, OK_LIMITS, EXPIRED, OK_LIMITS);
    api.limits();
    api.limits();
    assertThat(stub.requests("POST", "/services/oauth2/token")).hasSize(2);
    List<StubSalesforce.Request> calls = stub.requests("GET", LIMITS);
    assertThat(calls).hasSize(3);
    assertThat(calls.get(2).header("Authorization")).isEqualTo("Bearer 00D000000000001!token2");
    assertThat(api.sessionRenewals()).isEqualTo(2);
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void aSessionRejectedRightAfterRenewalIsAnAuthError() {
    stub.on("GET", LIMITS, EXPIRED);
    assertThatThrownBy(api::limits)
        .isInstanceOf(SalesforceAuthException.class)
        .hasMessageContaining("session rejected again right after renewing it");
    assertThat(stub.requests("POST", "/services/oauth2/token")).hasSize(2);
  }

  @Test
  void aRefusedRenewalIsAnAuthError() {
    stub.on("GET", LIMITS, EXPIRED);
    stub.on(
        "POST",
        "/services/oauth2/token",
        Response.json(200, tokenJson()),
        Response.json(
            400,
            "{\"error\":\"invalid_grant\",\"error_description\":\"expired access/refresh token\"}"));
    assertThatThrownBy(api::limits)
        .isInstanceOf(SalesforceAuthException.class)
        .hasMessageStartingWith("invalid_grant: expired access/refresh token");
  }

  @Test
  void anInactiveOrgHasItsOwnError() {
    stub.on(
        "POST",
        "/services/oauth2/token",
        Response.json(
            400, "{\"error\":\"inactive_org\",\"error_description\":\"organization is locked\"}"));
    assertThatThrownBy(api::limits).isInstanceOf(InactiveOrgException.class);
  }

  @Test
  void concurrentExpiriesShareOneRenewal() throws Exception {
    stub.on("GET", LIMITS, r -> r.header("Authorization").endsWith("token1") ? EXPIRED : OK_LIMITS);
    api.limits(); // logs in with token1 and is refused, renews to token2
    long before = stub.requests("POST", "/services/oauth2/token").size();
    assertThat(before).isEqualTo(2);

    // now every token1 call fails; start 8 threads that all hold token2... force a new expiry:
    stub.on("GET", LIMITS, r -> r.header("Authorization").endsWith("token2") ? EXPIRED : OK_LIMITS);
    int threads = 8;
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> results = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      for (int i = 0; i < threads; i++) {
        results.add(
            pool.submit(() -> {
              go.await();
              return api.limits();
            }));
      }
      go.countDown();
      for (Future<?> f : results) f.get();
    }
    assertThat(stub.requests("POST", "/services/oauth2/token")).hasSize(3);
  }

  @Test
  void transientFailuresAreRetriedWithBackoffOnIdempotentCalls() {
    stub.on(
        "GET",
        LIMITS,
        Response.json(503, "[{\"message\":\"down\",\"errorCode\":\"SERVER_UNAVAILABLE\"}]"),
        Response.empty(502),
        Response.json(429, "").withHeader("Retry-After", "1"),
        OK_LIMITS);
    api.limits();
    assertThat(stub.requests("GET", LIMITS)).hasSize(4);
    assertThat(time.sleeps()).hasSize(3);
    assertThat(time.sleeps().get(2)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    for (Duration d : time.sleeps()) assertThat(d).isLessThanOrEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void retriesStopAtMaxAttempts() {
    stub.on("GET", LIMITS, Response.empty(500));
    assertThatThrownBy(api::limits)
        .isInstanceOf(SalesforceUnavailableException.class)
        .hasMessageContaining("HTTP 500");
    assertThat(stub.requests("GET", LIMITS)).hasSize(5);
  }

  @Test
  void retriesStopAtTheDeadline() {
    api.close();
    api =
        HttpSalesforceApi.create(
            StubClients.settings(stub, time)
                .maxAttempts(20)
                .initialBackoff(Duration.ofSeconds(1))
                .maxBackoff(Duration.ofSeconds(1))
                .callDeadline(Duration.ofMillis(3500))
                .build());
    stub.on("GET", LIMITS, Response.empty(503));
    assertThatThrownBy(api::limits).isInstanceOf(SalesforceUnavailableException.class);
    assertThat(time.slept()).isLessThanOrEqualTo(Duration.ofMillis(3500));
    assertThat(stub.requests("GET", LIMITS).size()).isBetween(3, 8);
  }

  @Test
  void aCreateThatMayHaveReachedSalesforceIsNotResent() {
    String path = "/services/data/v62.0/composite/sobjects";
    stub.on("POST", path, Response.empty(504));
    List<SaveRequest> one = List.of(new SaveRequest("Account", null, Map.of("Name", "A")));
    assertThatThrownBy(() -> api.save(SaveOperation.CREATE, "Account", one, null))
        .isInstanceOf(SalesforceUnavailableException.class);
    assertThat(stub.requests("POST", path)).hasSize(1);
  }

  @Test
  void aCreateRefusedBeforeProcessingIsResent() {
    String path = "/services/data/v62.0/composite/sobjects";
    stub.on(
        "POST",
        path,
        Response.empty(503),
        Response.json(200, "[{\"id\":\"001000000000001AAA\",\"success\":true,\"errors\":[]}]"));
    List<SaveRequest> one = List.of(new SaveRequest("Account", null, Map.of("Name", "A")));
    assertThat(api.save(SaveOperation.CREATE, "Account", one, null)).hasSize(1);
    assertThat(stub.requests("POST", path)).hasSize(2);
  }

  @Test
  void permanentErrorsAreNotRetried() {
    stub.on(
        "GET",
        LIMITS,
        Response.json(
            403,
            "[{\"message\":\"TotalRequests Limit exceeded.\",\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]"));
    assertThatThrownBy(api::limits).isInstanceOf(ApiLimitExceededException.class);
    assertThat(stub.requests("GET", LIMITS)).hasSize(1);
  }

  @Test
  void gzipBodiesAreUnzippedAndLimitInfoIsTracked() {
    stub.on("GET", LIMITS, OK_LIMITS.gzipped());
    stub.limitInfo("api-usage=18/15000; per-app-api-usage=17/250(appName=x)");
    assertThat(api.limits().dailyApiRequests().orElseThrow().remaining()).isEqualTo(14998);
    assertThat(stub.requests("GET", LIMITS).get(0).header("Accept-Encoding")).isEqualTo("gzip");
    assertThat(api.apiUsage()).contains(new ApiUsage(18, 15000, time.instant()));
    assertThat(api.callCounts()).containsEntry("auth", 1L).containsEntry("limits", 1L);
  }

  @Test
  void aMalformedSuccessIsAPermanentErrorNamingTheCall() {
    stub.on("GET", "/services/data/v62.0/sobjects", Response.json(200, "{\"nope\":1}"));
    assertThatThrownBy(api::describeGlobal)
        .hasMessageContaining("MALFORMED_RESPONSE")
        .hasMessageContaining("describeGlobal lacks sobjects")
        .hasMessageContaining("GET /services/data/v62.0/sobjects");
  }

  @Test
  void aRefusedConnectionIsRetriableAndNamed() {
    api.close();
    stub.close();
    api = StubClients.client(stub, time);
    assertThatThrownBy(api::limits)
        .isInstanceOf(SalesforceUnavailableException.class)
        .hasMessageContaining("connection failed");
  }

  private String tokenJson() {
    return "{\"access_token\":\"00D000000000001!first\",\"instance_url\":\""
        + stub.baseUrl()
        + "\",\"id\":\"x/id/00D000000000001EAA/005000000000001AAA\"}";
  }
}
