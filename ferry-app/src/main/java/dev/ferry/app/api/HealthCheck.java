package dev.ferry.app.api;

import dev.ferry.app.hc.Json;
import io.javalin.http.Context;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /health}: 200 {@code {"status": "UP"}} when the database answers, 503 otherwise. No
 * token needed (load balancers call it) and nothing sensitive in the answer.
 */
final class HealthCheck {
  private final DataSource dataSource;

  HealthCheck(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  void handle(Context ctx) {
    ObjectNode body = Json.object();
    boolean up = databaseAnswers();
    body.put("status", up ? "UP" : "DOWN");
    body.putObject("checks").put("database", up ? "UP" : "DOWN");
    Responses.json(ctx, up ? 200 : 503, body);
  }

  private boolean databaseAnswers() {
    try (Connection c = dataSource.getConnection()) {
      return c.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }
}
