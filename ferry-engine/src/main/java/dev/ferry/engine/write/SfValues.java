package dev.ferry.engine.write;

import dev.ferry.core.model.ValueKind;
import dev.ferry.core.sf.FieldType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Turns the text Postgres puts in the trigger log's hstore ({@code values}/{@code old}) into the
 * typed value a Salesforce field takes. The text is Postgres's own output form: booleans {@code
 * t}/{@code f}, timestamps {@code 2024-01-02 03:04:05.123456} (UTC for Heroku Connect's {@code
 * timestamp without time zone}), timestamptz with the capturing session's offset.
 */
final class SfValues {
  private SfValues() {}

  /** A value that cannot be sent, with the column and the reason. */
  static final class InvalidValueException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String column;

    InvalidValueException(String column, String message) {
      super(message);
      this.column = column;
    }

    String column() {
      return column;
    }
  }

  private static final DateTimeFormatter PG_TIMESTAMP =
      new DateTimeFormatterBuilder()
          .appendPattern("uuuu-MM-dd")
          .optionalStart()
          .appendLiteral(' ')
          .optionalEnd()
          .optionalStart()
          .appendLiteral('T')
          .optionalEnd()
          .appendPattern("HH:mm:ss")
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .optionalEnd()
          .toFormatter(Locale.ROOT);

  private static final DateTimeFormatter PG_TIMESTAMPTZ =
      new DateTimeFormatterBuilder()
          .append(PG_TIMESTAMP)
          .optionalStart()
          .appendOffset("+HH:MM:ss", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HH", "Z")
          .optionalEnd()
          .toFormatter(Locale.ROOT);

  /**
   * The value of {@code text} (a column of Postgres kind {@code kind}) for a field of type {@code
   * type}; null stays null, and so does an empty string (Salesforce stores no empty strings).
   */
  static @Nullable Object convert(
      String column, ValueKind kind, FieldType type, @Nullable String text) {
    if (text == null || text.isEmpty()) return null;
    try {
      return switch (type) {
        case BOOLEAN -> bool(text);
        case INT -> new BigDecimal(text).intValueExact();
        case LONG -> new BigDecimal(text).longValueExact();
        case DOUBLE, CURRENCY, PERCENT -> number(column, text);
        case DATE -> LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
        case DATETIME -> datetime(kind, text);
        case TIME -> LocalTime.parse(text);
        default -> text;
      };
    } catch (ArithmeticException | NumberFormatException | DateTimeParseException e) {
      throw new InvalidValueException(
          column,
          "column "
              + column
              + ": '"
              + abbreviate(text)
              + "' is not a valid "
              + type.wireName()
              + " value for Salesforce ("
              + e.getMessage()
              + ")");
    }
  }

  private static Boolean bool(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "t", "true", "1", "yes", "y", "on" -> true;
      case "f", "false", "0", "no", "n", "off" -> false;
      default -> throw new NumberFormatException("not a boolean");
    };
  }

  private static BigDecimal number(String column, String text) {
    switch (text) {
      case "NaN", "Infinity", "-Infinity" ->
          throw new InvalidValueException(
              column, "column " + column + ": " + text + " cannot be sent to Salesforce");
      default -> {
        return new BigDecimal(text);
      }
    }
  }

  private static Instant datetime(ValueKind kind, String text) {
    if (kind == ValueKind.TIMESTAMPTZ || hasOffset(text)) {
      return OffsetDateTime.parse(text, PG_TIMESTAMPTZ).toInstant();
    }
    // Heroku Connect's timestamp without time zone holds UTC
    return LocalDateTime.parse(text, PG_TIMESTAMP).toInstant(ZoneOffset.UTC);
  }

  private static boolean hasOffset(String text) {
    if (text.endsWith("Z")) return true;
    int time = Math.max(text.indexOf(' '), text.indexOf('T'));
    if (time < 0) return false;
    String rest = text.substring(time);
    return rest.indexOf('+') >= 0 || rest.lastIndexOf('-') > 0;
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }
}
