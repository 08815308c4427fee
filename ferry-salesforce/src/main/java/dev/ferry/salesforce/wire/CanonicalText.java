package dev.ferry.salesforce.wire;

import dev.ferry.core.sf.SfValueText;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/**
 * The canonical text form of values documented on {@link dev.ferry.core.sf.SfRecord}: datetimes as
 * ISO-8601 UTC with milliseconds ({@code 2024-01-02T03:04:05.000Z}), whatever offset spelling the
 * API used ({@code +0000} in REST JSON, {@code Z} in Bulk CSV), and numbers in plain decimal form.
 *
 * <p>Neither REST JSON nor Bulk CSV says which values are datetimes, so a value is normalised when
 * it has exactly the shape of a datetime with an explicit offset. A text field holding such a
 * string is rewritten to the same instant in canonical form; that is the one known ambiguity.
 */
public final class CanonicalText {
  /** ISO local date-time followed by Z, +hh:mm, +hhmm or +hh. */
  private static final DateTimeFormatter LENIENT =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
          .optionalStart()
          .appendOffset("+HH:MM", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HHMM", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HH", "Z")
          .optionalEnd()
          .toFormatter();

  private CanonicalText() {}

  public static String datetime(Instant instant) {
    return SfValueText.datetime(instant);
  }

  public static String date(LocalDate date) {
    return SfValueText.date(date);
  }

  /** Salesforce's time form {@code 08:30:00.000Z}. */
  public static String time(LocalTime time) {
    return SfValueText.time(time);
  }

  /** Plain decimal text, never exponent notation ({@code 1E+3} → {@code 1000}). */
  public static String number(BigDecimal n) {
    return n.signum() == 0 ? "0" : n.toPlainString();
  }

  /** Parses a Salesforce datetime in any offset spelling; throws on anything else. */
  public static Instant parseInstant(String text) {
    try {
      return OffsetDateTime.parse(text, LENIENT).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not a Salesforce datetime: '" + text + "'", e);
    }
  }

  /** The canonical form of a text value: datetimes rewritten, anything else unchanged. */
  public static @Nullable String normalize(@Nullable String value) {
    if (value == null || !looksLikeDatetime(value)) return value;
    // fast paths for the two spellings Salesforce uses (millions of values per Bulk query)
    int n = value.length();
    if (n == 24 && value.charAt(19) == '.' && value.charAt(23) == 'Z') return value;
    if (n == 28 && value.charAt(19) == '.' && value.endsWith("+0000")) {
      return value.substring(0, 23) + 'Z';
    }
    try {
      return datetime(OffsetDateTime.parse(value, LENIENT).toInstant());
    } catch (DateTimeParseException e) {
      return value;
    }
  }

  /** Cheap shape test: yyyy-MM-ddTHH:mm:ss, optional fraction, then Z or a sign and 2-4 digits. */
  static boolean looksLikeDatetime(String v) {
    int n = v.length();
    if (n < 20 || n > 35 || v.charAt(10) != 'T' || v.charAt(4) != '-' || v.charAt(7) != '-') {
      return false;
    }
    if (v.charAt(13) != ':' || v.charAt(16) != ':') return false;
    for (int i : new int[] {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18}) {
      if (!Character.isDigit(v.charAt(i))) return false;
    }
    int i = 19;
    if (v.charAt(i) == '.') {
      i++;
      int start = i;
      while (i < n && Character.isDigit(v.charAt(i))) i++;
      if (i == start) return false;
    }
    if (i == n) return false; // no offset: not a Salesforce datetime
    char c = v.charAt(i);
    if (c == 'Z') return i == n - 1;
    if (c != '+' && c != '-') return false;
    int digits = 0;
    for (int j = i + 1; j < n; j++) {
      char d = v.charAt(j);
      if (Character.isDigit(d)) digits++;
      else if (d != ':') return false;
    }
    return digits == 2 || digits == 4;
  }
}
