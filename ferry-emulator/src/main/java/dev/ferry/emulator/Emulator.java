package dev.ferry.emulator;

import dev.ferry.emulator.http.HttpServer;
import dev.ferry.emulator.http.Router;
import dev.ferry.emulator.rest.BulkResources;
import dev.ferry.emulator.rest.CollectionResources;
import dev.ferry.emulator.rest.ControlResources;
import dev.ferry.emulator.rest.IdentityResources;
import dev.ferry.emulator.rest.OAuthResources;
import dev.ferry.emulator.rest.QueryResources;
import dev.ferry.emulator.rest.SObjectResources;
import dev.ferry.emulator.rest.TreeResources;
import dev.ferry.emulator.rest.VersionResources;
import dev.ferry.emulator.server.EmulatorContext;
import dev.ferry.emulator.server.EmulatorOptions;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Salesforce org over real HTTP: OAuth, REST, sObject Collections, Bulk API 2.0 and the {@code
 * /__emulator/} controls. Start with {@link #start}; close to stop.
 */
public final class Emulator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Emulator.class);

  private final EmulatorOptions options;
  private final EmulatorContext context;
  private final HttpServer server;
  private final URI baseUrl;

  private Emulator(
      EmulatorOptions options, EmulatorContext context, HttpServer server, URI baseUrl) {
    this.options = options;
    this.context = context;
    this.server = server;
    this.baseUrl = baseUrl;
  }

  /** Loads the org, generates data, binds the port and serves. */
  public static Emulator start(EmulatorOptions options) {
    long started = System.nanoTime();
    EmulatorContext ctx = new EmulatorContext(options);
    Router router = new Router();
    new OAuthResources(ctx).register(router);
    new IdentityResources(ctx).register(router);
    new VersionResources(ctx).register(router);
    new SObjectResources(ctx).register(router);
    new QueryResources(ctx).register(router);
    new CollectionResources(ctx).register(router);
    new TreeResources(ctx).register(router);
    new BulkResources(ctx).register(router);
    new ControlResources(ctx).register(router);
    HttpServer server = new HttpServer(ctx, router);
    int port;
    try {
      port = server.start(options.host(), options.port());
    } catch (RuntimeException e) {
      ctx.close();
      throw new IllegalStateException(
          "cannot listen on " + options.host() + ":" + options.port() + ": " + e.getMessage(), e);
    }
    String host = options.host();
    if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
      host = "127.0.0.1";
    } else if (host.contains(":") && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    URI base = URI.create("http://" + host + ":" + port);
    ctx.baseUrl(base.toString());
    LOG.info(
        "Salesforce emulator listening on {} (org {}, {} records, started in {} ms)",
        base,
        ctx.identity().orgId(),
        ctx.store().counts().values().stream().mapToLong(Integer::longValue).sum(),
        (System.nanoTime() - started) / 1_000_000);
    return new Emulator(options, ctx, server, base);
  }

  /** The origin clients call, e.g. {@code http://127.0.0.1:54321}; also the instance_url. */
  public URI baseUrl() {
    return baseUrl;
  }

  public EmulatorOptions options() {
    return options;
  }

  @Override
  public void close() {
    server.close();
    context.close();
  }
}
