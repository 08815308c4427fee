package dev.ferry.emulator.org;

/**
 * A value that cannot be read as the field's type. REST reports these as a request-level
 * JSON_PARSER_ERROR (the JSON could not be deserialized); Bulk as a per-row error.
 */
public final class ValueTypeException extends SaveException {
  private final String fieldName;
  private final String typeName;
  private final String rawValue;

  public ValueTypeException(FieldDef field, String rawValue) {
    super(
        SaveError.of(
            "INVALID_TYPE_ON_FIELD_IN_RECORD",
            field.label() + ": value not of required type: " + rawValue,
            field.name()));
    this.fieldName = field.name();
    this.typeName = field.type().apiName();
    this.rawValue = rawValue;
  }

  /** Salesforce's JSON deserializer wording. */
  public String jsonParserMessage() {
    String jsonType =
        switch (typeName) {
          case "int" -> "int";
          case "long" -> "long";
          case "double", "currency", "percent" -> "double";
          case "boolean" -> "boolean";
          case "date" -> "date";
          case "datetime" -> "datetime";
          case "time" -> "time";
          default -> "string";
        };
    return "Cannot deserialize instance of "
        + jsonType
        + " from VALUE_STRING value "
        + rawValue
        + " or request may be missing a required field ("
        + fieldName
        + ")";
  }
}
