package dev.ferry.app.dashboard;

import dev.ferry.app.api.ApiToken;
import dev.ferry.app.api.WebPages;
import dev.ferry.app.log.RecentLogs;
import dev.ferry.core.control.FerryService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.InstantSource;

/**
 * The web dashboard of {@code ferry serve} under {@value #BASE}: server-rendered jte pages, parts
 * refreshed by htmx, actions as CSRF-protected forms, behind a login with the API token. It calls
 * only {@link FerryService} (and this process's {@link RecentLogs}). See docs/dashboard.md.
 */
public final class Dashboard implements WebPages {
  public static final String BASE = "/dashboard";
  static final String LOGIN = BASE + "/login";
  private static final String C = BASE + "/connections/{connection}";
  private static final String M = BASE + "/mappings/{mapping}";

  private final DashboardGuard guard;
  private final Login login;
  private final Pages pages;
  private final Actions actions;
  private final Assets assets = new Assets();

  public Dashboard(FerryService service, ApiToken token, InstantSource clock, RecentLogs logs) {
    Templates templates = new Templates();
    Sessions sessions = new Sessions(clock);
    this.pages = new Pages(service, new Views(clock), templates, logs);
    this.guard = new DashboardGuard(sessions, pages::error);
    this.login = new Login(token, sessions, templates);
    this.actions = new Actions(service);
  }

  @Override
  public void register(RoutesConfig r) {
    r.before(BASE, guard);
    r.before(BASE + "/*", guard);
    r.get("/", ctx -> ctx.redirect(BASE));
    r.get(BASE + "/assets/{name}", assets::serve);
    r.get(LOGIN, login::form);
    r.post(LOGIN, login::login);
    r.post(BASE + "/logout", login::logout);

    r.get(BASE, page(pages::connections));
    r.get(BASE + "/parts/connections", page(pages::connectionsPart));
    r.get(C, page(pages::connection));
    r.get(C + "/parts/connection", page(pages::connectionPart));
    r.get(C + "/parts/usage", page(pages::usagePart));
    r.get(M, page(pages::mapping));
    r.get(M + "/parts/mapping", page(pages::mappingPart));
    r.get(BASE + "/logs", page(pages::logs));
    r.get(BASE + "/parts/logs", page(pages::logsPart));

    r.post(C + "/pause", actions::pause);
    r.post(C + "/resume", actions::resume);
    r.post(C + "/retry-writes", actions::retryConnectionWrites);
    r.post(C + "/errors/{entry}/retry", actions::retryConnectionWrite);
    r.post(M + "/reload", actions::reload);
    r.post(M + "/abort", actions::abort);
    r.post(M + "/retry-writes", actions::retryMappingWrites);
    r.post(M + "/errors/{entry}/retry", actions::retryMappingWrite);
  }

  private Handler page(Handler h) {
    return pages.html(h);
  }

  @Override
  public boolean owns(Context ctx) {
    return ctx.path().equals(BASE) || ctx.path().startsWith(BASE + "/");
  }
}
