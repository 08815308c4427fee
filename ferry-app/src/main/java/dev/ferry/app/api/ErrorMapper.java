package dev.ferry.app.api;

import dev.ferry.app.hc.InvalidDocumentException;
import dev.ferry.core.control.ConflictException;
import dev.ferry.core.control.NotFoundException;
import dev.ferry.core.error.ConfigException;
import dev.ferry.core.error.InactiveOrgException;
import dev.ferry.core.error.PermanentException;
import dev.ferry.core.error.RetriableException;
import dev.ferry.core.error.SalesforceAuthException;
import dev.ferry.core.error.SalesforceRequestException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where exceptions become HTTP responses (practice 7), always with Heroku Connect's
 * error body {@code {"message": "..."}} (plus {@code errors} when there are several problems).
 *
 * <table>
 *   <tr><th>exception</th><th>status</th></tr>
 *   <tr><td>{@link ApiException} (auth, malformed ids)</td><td>its own (401, 404)</td></tr>
 *   <tr><td>{@link InvalidDocumentException}: not JSON, or not the expected shape</td><td>400</td></tr>
 *   <tr><td>{@link NotFoundException}</td><td>404</td></tr>
 *   <tr><td>{@link ConflictException}: not allowed in the current state</td><td>409</td></tr>
 *   <tr><td>{@link ConfigException}: well-formed but does not fit the org (unknown object or
 *       field)</td><td>422</td></tr>
 *   <tr><td>Salesforce refused the credentials, inactive org, or refused the request</td>
 *       <td>422</td></tr>
 *   <tr><td>{@link RetriableException}: Salesforce or the database unavailable now</td>
 *       <td>503</td></tr>
 *   <tr><td>anything else</td><td>500, logged with an error id</td></tr>
 * </table>
 */
public final class ErrorMapper {
  private static final Logger log = LoggerFactory.getLogger(ErrorMapper.class);

  private ErrorMapper() {}

  /** What an exception becomes: status, message and, when there are several, every problem. */
  public record Mapped(int status, String message, List<String> errors) {}

  static void register(RoutesConfig routes) {
    routes.exception(Exception.class, ErrorMapper::handle);
  }

  static void handle(Exception e, Context ctx) {
    Mapped m = describe(e, ctx);
    if (m.status() == 503) ctx.header("Retry-After", "30");
    Responses.json(ctx, m.status(), Responses.error(m.message(), m.errors()));
  }

  /**
   * Maps the exception of a request (the dashboard renders the result as HTML); a 5xx is logged
   * with an error id that the message then names.
   */
  public static Mapped describe(Exception e, Context ctx) {
    Mapped m = map(e);
    if (m.status() >= 500) {
      String errorId = UUID.randomUUID().toString().substring(0, 8);
      log.atError()
          .setCause(e)
          .addKeyValue("error_id", errorId)
          .addKeyValue("method", ctx.method().name())
          .addKeyValue("path", ctx.path())
          .log("API request failed");
      m = new Mapped(m.status(), m.message() + " (error id " + errorId + ")", m.errors());
    }
    return m;
  }

  static Mapped map(Throwable e) {
    return switch (e) {
      case ApiException a -> new Mapped(a.status(), a.getMessage(), List.of());
      case InvalidDocumentException d -> many(400, d.problems());
      case NotFoundException n -> new Mapped(404, n.getMessage(), List.of());
      case ConflictException c -> new Mapped(409, c.getMessage(), List.of());
      case ConfigException c -> many(422, c.problems());
      case SalesforceAuthException a ->
          new Mapped(422, "Salesforce refused the credentials: " + a.getMessage(), List.of());
      case InactiveOrgException i ->
          new Mapped(422, "The Salesforce org is inactive: " + i.getMessage(), List.of());
      case SalesforceRequestException r ->
          new Mapped(422, "Salesforce refused the request: " + r.getMessage(), List.of());
      case PermanentException p -> new Mapped(422, p.getMessage(), List.of());
      case RetriableException r ->
          new Mapped(503, "Temporarily unavailable, try again: " + r.getMessage(), List.of());
      case HttpResponseException h -> new Mapped(h.getStatus(), h.getMessage(), List.of());
      default -> new Mapped(500, "Internal error; see the server log", List.of());
    };
  }

  private static Mapped many(int status, List<String> problems) {
    String message =
        problems.size() == 1
            ? problems.getFirst()
            : problems.size() + " problems: " + String.join("; ", problems);
    return new Mapped(status, message, problems.size() == 1 ? List.of() : problems);
  }
}
