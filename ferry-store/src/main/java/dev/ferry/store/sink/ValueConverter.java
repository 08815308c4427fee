package dev.ferry.store.sink;

import dev.ferry.core.model.ValueKind;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/**
 * Salesforce's text form of a value → the text Postgres' COPY accepts for the column. Salesforce
 * has no empty string: empty and {@code #N/A} (Bulk's null marker) are null. Datetimes arrive as
 * UTC ({@code 2024-01-02T03:04:05.000Z} or {@code +0000}); Postgres would silently drop any offset
 * when parsing {@code timestamp without time zone}, so offsets are applied here.
 */
final class ValueConverter {
  private ValueConverter() {}

  static @Nullable String convert(ValueKind kind, @Nullable String raw, String column) {
    if (raw == null || raw.isEmpty() || raw.equals("#N/A")) return null;
    try {
      return switch (kind) {
        case TEXT, BOOLEAN, DOUBLE, NUMERIC, DATE -> raw;
        case INTEGER, BIGINT -> integral(raw);
        case TIMESTAMP -> utcWithoutZone(raw);
        case TIMESTAMPTZ -> withColonOffset(raw);
        case TIME -> raw.endsWith("Z") ? raw.substring(0, raw.length() - 1) : raw;
      };
    } catch (NumberFormatException | ArithmeticException | DateTimeParseException e) {
      throw new IllegalArgumentException(
          "column " + column + ": cannot read '" + raw + "' as " + kind, e);
    }
  }

  /** {@code 12.0} and {@code 1.2E1} are how some APIs spell integers. */
  private static String integral(String raw) {
    for (int i = 0; i < raw.length(); i++) {
      char ch = raw.charAt(i);
      if (ch == '.' || ch == 'e' || ch == 'E') {
        return new BigDecimal(raw).toBigIntegerExact().toString();
      }
    }
    return raw;
  }

  static String utcWithoutZone(String raw) {
    int last = raw.length() - 1;
    if (raw.charAt(last) == 'Z') return raw.substring(0, last);
    int offsetStart = offsetStart(raw);
    if (offsetStart < 0) { // no zone: already UTC; keep the ISO 'T' so values compare as text
      return raw.length() > 10 && raw.charAt(10) == ' ' ? raw.replace(' ', 'T') : raw;
    }
    String offset = raw.substring(offsetStart);
    if (offset.equals("+0000") || offset.equals("+00:00") || offset.equals("+00")) {
      return raw.substring(0, offsetStart);
    }
    LocalDateTime local = LocalDateTime.parse(raw.substring(0, offsetStart).replace(' ', 'T'));
    ZoneOffset zone = ZoneOffset.of(withColon(offset));
    return local.atOffset(zone).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime().toString();
  }

  private static String withColonOffset(String raw) {
    int offsetStart = offsetStart(raw);
    if (offsetStart < 0) return raw;
    return raw.substring(0, offsetStart) + withColon(raw.substring(offsetStart));
  }

  /** Index of a trailing {@code +hh[:mm]} / {@code -hh[:mm]} after the time part, or -1. */
  private static int offsetStart(String raw) {
    int t = Math.max(raw.indexOf('T'), raw.indexOf(' '));
    if (t < 0) return -1;
    for (int i = raw.length() - 1; i > t; i--) {
      char ch = raw.charAt(i);
      if (ch == '+' || ch == '-') return i;
    }
    return -1;
  }

  private static String withColon(String offset) {
    if (offset.length() == 5 && offset.indexOf(':') < 0) {
      return offset.substring(0, 3) + ":" + offset.substring(3);
    }
    return offset;
  }
}
