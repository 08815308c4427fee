package dev.ferry.emulator.http;

import dev.ferry.emulator.auth.Session;
import dev.ferry.emulator.control.EndpointClass;
import dev.ferry.emulator.control.FaultRule;
import dev.ferry.emulator.org.ApiVersion;
import dev.ferry.emulator.org.SaveException;
import dev.ferry.emulator.server.EmulatorContext;
import dev.ferry.emulator.soql.SoqlException;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The emulator's HTTP front: one Javalin catch-all that runs every request through the same
 * pipeline — route, version check, late commits, fault injection, authentication, API budget,
 * handler, Salesforce-shaped errors — so every endpoint behaves alike.
 */
public final class HttpServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
  private static final List<HandlerType> METHODS =
      List.of(
          HandlerType.GET,
          HandlerType.POST,
          HandlerType.PUT,
          HandlerType.PATCH,
          HandlerType.DELETE,
          HandlerType.HEAD);

  private final EmulatorContext ctx;
  private final Router router;
  private final Javalin app;

  public HttpServer(EmulatorContext ctx, Router router) {
    this.ctx = ctx;
    this.router = router;
    this.app =
        Javalin.create(config -> {
          config.startup.showJavalinBanner = false;
          config.startup.showOldJavalinVersionWarning = false;
          config.concurrency.useVirtualThreads = true;
          config.http.compressionStrategy = CompressionStrategy.NONE;
          config.http.maxRequestSize = 200L * 1024 * 1024;
          config.router.ignoreTrailingSlashes = true;
          config.router.treatMultipleSlashesAsSingleSlash = true;
          for (HandlerType t : METHODS) {
            config.routes.addHttpHandler(t, "/*", this::dispatch);
            config.routes.addHttpHandler(t, "/", this::dispatch);
          }
        });
  }

  public int start(String host, int port) {
    app.start(host, port);
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }

  private void dispatch(Context c) {
    String method = c.req().getMethod().toUpperCase(Locale.ROOT);
    if (method.equals("HEAD")) {
      method = "GET";
    }
    String rawPath = c.req().getRequestURI();
    String[] segments = Router.split(rawPath);
    if (!rawPath.startsWith("/__emulator")) {
      // on every Salesforce response, errors included (controls are not Salesforce)
      c.res().setHeader("Sforce-Limit-Info", ctx.apiUsage().header());
    }
    Router.Match match = router.match(method, segments);
    if (match == null) {
      Exchange ex = new Exchange(c, java.util.Map.of(), null, EndpointClass.OTHER);
      ex.body();
      Set<String> allowed = router.allowedMethods(segments);
      if (allowed.isEmpty()) {
        ex.error(ApiException.notFound());
      } else {
        ex.error(
            new ApiException(
                405,
                "METHOD_NOT_ALLOWED",
                "HTTP Method '"
                    + method
                    + "' not allowed. Allowed are "
                    + String.join(",", allowed)));
      }
      return;
    }
    Router.Route route = match.route();
    ApiVersion version = null;
    if (match.versionSegment() != null) {
      version = ApiVersion.parse(match.versionSegment());
    }
    Exchange ex = new Exchange(c, match.params(), version, route.endpoint());
    try {
      // Read the body before answering, even with an error: an unread body makes Jetty close
      // the connection, which keep-alive clients then trip over.
      ex.body();
      if (match.versionSegment() != null && version == null) {
        throw ApiException.notFound();
      }
      if (route.endpoint() != EndpointClass.CONTROL) {
        ctx.store().promoteDueCommits();
        ctx.stats().count(route.endpoint());
        injectFault(ex);
        if (ex.responded()) {
          return;
        }
      }
      if (route.access() != Router.Access.PUBLIC) {
        authenticate(ex);
      }
      if (route.access() == Router.Access.API) {
        if (!ctx.apiUsage().tryConsume()) {
          throw new ApiException(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.");
        }
        c.res().setHeader("Sforce-Limit-Info", ctx.apiUsage().header());
      }
      route.handler().handle(ex);
      if (!ex.responded()) {
        ex.status(200);
      }
    } catch (ApiException e) {
      respond(ex, e);
    } catch (OAuthException e) {
      ex.oauthError(e);
    } catch (SoqlException e) {
      respond(ex, new ApiException(400, e.errorCode(), e.getMessage()));
    } catch (SaveException e) {
      respond(
          ex,
          ApiException.record(
              400, e.error().statusCode(), e.error().message(), e.error().fields()));
    } catch (IllegalArgumentException e) {
      if (route.endpoint() == EndpointClass.CONTROL) {
        respond(ex, new ApiException(400, "INVALID_REQUEST", e.getMessage()));
      } else {
        LOG.warn("unexpected bad input on {} {}", method, rawPath, e);
        respond(ex, new ApiException(400, "INVALID_FIELD", e.getMessage()));
      }
    } catch (java.io.UncheckedIOException e) {
      // the client went away while we were answering: nothing to tell it
      LOG.debug("client gone during {} {}: {}", method, rawPath, e.getMessage());
    } catch (Exception e) {
      LOG.error("unexpected failure on {} {}", method, rawPath, e);
      respond(
          ex,
          new ApiException(
              500,
              "UNKNOWN_EXCEPTION",
              "An unexpected error occurred. Please include this ErrorId if you contact support: "
                  + Integer.toHexString(e.hashCode())
                  + "-"
                  + e.getClass().getSimpleName()));
    }
  }

  private void respond(Exchange ex, ApiException e) {
    if (ex.responded()) {
      LOG.warn("error after the response started: {} {}", e.errorCode(), e.getMessage());
      return;
    }
    ex.error(e);
  }

  private void injectFault(Exchange ex) throws InterruptedException {
    Optional<FaultRule> fault = ctx.faults().decide(ex.endpoint());
    if (fault.isEmpty()) {
      return;
    }
    FaultRule r = fault.get();
    if (r.latencyMs() > 0) {
      Thread.sleep(r.latencyMs());
    }
    if (r.status() <= 0) {
      return;
    }
    if (ex.endpoint() == EndpointClass.OAUTH) {
      ex.oauthError(new OAuthException(r.status(), r.errorCode(), r.effectiveMessage()));
      return;
    }
    List<String> none = List.of();
    java.util.Map<String, String> headers =
        r.status() == 401 ? java.util.Map.of("WWW-Authenticate", "Token") : java.util.Map.of();
    ex.error(new ApiException(r.status(), r.errorCode(), r.effectiveMessage(), none, headers));
  }

  private void authenticate(Exchange ex) {
    String token = null;
    String header = ex.header("Authorization");
    if (header != null) {
      String h = header.trim();
      int space = h.indexOf(' ');
      String scheme = space < 0 ? h : h.substring(0, space);
      String value = space < 0 ? "" : h.substring(space + 1).trim();
      if ((!scheme.equalsIgnoreCase("Bearer") && !scheme.equalsIgnoreCase("OAuth"))
          || value.isEmpty()) {
        throw new ApiException(401, "INVALID_AUTH_HEADER", "INVALID_AUTH_HEADER");
      }
      token = value;
    } else if (ex.header("X-SFDC-Session") != null) {
      token = ex.header("X-SFDC-Session").trim();
    } else if (ex.endpoint() == EndpointClass.OAUTH && ex.query("oauth_token") != null) {
      token = ex.query("oauth_token");
    }
    if (token == null) {
      throw new ApiException(401, "INVALID_AUTH_HEADER", "INVALID_AUTH_HEADER");
    }
    if (!ctx.active()) {
      throw ApiException.invalidSession();
    }
    Session s = ctx.tokens().validate(token).orElseThrow(ApiException::invalidSession);
    ex.session(s);
  }
}
