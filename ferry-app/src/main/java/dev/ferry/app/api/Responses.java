package dev.ferry.app.api;

import dev.ferry.app.hc.Json;
import io.javalin.http.Context;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Writing JSON responses, and Heroku Connect's error body {@code {"message": "..."}}. */
final class Responses {
  private Responses() {}

  static void json(Context ctx, int status, JsonNode body) {
    ctx.status(status).contentType("application/json").result(Json.write(body));
  }

  static void accepted(Context ctx) {
    ctx.status(202).contentType("application/json").result("{}");
  }

  /** {@code {"message": ..., "errors": [...]}}; errors only when there is more than the message. */
  static ObjectNode error(String message, List<String> errors) {
    ObjectNode body = Json.object();
    body.put("message", message);
    if (!errors.isEmpty()) {
      ArrayNode list = body.putArray("errors");
      errors.forEach(list::add);
    }
    return body;
  }
}
