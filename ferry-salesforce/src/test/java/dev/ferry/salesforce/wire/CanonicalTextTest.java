package dev.ferry.salesforce.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanonicalTextTest {
  @ParameterizedTest
  @CsvSource({
    "2024-01-02T03:04:05.000+0000, 2024-01-02T03:04:05.000Z",
    "2024-01-02T03:04:05.000Z, 2024-01-02T03:04:05.000Z",
    "2024-01-02T03:04:05Z, 2024-01-02T03:04:05.000Z",
    "2024-01-02T05:04:05.5+02:00, 2024-01-02T03:04:05.500Z",
    "2024-01-01T20:04:05.123-0700, 2024-01-02T03:04:05.123Z",
    "2024-01-02T03:04:05.123456+00, 2024-01-02T03:04:05.123Z",
  })
  void datetimesInEveryOffsetSpellingBecomeUtcZ(String raw, String canonical) {
    assertThat(CanonicalText.normalize(raw)).isEqualTo(canonical);
  }

  @ParameterizedTest
  @CsvSource({
    "2024-01-02",
    "08:30:00.000Z",
    "2024-01-02T03:04:05",
    "Hello",
    "2024-13-45T99:99:99Z",
    "2024-01-02T03:04:05+1",
    "001D000000IRFmaIAH",
  })
  void otherValuesAreLeftAlone(String raw) {
    assertThat(CanonicalText.normalize(raw)).isEqualTo(raw);
  }

  @Test
  void formats() {
    assertThat(CanonicalText.datetime(Instant.parse("2024-01-02T03:04:05.123999Z")))
        .isEqualTo("2024-01-02T03:04:05.123Z");
    assertThat(CanonicalText.time(LocalTime.of(8, 30))).isEqualTo("08:30:00.000Z");
    assertThat(CanonicalText.number(new BigDecimal("1.0E10"))).isEqualTo("10000000000");
    assertThat(CanonicalText.normalize(null)).isNull();
  }

  @Test
  void parseInstantAcceptsSalesforceForms() {
    assertThat(CanonicalText.parseInstant("2013-05-08T21:20:00.000+0000"))
        .isEqualTo(Instant.parse("2013-05-08T21:20:00Z"));
    assertThatThrownBy(() -> CanonicalText.parseInstant("yesterday"))
        .hasMessageContaining("not a Salesforce datetime");
  }

  /** Property: every spelling of a random instant normalises to the same canonical text. */
  @org.junit.jupiter.api.RepeatedTest(20)
  void everySpellingOfAnInstantNormalisesTheSame() {
    long seed = Long.getLong("ferry.seed", System.nanoTime());
    java.util.Random random = new java.util.Random(seed);
    Instant instant =
        Instant.ofEpochMilli(random.nextLong(-2_000_000_000_000L, 4_000_000_000_000L));
    String canonical = CanonicalText.datetime(instant);
    java.time.ZoneOffset offset = java.time.ZoneOffset.ofHoursMinutes(random.nextInt(-12, 13), 0);
    java.time.OffsetDateTime local = instant.atOffset(offset);
    List<String> spellings =
        List.of(
            canonical,
            java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSxx")
                .format(instant.atOffset(java.time.ZoneOffset.UTC)),
            java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSxxx")
                .format(local),
            java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSxx")
                .format(local));
    for (String s : spellings) {
      assertThat(CanonicalText.normalize(s)).as("%s (seed %d)", s, seed).isEqualTo(canonical);
    }
  }
}
