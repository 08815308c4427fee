package dev.ferry.emulator.http;

import tools.jackson.databind.json.JsonMapper;

/** The emulator's JSON mapper (unknown keys ignored, as Salesforce does). */
public final class Json {
  public static final JsonMapper MAPPER =
      JsonMapper.builder()
          .disable(tools.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private Json() {}

  public static byte[] write(Object value) {
    return MAPPER.writeValueAsBytes(value);
  }
}
