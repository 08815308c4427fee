package dev.ferry.app.dashboard;

import dev.ferry.app.api.ApiToken;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Login with the management token ({@code FERRY_API_TOKEN}, checked in constant time) and logout. A
 * login opens a new session (never one the browser brought along) whose id goes into an HttpOnly,
 * SameSite=Strict cookie limited to the dashboard's path, Secure when the request came over HTTPS.
 * The token itself is never stored, logged or sent back.
 */
final class Login {
  private static final Logger log = LoggerFactory.getLogger(Login.class);
  static final String TOKEN_FIELD = "token";

  private final ApiToken token;
  private final Sessions sessions;
  private final Templates templates;

  Login(ApiToken token, Sessions sessions, Templates templates) {
    this.token = token;
    this.sessions = sessions;
    this.templates = templates;
  }

  void form(Context ctx) {
    if (sessions.find(ctx.cookie(DashboardGuard.COOKIE)).isPresent()) {
      ctx.redirect(Dashboard.BASE);
      return;
    }
    templates.render(ctx, 200, "login.jte", new Model.LoginPage(null));
  }

  void login(Context ctx) {
    String candidate = ctx.formParam(TOKEN_FIELD);
    if (candidate == null || !token.matches(candidate.strip())) {
      log.atWarn().addKeyValue("ip", ctx.ip()).log("dashboard login refused: wrong token");
      templates.render(
          ctx,
          401,
          "login.jte",
          new Model.LoginPage("That is not the API token (FERRY_API_TOKEN). Try again."));
      return;
    }
    String old = ctx.cookie(DashboardGuard.COOKIE);
    if (old != null) sessions.remove(old);
    Sessions.Session session = sessions.create();
    ctx.cookie(cookie(ctx, session.id(), -1));
    log.atInfo().addKeyValue("ip", ctx.ip()).log("dashboard login");
    ctx.redirect(Dashboard.BASE, HttpStatus.SEE_OTHER);
  }

  void logout(Context ctx) {
    sessions.remove(DashboardGuard.session(ctx).id());
    ctx.cookie(cookie(ctx, "", 0));
    log.atInfo().addKeyValue("ip", ctx.ip()).log("dashboard logout");
    ctx.redirect(Dashboard.LOGIN, HttpStatus.SEE_OTHER);
  }

  private static Cookie cookie(Context ctx, String value, int maxAge) {
    Cookie c = new Cookie(DashboardGuard.COOKIE, value);
    c.setPath(Dashboard.BASE);
    c.setMaxAge(maxAge);
    c.setHttpOnly(true);
    c.setSameSite(SameSite.STRICT);
    c.setSecure(overHttps(ctx));
    return c;
  }

  /** HTTPS to this server, or to a proxy in front of it that says so. */
  private static boolean overHttps(Context ctx) {
    return "https".equalsIgnoreCase(ctx.scheme())
        || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
  }
}
