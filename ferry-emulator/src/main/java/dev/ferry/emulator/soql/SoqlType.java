package dev.ferry.emulator.soql;

/** Field types as far as SOQL cares (filtering, comparison, literal checks). */
public enum SoqlType {
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
  ANYTYPE
}
