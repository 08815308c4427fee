package dev.ferry.core.soql;

import dev.ferry.core.sf.SfValueText;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/** Formats Java values as SOQL literals. */
public final class SoqlLiteral {
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private SoqlLiteral() {}

  public static String format(@Nullable Object value) {
    if (value == null) return "null";
    if (value instanceof String s) return quote(s);
    if (value instanceof Boolean b) return b ? "true" : "false";
    if (value instanceof BigDecimal d) return d.toPlainString();
    if (value instanceof Integer || value instanceof Long || value instanceof Short)
      return value.toString();
    if (value instanceof Double d) return BigDecimal.valueOf(d).toPlainString();
    if (value instanceof Instant i) return datetime(i);
    if (value instanceof LocalDate d) return d.toString();
    throw new IllegalArgumentException("no SOQL literal form for " + value.getClass().getName());
  }

  /** UTC datetime literal; milliseconds only when non-zero (the documented form has none). */
  public static String datetime(Instant instant) {
    Instant millis = instant.truncatedTo(ChronoUnit.MILLIS);
    return millis.getNano() == 0 ? SECONDS.format(millis) : SfValueText.datetime(millis);
  }

  /** Single-quoted string with SOQL backslash escapes. */
  public static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('\'');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\'' -> b.append("\\'");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case '\b' -> b.append("\\b");
        case '\f' -> b.append("\\f");
        case '"' -> b.append("\\\"");
        default -> b.append(c);
      }
    }
    return b.append('\'').toString();
  }
}
