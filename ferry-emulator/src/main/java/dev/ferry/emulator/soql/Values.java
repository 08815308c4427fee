package dev.ferry.emulator.soql;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** How SOQL compares and orders stored values, by field type. */
final class Values {
  private Values() {}

  /** Field types grouped by how SOQL filters and sorts them. */
  enum Category {
    TEXT,
    MULTIPICKLIST,
    ID,
    BOOLEAN,
    NUMBER,
    DATE,
    DATETIME,
    TIME,
    ADDRESS,
    LOCATION
  }

  static Category category(SoqlType type) {
    return switch (type) {
      case ID, REFERENCE -> Category.ID;
      case MULTIPICKLIST -> Category.MULTIPICKLIST;
      case BOOLEAN -> Category.BOOLEAN;
      case INT, LONG, DOUBLE, CURRENCY, PERCENT -> Category.NUMBER;
      case DATE -> Category.DATE;
      case DATETIME -> Category.DATETIME;
      case TIME -> Category.TIME;
      case ADDRESS -> Category.ADDRESS;
      case LOCATION -> Category.LOCATION;
      case STRING,
          TEXTAREA,
          PICKLIST,
          COMBOBOX,
          EMAIL,
          PHONE,
          URL,
          ENCRYPTEDSTRING,
          BASE64,
          ANYTYPE ->
          Category.TEXT;
    };
  }

  /** Salesforce stores no empty strings: '' and null are the same value. */
  static boolean isNull(@Nullable Object value) {
    return value == null || (value instanceof String s && s.isEmpty());
  }

  /** Text compares case-insensitively. */
  static String textKey(Object value) {
    return value.toString().toLowerCase(Locale.ROOT);
  }

  /**
   * Ids compare on their 15-character case-sensitive form, so a 15- or 18-character literal matches
   * the stored 18-character id.
   */
  static String idKey(Object value) {
    String id = value.toString();
    return id.length() > 15 ? id.substring(0, 15) : id;
  }

  /** Whether a stored id equals a 15-character id key, without allocating. */
  static boolean sameId(Object value, String key15) {
    String id = value.toString();
    return id.length() >= 15 && id.regionMatches(0, key15, 0, 15) && key15.length() == 15;
  }

  static boolean isIdLiteral(String text) {
    if (text.length() != 15 && text.length() != 18) return false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
        return false;
      }
    }
    return true;
  }

  static BigDecimal number(Object value) {
    if (value instanceof BigDecimal d) return d;
    if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      return BigDecimal.valueOf(((Number) value).longValue());
    }
    if (value instanceof Number n) return BigDecimal.valueOf(n.doubleValue());
    return new BigDecimal(value.toString());
  }

  /** A multipicklist value as its set of selected values, lower case. */
  static Set<String> picks(String value) {
    Set<String> picks = new LinkedHashSet<>();
    for (String part : value.split(";")) {
      String trimmed = part.trim();
      if (!trimmed.isEmpty()) picks.add(trimmed.toLowerCase(Locale.ROOT));
    }
    return picks;
  }

  /**
   * Ascending order of non-null values of a category: text case-insensitively (ties keep their
   * order), ids by their characters (which is Salesforce's id order), the rest naturally.
   */
  static Comparator<Object> order(Category category) {
    return switch (category) {
      case TEXT, MULTIPICKLIST, ADDRESS, LOCATION ->
          (a, b) -> String.CASE_INSENSITIVE_ORDER.compare(a.toString(), b.toString());
      case ID -> (a, b) -> a.toString().compareTo(b.toString());
      case NUMBER -> Values::compareNumbers;
      case BOOLEAN, DATE, DATETIME, TIME -> Values::compareNatural;
    };
  }

  static int compareNumbers(Object a, Object b) {
    if ((a instanceof Integer || a instanceof Long)
        && (b instanceof Integer || b instanceof Long)) {
      return Long.compare(((Number) a).longValue(), ((Number) b).longValue());
    }
    return number(a).compareTo(number(b));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compareNatural(Object a, Object b) {
    return ((Comparable) a).compareTo(b);
  }
}
