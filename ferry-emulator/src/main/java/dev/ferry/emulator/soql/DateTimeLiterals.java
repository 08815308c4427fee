package dev.ferry.emulator.soql;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;

/**
 * The unquoted date and datetime literals of SOQL.
 *
 * <p>date: {@code YYYY-MM-DD}. datetime: {@code YYYY-MM-DDThh:mm:ss}, then optional fractional
 * seconds, then {@code Z}, {@code ±hh:mm} or {@code ±hhmm}. The documented forms are {@code Z} and
 * {@code ±hh:mm} without fractions; real orgs also accept milliseconds (Airbyte sends {@code
 * .000+00:00}) and longer fractions, so 1 to 9 fractional digits are accepted. {@code T} and {@code
 * Z} may be lower case, as Salesforce's lexer allows.
 */
final class DateTimeLiterals {
  private DateTimeLiterals() {}

  /** The date, or null when the text is not a valid {@code YYYY-MM-DD}. */
  static @Nullable LocalDate parseDate(String text) {
    if (text.length() != 10 || !digits(text, 0, 4) || text.charAt(4) != '-') return null;
    if (!digits(text, 5, 7) || text.charAt(7) != '-' || !digits(text, 8, 10)) return null;
    try {
      return LocalDate.of(number(text, 0, 4), number(text, 5, 7), number(text, 8, 10));
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** The instant, or null when the text is not a valid datetime literal. */
  static @Nullable Instant parseDateTime(String text) {
    if (text.length() < 20) return null;
    LocalDate date = parseDate(text.substring(0, 10));
    char t = text.charAt(10);
    if (date == null || (t != 'T' && t != 't')) return null;
    if (!digits(text, 11, 13) || text.charAt(13) != ':' || !digits(text, 14, 16)) return null;
    if (text.charAt(16) != ':' || !digits(text, 17, 19)) return null;
    int hour = number(text, 11, 13);
    int minute = number(text, 14, 16);
    int second = number(text, 17, 19);
    int i = 19;
    int nanos = 0;
    if (text.charAt(i) == '.') {
      int start = ++i;
      while (i < text.length() && Character.isDigit(text.charAt(i))) i++;
      int count = i - start;
      if (count < 1 || count > 9) return null;
      nanos = number(text, start, i);
      for (int k = count; k < 9; k++) nanos *= 10;
    }
    ZoneOffset offset = zone(text, i);
    if (offset == null) return null;
    try {
      return LocalDateTime.of(date.getYear(), date.getMonth(), date.getDayOfMonth(), hour, minute)
          .withSecond(second)
          .withNano(nanos)
          .toInstant(offset);
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static @Nullable ZoneOffset zone(String text, int i) {
    int rest = text.length() - i;
    if (rest == 1 && (text.charAt(i) == 'Z' || text.charAt(i) == 'z')) return ZoneOffset.UTC;
    if (rest != 5 && rest != 6) return null;
    char sign = text.charAt(i);
    if (sign != '+' && sign != '-') return null;
    if (!digits(text, i + 1, i + 3)) return null;
    int minutesAt = rest == 6 ? i + 4 : i + 3;
    if (rest == 6 && text.charAt(i + 3) != ':') return null;
    if (!digits(text, minutesAt, minutesAt + 2)) return null;
    int hours = number(text, i + 1, i + 3);
    int minutes = number(text, minutesAt, minutesAt + 2);
    if (hours > 18 || minutes > 59) return null;
    try {
      return sign == '+'
          ? ZoneOffset.ofHoursMinutes(hours, minutes)
          : ZoneOffset.ofHoursMinutes(-hours, -minutes);
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static boolean digits(String s, int from, int to) {
    if (to > s.length()) return false;
    for (int i = from; i < to; i++) if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
    return true;
  }

  private static int number(String s, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) n = n * 10 + (s.charAt(i) - '0');
    return n;
  }
}
