package dev.ferry.emulator.org;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** How Salesforce writes and reads dates, datetimes, times and numbers on the wire. */
public final class SfFormats {
  private static final DateTimeFormatter REST_DATETIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter CSV_DATETIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS'Z'");

  /** Date, time, optional fraction, then Z / ±hh:mm / ±hhmm / ±hh, or a space for a lost '+'. */
  private static final Pattern DATETIME =
      Pattern.compile(
          "(\\d{4}-\\d{2}-\\d{2})[T ](\\d{2}:\\d{2}(?::\\d{2})?)(\\.\\d{1,9})?"
              + "(Z|z|[+\\- ]\\d{2}(?::?\\d{2})?)?");

  private static final Pattern TIME_PATTERN =
      Pattern.compile("(\\d{2}:\\d{2}(?::\\d{2})?)(\\.\\d{1,9})?(Z|z)?");

  private SfFormats() {}

  /** REST JSON: {@code 2024-01-02T03:04:05.000+0000}. */
  public static String restDateTime(Instant instant) {
    return isoMillis(instant, "+0000");
  }

  /** Bulk CSV: {@code 2024-01-02T03:04:05.000Z}. */
  public static String csvDateTime(Instant instant) {
    return isoMillis(instant, "Z");
  }

  /**
   * {@code yyyy-MM-ddTHH:mm:ss.SSS} plus a zone suffix, in UTC, without DateTimeFormatter (hot in
   * query results: millions of values per Bulk job). Years outside 0..9999 fall back to it.
   */
  private static String isoMillis(Instant instant, String suffix) {
    long seconds = instant.getEpochSecond();
    long days = Math.floorDiv(seconds, 86_400);
    int secOfDay = (int) Math.floorMod(seconds, 86_400);
    LocalDate d = LocalDate.ofEpochDay(days);
    int year = d.getYear();
    if (year < 0 || year > 9999) {
      return (suffix.equals("Z") ? CSV_DATETIME : REST_DATETIME).format(instant);
    }
    char[] c = new char[23 + suffix.length()];
    put4(c, 0, year);
    c[4] = '-';
    put2(c, 5, d.getMonthValue());
    c[7] = '-';
    put2(c, 8, d.getDayOfMonth());
    c[10] = 'T';
    put2(c, 11, secOfDay / 3600);
    c[13] = ':';
    put2(c, 14, (secOfDay / 60) % 60);
    c[16] = ':';
    put2(c, 17, secOfDay % 60);
    c[19] = '.';
    int millis = instant.getNano() / 1_000_000;
    c[20] = (char) ('0' + millis / 100);
    c[21] = (char) ('0' + (millis / 10) % 10);
    c[22] = (char) ('0' + millis % 10);
    suffix.getChars(0, suffix.length(), c, 23);
    return new String(c);
  }

  private static void put2(char[] c, int at, int v) {
    c[at] = (char) ('0' + v / 10);
    c[at + 1] = (char) ('0' + v % 10);
  }

  private static void put4(char[] c, int at, int v) {
    c[at] = (char) ('0' + v / 1000);
    c[at + 1] = (char) ('0' + (v / 100) % 10);
    c[at + 2] = (char) ('0' + (v / 10) % 10);
    c[at + 3] = (char) ('0' + v % 10);
  }

  public static String date(LocalDate date) {
    return date.toString();
  }

  /** {@code 08:30:00.000Z}. */
  public static String time(LocalTime time) {
    return TIME.format(time);
  }

  /**
   * Numbers of double, currency and percent fields the way Salesforce's Java serializer writes them
   * ({@code 1500.0}, {@code 9.12260031E8}).
   */
  public static String decimal(BigDecimal value) {
    return Double.toString(value.doubleValue());
  }

  /**
   * Parses a datetime leniently: ISO-8601 with {@code Z}, {@code ±hh:mm}, {@code ±hhmm} or a space
   * where a '+' was decoded from a URL, optional fractional seconds, or a bare date (midnight UTC).
   * Returns null when the text is not a datetime.
   */
  public static @Nullable Instant parseDateTime(String text) {
    String s = text.trim();
    if (s.length() == 10) {
      LocalDate d = parseDate(s);
      return d == null ? null : d.atStartOfDay().toInstant(ZoneOffset.UTC);
    }
    Matcher m = DATETIME.matcher(s);
    if (!m.matches()) {
      return null;
    }
    try {
      String time = m.group(2).length() == 5 ? m.group(2) + ":00" : m.group(2);
      LocalDateTime local =
          LocalDateTime.parse(m.group(1) + "T" + time + (m.group(3) == null ? "" : m.group(3)));
      String zone = m.group(4);
      ZoneOffset offset = ZoneOffset.UTC;
      if (zone != null && !zone.equalsIgnoreCase("Z")) {
        char sign = zone.charAt(0) == '-' ? '-' : '+';
        String digits = zone.substring(1).replace(":", "");
        int hours = Integer.parseInt(digits.substring(0, 2));
        int minutes = digits.length() >= 4 ? Integer.parseInt(digits.substring(2, 4)) : 0;
        offset =
            ZoneOffset.ofHoursMinutes(
                sign == '-' ? -hours : hours, sign == '-' ? -minutes : minutes);
      }
      return OffsetDateTime.of(local, offset).toInstant();
    } catch (java.time.DateTimeException | NumberFormatException e) {
      return null;
    }
  }

  /** {@code yyyy-MM-dd}, optionally followed by {@code Z}; null when not a date. */
  public static @Nullable LocalDate parseDate(String text) {
    String s = text.trim();
    if (s.endsWith("Z") || s.endsWith("z")) {
      s = s.substring(0, s.length() - 1);
    }
    if (!isDateShape(s)) {
      return null;
    }
    try {
      return LocalDate.parse(s);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static boolean isDateShape(String s) {
    if (s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
      return false;
    }
    for (int i = 0; i < 10; i++) {
      if (i != 4 && i != 7 && (s.charAt(i) < '0' || s.charAt(i) > '9')) {
        return false;
      }
    }
    return true;
  }

  /** {@code HH:mm[:ss[.SSS]][Z]}; null when not a time. */
  public static @Nullable LocalTime parseTime(String text) {
    Matcher m = TIME_PATTERN.matcher(text.trim());
    if (!m.matches()) {
      return null;
    }
    try {
      return LocalTime.parse(m.group(1) + (m.group(2) == null ? "" : m.group(2)));
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
