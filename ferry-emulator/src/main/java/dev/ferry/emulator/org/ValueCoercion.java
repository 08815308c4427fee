package dev.ferry.emulator.org;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Turns a client-sent value into the stored Java value for a field, with Salesforce's field-level
 * checks: type, length (STRING_TOO_LONG), restricted picklists, e-mail syntax, numeric range.
 * Reference fields are checked by {@link RecordSaver}, which can see the other records.
 */
final class ValueCoercion {
  private static final Pattern EMAIL =
      Pattern.compile("^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+$");

  private ValueCoercion() {}

  static @Nullable Object coerce(FieldDef field, @Nullable Object raw) {
    if (raw == null) {
      return field.type() == FieldType.BOOLEAN ? Boolean.FALSE : null;
    }
    if (raw instanceof java.util.Map<?, ?> || raw instanceof List<?>) {
      throw new ValueTypeException(field, String.valueOf(raw));
    }
    return switch (field.type()) {
      case STRING, TEXTAREA, PHONE, URL, ENCRYPTEDSTRING, COMBOBOX, ANYTYPE ->
          text(field, raw.toString());
      case EMAIL -> email(field, raw.toString());
      case PICKLIST -> picklist(field, raw.toString());
      case MULTIPICKLIST -> multipicklist(field, raw.toString());
      case BOOLEAN -> bool(field, raw);
      case INT -> integral(field, raw, Integer.MIN_VALUE, Integer.MAX_VALUE).intValue();
      case LONG -> integral(field, raw, Long.MIN_VALUE, Long.MAX_VALUE).longValue();
      case DOUBLE, CURRENCY, PERCENT -> decimal(field, raw);
      case DATE -> date(field, raw.toString());
      case DATETIME -> datetime(field, raw.toString());
      case TIME -> time(field, raw.toString());
      case BASE64 -> base64(field, raw.toString());
      case REFERENCE, ID -> raw.toString();
      case ADDRESS, LOCATION -> throw new ValueTypeException(field, raw.toString());
    };
  }

  private static @Nullable String text(FieldDef field, String s) {
    if (s.isEmpty()) {
      return null;
    }
    if (field.length() > 0 && s.length() > field.length()) {
      throw new SaveException(
          SaveError.of(
              "STRING_TOO_LONG",
              field.label()
                  + ": data value too large: "
                  + abbreviate(s)
                  + " (max length="
                  + field.length()
                  + ")",
              field.name()));
    }
    return s;
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }

  private static @Nullable String email(FieldDef field, String s) {
    String v = text(field, s.trim());
    if (v != null && !EMAIL.matcher(v).matches()) {
      throw new SaveException(
          SaveError.of(
              "INVALID_EMAIL_ADDRESS",
              field.label() + ": invalid email address: " + v,
              field.name()));
    }
    return v;
  }

  private static @Nullable String picklist(FieldDef field, String s) {
    String v = text(field, s);
    if (v == null) {
      return null;
    }
    for (PicklistEntry e : field.picklistValues()) {
      if (e.value().equalsIgnoreCase(v)) {
        return e.value(); // the shared canonical instance: picklist values cost no memory
      }
    }
    if (field.restrictedPicklist()) {
      throw restrictedPicklist(field, v);
    }
    return v.intern();
  }

  private static @Nullable String multipicklist(FieldDef field, String s) {
    String v = text(field, s);
    if (v == null) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (String part : v.split(";")) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      String canonical = null;
      for (PicklistEntry e : field.picklistValues()) {
        if (e.value().equalsIgnoreCase(p)) {
          canonical = e.value();
        }
      }
      if (canonical == null) {
        if (field.restrictedPicklist()) {
          throw restrictedPicklist(field, p);
        }
        canonical = p;
      }
      if (!out.contains(canonical)) {
        out.add(canonical);
      }
    }
    return out.isEmpty() ? null : String.join(";", out).intern();
  }

  private static SaveException restrictedPicklist(FieldDef field, String v) {
    return new SaveException(
        SaveError.of(
            "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
            field.label() + ": bad value for restricted picklist field: " + v,
            field.name()));
  }

  private static Boolean bool(FieldDef field, Object raw) {
    if (raw instanceof Boolean b) {
      return b;
    }
    String s = raw.toString().trim().toLowerCase(Locale.ROOT);
    return switch (s) {
      case "true", "1" -> Boolean.TRUE;
      case "false", "0", "" -> Boolean.FALSE;
      default -> throw new ValueTypeException(field, raw.toString());
    };
  }

  private static BigDecimal number(FieldDef field, Object raw) {
    if (raw instanceof BigDecimal b) {
      return b;
    }
    if (raw instanceof Boolean) {
      throw new ValueTypeException(field, raw.toString());
    }
    try {
      return new BigDecimal(raw.toString().trim());
    } catch (NumberFormatException e) {
      throw new ValueTypeException(field, raw.toString());
    }
  }

  private static BigDecimal integral(FieldDef field, Object raw, long min, long max) {
    if (raw instanceof String s && s.isBlank()) {
      throw new ValueTypeException(field, s);
    }
    BigDecimal n = number(field, raw);
    BigDecimal integral;
    try {
      integral = n.setScale(0, RoundingMode.UNNECESSARY);
    } catch (ArithmeticException e) {
      throw new ValueTypeException(field, raw.toString());
    }
    if (integral.compareTo(BigDecimal.valueOf(min)) < 0
        || integral.compareTo(BigDecimal.valueOf(max)) > 0) {
      throw outOfRange(field, raw);
    }
    return integral;
  }

  private static BigDecimal decimal(FieldDef field, Object raw) {
    BigDecimal n = number(field, raw).setScale(field.scale(), RoundingMode.HALF_UP);
    int integerDigits = n.precision() - n.scale();
    if (field.precision() > 0 && integerDigits > field.precision() - field.scale()) {
      throw outOfRange(field, raw);
    }
    return n;
  }

  private static SaveException outOfRange(FieldDef field, Object raw) {
    return new SaveException(
        SaveError.of(
            "NUMBER_OUTSIDE_VALID_RANGE",
            field.label() + ": value outside of valid range on numeric field: " + raw,
            field.name()));
  }

  private static @Nullable LocalDate date(FieldDef field, String s) {
    if (s.isBlank()) {
      return null;
    }
    LocalDate d = SfFormats.parseDate(s);
    if (d == null) {
      // REST clients sometimes send a datetime for a date; Salesforce takes its date part.
      Instant i = SfFormats.parseDateTime(s);
      if (i == null) {
        throw new ValueTypeException(field, s);
      }
      return LocalDate.ofInstant(i, java.time.ZoneOffset.UTC);
    }
    return d;
  }

  private static @Nullable Instant datetime(FieldDef field, String s) {
    if (s.isBlank()) {
      return null;
    }
    Instant i = SfFormats.parseDateTime(s);
    if (i == null) {
      throw new ValueTypeException(field, s);
    }
    return i.truncatedTo(ChronoUnit.SECONDS);
  }

  private static @Nullable LocalTime time(FieldDef field, String s) {
    if (s.isBlank()) {
      return null;
    }
    LocalTime t = SfFormats.parseTime(s);
    if (t == null) {
      throw new ValueTypeException(field, s);
    }
    return t.truncatedTo(ChronoUnit.MILLIS);
  }

  private static @Nullable String base64(FieldDef field, String s) {
    if (s.isEmpty()) {
      return null;
    }
    try {
      Base64.getMimeDecoder().decode(s);
      return s;
    } catch (IllegalArgumentException e) {
      throw new ValueTypeException(field, abbreviate(s));
    }
  }
}
