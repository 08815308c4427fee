package dev.ferry.core.sf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class SfValueTextTest {
  @Test
  void spellsEachTypeAsSalesforceDoes() {
    assertThat(SfValueText.of("f", Instant.parse("2024-01-02T03:04:05.123456Z")))
        .isEqualTo("2024-01-02T03:04:05.123Z");
    assertThat(SfValueText.of("f", OffsetDateTime.parse("2024-01-02T05:04:05+02:00")))
        .isEqualTo("2024-01-02T03:04:05.000Z");
    assertThat(SfValueText.of("f", LocalDate.of(2024, 1, 2))).isEqualTo("2024-01-02");
    assertThat(SfValueText.of("f", LocalTime.of(8, 30))).isEqualTo("08:30:00.000Z");
    assertThat(SfValueText.of("f", new BigDecimal("1E+3"))).isEqualTo("1000");
    assertThat(SfValueText.of("f", 0.1d)).isEqualTo("0.1");
    assertThat(SfValueText.of("f", 2.5f)).isEqualTo("2.5");
    assertThat(SfValueText.of("f", new byte[] {1, 2, 3})).isEqualTo("AQID");
    assertThat(SfValueText.of("f", true)).isEqualTo("true");
    assertThat(SfValueText.of("f", new ExternalRef("Account", "Key__c", "K1"))).isEqualTo("K1");
  }

  @Test
  void refusesWhatSalesforceCannotHoldNamingTheField() {
    assertThatThrownBy(() -> SfValueText.of("Score__c", Double.NaN))
        .hasMessageContaining("field Score__c: NaN cannot be sent");
    assertThatThrownBy(() -> SfValueText.of("Score__c", Float.POSITIVE_INFINITY))
        .hasMessageContaining("Infinity");
    assertThatThrownBy(() -> SfValueText.of("Weird__c", new Object()))
        .hasMessageContaining("field Weird__c: no Salesforce text form for a java.lang.Object");
  }
}
