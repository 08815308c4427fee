package dev.ferry.salesforce.testing;

import dev.ferry.salesforce.HttpSalesforceApi;
import dev.ferry.salesforce.SalesforceConfig;
import dev.ferry.salesforce.auth.Credentials;
import java.time.Duration;

/** Clients pointed at a {@link StubSalesforce}, with fake time and quick retries. */
public final class StubClients {
  private StubClients() {}

  public static SalesforceConfig.Builder settings(StubSalesforce stub, FakeTime time) {
    return SalesforceConfig.builder()
        .loginUrl(stub.baseUrl())
        .credentials(new Credentials.UsernamePassword("cid", "csecret", "u@example.com", "pw"))
        .acceptGzip(true)
        .initialBackoff(Duration.ofMillis(100))
        .maxBackoff(Duration.ofSeconds(2))
        .callDeadline(Duration.ofSeconds(30))
        .clock(time)
        .sleeper(time);
  }

  public static HttpSalesforceApi client(StubSalesforce stub, FakeTime time) {
    return HttpSalesforceApi.create(settings(stub, time).build());
  }
}
