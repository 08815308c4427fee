package dev.ferry.emulator;

import dev.ferry.emulator.http.HttpServer;
import dev.ferry.emulator.http.Router;
import dev.ferry.emulator.pubsub.PubSubCallers;
import dev.ferry.emulator.pubsub.PubSubControls;
import dev.ferry.emulator.pubsub.PubSubServer;
import dev.ferry.emulator.rest.BulkResources;
import dev.ferry.emulator.rest.CollectionResources;
import dev.ferry.emulator.rest.ControlResources;
import dev.ferry.emulator.rest.IdentityResources;
import dev.ferry.emulator.rest.OAuthResources;
import dev.ferry.emulator.rest.QueryResources;
import dev.ferry.emulator.rest.SObjectResources;
import dev.ferry.emulator.rest.ToolingResources;
import dev.ferry.emulator.rest.TreeResources;
import dev.ferry.emulator.rest.VersionResources;
import dev.ferry.emulator.server.EmulatorContext;
import dev.ferry.emulator.server.EmulatorOptions;
import java.net.URI;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
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
  private final @Nullable PubSubServer pubSub;
  private final @Nullable ScheduledExecutorService commitPromoter;

  private Emulator(
      EmulatorOptions options,
      EmulatorContext context,
      HttpServer server,
      URI baseUrl,
      @Nullable PubSubServer pubSub,
      @Nullable ScheduledExecutorService commitPromoter) {
    this.options = options;
    this.context = context;
    this.server = server;
    this.baseUrl = baseUrl;
    this.pubSub = pubSub;
    this.commitPromoter = commitPromoter;
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
    new ToolingResources(ctx).register(router);
    PubSubServer pubSub = null;
    ScheduledExecutorService promoter = null;
    if (options.pubSubPort() >= 0) {
      try {
        pubSub =
            PubSubServer.start(
                options.host(),
                options.pubSubPort(),
                options.pubSubPlaintext(),
                options.pubSubKeepalive(),
                ctx.cdc(),
                new PubSubCallers(ctx),
                () -> ctx.identity().orgId(),
                ctx.clock());
      } catch (RuntimeException e) {
        ctx.close();
        throw e;
      }
      // late commits become visible (and publish their events) without waiting for an API call
      promoter =
          Executors.newSingleThreadScheduledExecutor(
              Thread.ofPlatform().name("late-commits").daemon().factory());
      promoter.scheduleWithFixedDelay(
          ctx.store()::promoteDueCommits, 200, 200, TimeUnit.MILLISECONDS);
      new PubSubControls(ctx, pubSub).register(router);
    }
    HttpServer server = new HttpServer(ctx, router);
    int port;
    try {
      port = server.start(options.host(), options.port());
    } catch (RuntimeException e) {
      if (pubSub != null) {
        pubSub.close();
        promoter.shutdownNow();
      }
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
        "Salesforce emulator listening on {}{} (org {}, {} records, started in {} ms)",
        base,
        pubSub == null
            ? ""
            : ", Pub/Sub API on " + host + ":" + pubSub.port() + (pubSub.tls() ? " (TLS)" : ""),
        ctx.identity().orgId(),
        ctx.store().counts().values().stream().mapToLong(Integer::longValue).sum(),
        (System.nanoTime() - started) / 1_000_000);
    return new Emulator(options, ctx, server, base, pubSub, promoter);
  }

  /** The origin clients call, e.g. {@code http://127.0.0.1:54321}; also the instance_url. */
  public URI baseUrl() {
    return baseUrl;
  }

  public EmulatorOptions options() {
    return options;
  }

  /** The Pub/Sub API (gRPC) endpoint, or null when it is off (pubSubPort -1). */
  public @Nullable PubSubServer pubSub() {
    return pubSub;
  }

  /** Entities selected for Change Data Capture now ({@code AccountChangeEvent}, ...). */
  public java.util.List<String> changeEventEntities() {
    return context.cdc().selection().list();
  }

  /** The Pub/Sub API port; fails when the endpoint is off. */
  public int pubSubPort() {
    if (pubSub == null) {
      throw new IllegalStateException("the Pub/Sub API is off (pubSubPort -1)");
    }
    return pubSub.port();
  }

  @Override
  public void close() {
    if (pubSub != null) {
      pubSub.close();
    }
    if (commitPromoter != null) {
      commitPromoter.shutdownNow();
    }
    server.close();
    context.close();
  }
}
