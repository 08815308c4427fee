package dev.ferry.emulator.org;

import dev.ferry.emulator.soql.SoqlType;

/** Describe field types ({@code type} in describe) with their SOAP type. */
public enum FieldType {
  ID("id", "tns:ID", SoqlType.ID),
  REFERENCE("reference", "tns:ID", SoqlType.REFERENCE),
  STRING("string", "xsd:string", SoqlType.STRING),
  TEXTAREA("textarea", "xsd:string", SoqlType.TEXTAREA),
  PICKLIST("picklist", "xsd:string", SoqlType.PICKLIST),
  MULTIPICKLIST("multipicklist", "xsd:string", SoqlType.MULTIPICKLIST),
  COMBOBOX("combobox", "xsd:string", SoqlType.COMBOBOX),
  EMAIL("email", "xsd:string", SoqlType.EMAIL),
  PHONE("phone", "xsd:string", SoqlType.PHONE),
  URL("url", "xsd:string", SoqlType.URL),
  ENCRYPTEDSTRING("encryptedstring", "xsd:string", SoqlType.ENCRYPTEDSTRING),
  BOOLEAN("boolean", "xsd:boolean", SoqlType.BOOLEAN),
  INT("int", "xsd:int", SoqlType.INT),
  LONG("long", "xsd:long", SoqlType.LONG),
  DOUBLE("double", "xsd:double", SoqlType.DOUBLE),
  CURRENCY("currency", "xsd:double", SoqlType.CURRENCY),
  PERCENT("percent", "xsd:double", SoqlType.PERCENT),
  DATE("date", "xsd:date", SoqlType.DATE),
  DATETIME("datetime", "xsd:dateTime", SoqlType.DATETIME),
  TIME("time", "xsd:time", SoqlType.TIME),
  BASE64("base64", "xsd:base64Binary", SoqlType.BASE64),
  ADDRESS("address", "urn:address", SoqlType.ADDRESS),
  LOCATION("location", "urn:location", SoqlType.LOCATION),
  ANYTYPE("anyType", "xsd:anyType", SoqlType.ANYTYPE);

  private final String apiName;
  private final String soapType;
  private final SoqlType soqlType;

  FieldType(String apiName, String soapType, SoqlType soqlType) {
    this.apiName = apiName;
    this.soapType = soapType;
    this.soqlType = soqlType;
  }

  /** The spelling describe uses ({@code "string"}, {@code "anyType"}). */
  public String apiName() {
    return apiName;
  }

  public String soapType() {
    return soapType;
  }

  public SoqlType soqlType() {
    return soqlType;
  }

  /** Types whose values are text (length applies). */
  public boolean isText() {
    return switch (this) {
      case STRING,
          TEXTAREA,
          PICKLIST,
          MULTIPICKLIST,
          COMBOBOX,
          EMAIL,
          PHONE,
          URL,
          ENCRYPTEDSTRING ->
          true;
      default -> false;
    };
  }

  public boolean isNumber() {
    return switch (this) {
      case INT, LONG, DOUBLE, CURRENCY, PERCENT -> true;
      default -> false;
    };
  }

  public boolean isCompound() {
    return this == ADDRESS || this == LOCATION;
  }

  /** Parses the describe spelling, case-insensitively. */
  public static FieldType fromApiName(String name) {
    for (FieldType t : values()) {
      if (t.apiName.equalsIgnoreCase(name)) {
        return t;
      }
    }
    throw new IllegalArgumentException(
        "unknown field type '" + name + "' (expected one of: " + allNames() + ")");
  }

  private static String allNames() {
    StringBuilder sb = new StringBuilder();
    for (FieldType t : values()) {
      if (!sb.isEmpty()) {
        sb.append(", ");
      }
      sb.append(t.apiName);
    }
    return sb.toString();
  }
}
