package dev.ferry.emulator.org;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class SfFormatsTest {
  private static final Instant T = Instant.parse("2024-01-02T03:04:05Z");

  @Test
  void parsesEveryDatetimeFormClientsSend() {
    assertThat(SfFormats.parseDateTime("2024-01-02T03:04:05Z")).isEqualTo(T);
    assertThat(SfFormats.parseDateTime("2024-01-02T03:04:05.000Z")).isEqualTo(T);
    assertThat(SfFormats.parseDateTime("2024-01-02T03:04:05.000+0000")).isEqualTo(T);
    assertThat(SfFormats.parseDateTime("2024-01-02T03:04:05+00:00")).isEqualTo(T);
    assertThat(SfFormats.parseDateTime("2024-01-02T05:04:05+02:00")).isEqualTo(T);
    assertThat(SfFormats.parseDateTime("2024-01-01T22:04:05-05:00")).isEqualTo(T);
    assertThat(SfFormats.parseDateTime("2024-01-02T03:04:05 00:00"))
        .as("'+' decoded as space")
        .isEqualTo(T);
    assertThat(SfFormats.parseDateTime("2024-01-02T03:04:05.5Z")).isEqualTo(T.plusMillis(500));
    assertThat(SfFormats.parseDateTime("2024-01-02"))
        .isEqualTo(Instant.parse("2024-01-02T00:00:00Z"));
    assertThat(SfFormats.parseDateTime("2024-13-02T03:04:05Z")).isNull();
    assertThat(SfFormats.parseDateTime("yesterday")).isNull();
  }

  @Test
  void writesSalesforceShapes() {
    assertThat(SfFormats.restDateTime(T)).isEqualTo("2024-01-02T03:04:05.000+0000");
    assertThat(SfFormats.csvDateTime(T)).isEqualTo("2024-01-02T03:04:05.000Z");
    assertThat(SfFormats.time(LocalTime.of(8, 30))).isEqualTo("08:30:00.000Z");
    assertThat(SfFormats.decimal(new BigDecimal("912260031"))).isEqualTo("9.12260031E8");
    assertThat(SfFormats.decimal(new BigDecimal("1500.50"))).isEqualTo("1500.5");
    assertThat(SfFormats.parseDate("1940-06-07Z")).isEqualTo(LocalDate.of(1940, 6, 7));
    assertThat(SfFormats.parseDate("1940-6-7")).isNull();
    assertThat(SfFormats.parseTime("08:30:00.000Z")).isEqualTo(LocalTime.of(8, 30));
  }
}
