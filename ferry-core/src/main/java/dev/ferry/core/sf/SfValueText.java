package dev.ferry.core.sf;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/**
 * Salesforce's text forms of typed values, spelled once: the Bulk CSV cells and REST JSON strings
 * the client sends, and the text the engine compares with what it reads back. Datetimes are
 * ISO-8601 UTC with milliseconds ({@code 2024-01-02T03:04:05.000Z}), times {@code 08:30:00.000Z},
 * dates {@code 2024-01-02}, numbers plain decimal (never exponent notation), binary base64.
 */
public final class SfValueText {
  /** {@code 2024-01-02T03:04:05.000Z}: finer fractions are cut, not rounded. */
  public static final DateTimeFormatter DATETIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS'Z'");

  private SfValueText() {}

  public static String datetime(Instant instant) {
    return DATETIME.format(instant);
  }

  public static String date(LocalDate date) {
    return date.toString();
  }

  /** Salesforce's time form {@code 08:30:00.000Z}. */
  public static String time(LocalTime time) {
    return TIME.format(time);
  }

  /** A double as an exact decimal; NaN and the infinities have no Salesforce form. */
  public static BigDecimal finite(String field, double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new IllegalArgumentException(
          "field " + field + ": " + d + " cannot be sent to Salesforce");
    }
    return BigDecimal.valueOf(d);
  }

  /**
   * The text of a typed value of {@code field} (see {@link SaveRequest} for the types); an {@link
   * ExternalRef} is its parent's external id. Throws, naming the field, for a value Salesforce has
   * no form for.
   */
  public static String of(String field, Object value) {
    return switch (value) {
      case String s -> s;
      case Boolean b -> b ? "true" : "false";
      case Integer n -> n.toString();
      case Long n -> n.toString();
      case Short n -> n.toString();
      case BigDecimal d -> d.toPlainString();
      case Double d -> finite(field, d).toPlainString();
      case Float f -> finite(field, f.doubleValue()).toPlainString();
      case LocalDate d -> date(d);
      case Instant i -> datetime(i);
      case OffsetDateTime t -> datetime(t.toInstant());
      case LocalTime t -> time(t);
      case byte[] bytes -> Base64.getEncoder().encodeToString(bytes);
      case ExternalRef ref -> ref.value();
      default ->
          throw new IllegalArgumentException(
              "field "
                  + field
                  + ": no Salesforce text form for a "
                  + value.getClass().getName()
                  + " value");
    };
  }
}
