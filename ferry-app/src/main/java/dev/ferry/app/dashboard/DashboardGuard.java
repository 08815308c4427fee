package dev.ferry.app.dashboard;

import dev.ferry.app.api.ApiToken;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Runs before every dashboard request: security headers on every response; the login page and the
 * static assets are open, everything else needs a session (a page redirects to the login, an htmx
 * refresh is told to, any other request is refused with 403); every state-changing request needs
 * the session's CSRF token (form field {@value #CSRF_FIELD} or header {@value #CSRF_HEADER}),
 * compared in constant time, or is refused with 403.
 */
final class DashboardGuard implements Handler {
  static final String COOKIE = "ferry_session";
  static final String CSRF_FIELD = "_csrf";
  static final String CSRF_HEADER = "X-CSRF-Token";
  private static final String SESSION = "ferry.dashboard.session";

  /** Scripts and styles only from this server (htmx runs without eval), no framing. */
  static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none';"
          + " object-src 'none'";

  private final Sessions sessions;
  private final Pages.Denied denied;

  DashboardGuard(Sessions sessions, Pages.Denied denied) {
    this.sessions = sessions;
    this.denied = denied;
  }

  @Override
  public void handle(Context ctx) {
    ctx.header("Content-Security-Policy", CSP);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("Cache-Control", "no-store");
    String path = ctx.path();
    if (path.startsWith(Assets.BASE) || path.equals(Dashboard.LOGIN)) return;

    Optional<Sessions.Session> session = sessions.find(ctx.cookie(COOKIE));
    boolean changes = changesState(ctx.method());
    if (session.isEmpty()) {
      if (changes) {
        refuse(ctx, "Log in first: this action needs a dashboard session.");
      } else if ("true".equals(ctx.header("HX-Request"))) {
        ctx.header("HX-Redirect", Dashboard.LOGIN).status(401).result("");
        ctx.skipRemainingHandlers();
      } else {
        ctx.redirect(Dashboard.LOGIN);
        ctx.skipRemainingHandlers();
      }
      return;
    }
    if (changes && !csrfMatches(ctx, session.get())) {
      refuse(ctx, "Missing or wrong CSRF token: reload the page and try again.");
      return;
    }
    ctx.attribute(SESSION, session.get());
  }

  /** The session the guard let through. */
  static Sessions.Session session(Context ctx) {
    Sessions.Session s = sessionOrNull(ctx);
    if (s == null) throw new IllegalStateException("no dashboard session on " + ctx.path());
    return s;
  }

  /** The session the guard let through, or null on an open page (login, refusal). */
  static Sessions.@Nullable Session sessionOrNull(Context ctx) {
    return ctx.attribute(SESSION);
  }

  private static boolean csrfMatches(Context ctx, Sessions.Session session) {
    String sent = ctx.header(CSRF_HEADER);
    if (sent == null) sent = ctx.formParam(CSRF_FIELD);
    return ApiToken.equal(sent, session.csrf());
  }

  private void refuse(Context ctx, String message) {
    denied.render(ctx, 403, message);
    ctx.skipRemainingHandlers();
  }

  private static boolean changesState(HandlerType method) {
    return !method.equals(HandlerType.GET)
        && !method.equals(HandlerType.HEAD)
        && !method.equals(HandlerType.OPTIONS);
  }
}
