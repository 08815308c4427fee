package dev.ferry.salesforce.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.sf.ApiUsage;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LimitInfoHeaderTest {
  private static final Instant NOW = Instant.parse("2024-03-01T10:00:00Z");

  @Test
  void orgWideUsage() {
    assertThat(LimitInfoHeader.parse("api-usage=18/15000", NOW))
        .contains(new ApiUsage(18, 15000, NOW));
  }

  @Test
  void perAppUsageIsNotMistakenForTheOrgWideOne() {
    assertThat(
            LimitInfoHeader.parse(
                "api-usage=25/15000; per-app-api-usage=17/250(appName=sample-connected-app)", NOW))
        .contains(new ApiUsage(25, 15000, NOW));
    assertThat(LimitInfoHeader.parse("per-app-api-usage=17/250(appName=x); api-usage=30/5000", NOW))
        .contains(new ApiUsage(30, 5000, NOW));
    assertThat(LimitInfoHeader.parse("per-app-api-usage=17/250(appName=x)", NOW)).isEmpty();
  }

  @Test
  void garbageIsIgnored() {
    assertThat(LimitInfoHeader.parse(null, NOW)).isEmpty();
    assertThat(LimitInfoHeader.parse("", NOW)).isEmpty();
    assertThat(LimitInfoHeader.parse("api-usage=x/y", NOW)).isEmpty();
    assertThat(LimitInfoHeader.parse("api-usage=99999999999999999999/1", NOW)).isEmpty();
  }

  @Test
  void accountingKeepsTheNewestReportAndCountsByKind() {
    ApiAccounting a = new ApiAccounting();
    a.observe(new ApiUsage(10, 100, NOW.plusSeconds(5)));
    a.observe(new ApiUsage(9, 100, NOW)); // an older response finishing late
    assertThat(a.apiUsage()).contains(new ApiUsage(10, 100, NOW.plusSeconds(5)));
    a.count("query");
    a.count("query");
    a.count("auth");
    assertThat(a.callCounts())
        .containsExactly(java.util.Map.entry("auth", 1L), java.util.Map.entry("query", 2L));
    assertThat(a.total()).isEqualTo(3);
  }
}
