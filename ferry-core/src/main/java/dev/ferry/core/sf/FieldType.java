package dev.ferry.core.sf;

import java.util.Locale;

/** Salesforce describe field {@code type} values. Unknown types map to {@link #OTHER}. */
public enum FieldType {
  ID,
  REFERENCE,
  STRING,
  TEXTAREA,
  PICKLIST,
  MULTIPICKLIST,
  COMBOBOX,
  EMAIL,
  PHONE,
  URL,
  ENCRYPTEDSTRING,
  BOOLEAN,
  INT,
  LONG,
  DOUBLE,
  CURRENCY,
  PERCENT,
  DATE,
  DATETIME,
  TIME,
  BASE64,
  ADDRESS,
  LOCATION,
  ANYTYPE,
  OTHER;

  /** The spelling used on the wire ({@code "datetime"}, {@code "anyType"}, ...). */
  public String wireName() {
    return this == ANYTYPE ? "anyType" : name().toLowerCase(Locale.ROOT);
  }

  public static FieldType fromWire(String type) {
    for (FieldType t : values()) {
      if (t.wireName().equalsIgnoreCase(type)) return t;
    }
    return OTHER;
  }

  public boolean isCompound() {
    return this == ADDRESS || this == LOCATION;
  }

  public boolean isNumeric() {
    return this == INT || this == LONG || this == DOUBLE || this == CURRENCY || this == PERCENT;
  }
}
