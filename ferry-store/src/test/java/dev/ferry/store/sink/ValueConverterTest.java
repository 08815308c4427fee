package dev.ferry.store.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.model.ValueKind;
import org.junit.jupiter.api.Test;

class ValueConverterTest {

  @Test
  void nullMarkersBecomeNull() {
    assertThat(ValueConverter.convert(ValueKind.TEXT, null, "c")).isNull();
    assertThat(ValueConverter.convert(ValueKind.TEXT, "", "c")).isNull();
    assertThat(ValueConverter.convert(ValueKind.DOUBLE, "#N/A", "c")).isNull();
    assertThat(ValueConverter.convert(ValueKind.TEXT, " ", "c")).isEqualTo(" ");
  }

  @Test
  void datetimesBecomeUtcWithoutZone() {
    assertThat(ValueConverter.convert(ValueKind.TIMESTAMP, "2024-01-02T03:04:05.000Z", "c"))
        .isEqualTo("2024-01-02T03:04:05.000");
    assertThat(ValueConverter.convert(ValueKind.TIMESTAMP, "2024-01-02T03:04:05.000+0000", "c"))
        .isEqualTo("2024-01-02T03:04:05.000");
    assertThat(ValueConverter.convert(ValueKind.TIMESTAMP, "2024-01-01T23:30:00.000-0800", "c"))
        .isEqualTo("2024-01-02T07:30");
    assertThat(ValueConverter.convert(ValueKind.TIMESTAMP, "2024-01-02T09:49:05+05:45", "c"))
        .isEqualTo("2024-01-02T04:04:05");
    assertThat(ValueConverter.convert(ValueKind.TIMESTAMP, "2024-01-02 03:04:05", "c"))
        .isEqualTo("2024-01-02T03:04:05");
    assertThat(ValueConverter.convert(ValueKind.TIMESTAMPTZ, "2024-01-02T03:04:05.000+0000", "c"))
        .isEqualTo("2024-01-02T03:04:05.000+00:00");
    assertThat(ValueConverter.convert(ValueKind.TIME, "13:30:00.000Z", "c"))
        .isEqualTo("13:30:00.000");
  }

  @Test
  void integersWrittenAsDecimalsAreAccepted() {
    assertThat(ValueConverter.convert(ValueKind.INTEGER, "12", "c")).isEqualTo("12");
    assertThat(ValueConverter.convert(ValueKind.INTEGER, "12.0", "c")).isEqualTo("12");
    assertThat(ValueConverter.convert(ValueKind.BIGINT, "1.2E1", "c")).isEqualTo("12");
    assertThatThrownBy(() -> ValueConverter.convert(ValueKind.INTEGER, "12.5", "numberofemployees"))
        .hasMessageContaining("numberofemployees")
        .hasMessageContaining("'12.5'");
  }

  @Test
  void textComparesLikeTimeAfterConversion() {
    ModstampMax max = new ModstampMax(ValueKind.TIMESTAMP);
    max.offer(ValueConverter.convert(ValueKind.TIMESTAMP, "2024-01-02T03:04:05.000Z", "c"));
    max.offer(ValueConverter.convert(ValueKind.TIMESTAMP, "2024-01-02T03:04:04.999Z", "c"));
    max.offer(ValueConverter.convert(ValueKind.TIMESTAMP, "2024-01-01T20:04:06.000-0700", "c"));
    assertThat(max.max()).isEqualTo(java.time.Instant.parse("2024-01-02T03:04:06Z"));
  }
}
