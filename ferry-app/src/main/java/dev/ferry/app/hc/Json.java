package dev.ferry.app.hc;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The one JSON mapper of the app, and Heroku Connect's timestamp format. */
public final class Json {
  /** Duplicate keys are refused: in a config file they are almost always a mistake. */
  public static final JsonMapper MAPPER =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  /** {@code 2019-04-04T13:25:57.541610+00:00}, as Heroku Connect writes timestamps. */
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx").withZone(ZoneOffset.UTC);

  private Json() {}

  public static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  /** Parses JSON text; malformed input is an {@link InvalidDocumentException} with its position. */
  public static JsonNode parse(String text, String what) {
    if (text == null || text.isBlank()) throw new InvalidDocumentException(what + " is empty");
    try {
      return MAPPER.readTree(text);
    } catch (JacksonException e) {
      TokenStreamLocation at = e.getLocation();
      String where =
          at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new InvalidDocumentException(
          what + " is not valid JSON" + where + ": " + e.getOriginalMessage());
    }
  }

  public static @Nullable String time(@Nullable Instant instant) {
    return instant == null ? null : TIME.format(instant);
  }

  public static String write(JsonNode node) {
    return MAPPER.writeValueAsString(node);
  }

  public static String writePretty(JsonNode node) {
    return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
  }
}
