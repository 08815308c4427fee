package dev.ferry.emulator.pubsub;

import dev.ferry.emulator.cdc.ChangeDataCapture;
import dev.ferry.emulator.cdc.EntityChannels;
import dev.ferry.emulator.control.EndpointClass;
import dev.ferry.emulator.http.Exchange;
import dev.ferry.emulator.http.Router;
import dev.ferry.emulator.http.Router.Access;
import dev.ferry.emulator.org.ObjectDef;
import dev.ferry.emulator.server.EmulatorContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Pub/Sub and Change Data Capture controls under {@code /__emulator/pubsub} (no authentication):
 * entity selection, gap and overflow events, dropping streams, delivery delay and allocation,
 * keepalive and retention, and what is open. docs/emulator.md lists them.
 */
public final class PubSubControls {
  private static final String BASE = "/__emulator/pubsub";

  private final EmulatorContext ctx;
  private final PubSubServer server;

  public PubSubControls(EmulatorContext ctx, PubSubServer server) {
    this.ctx = ctx;
    this.server = server;
  }

  public void register(Router r) {
    EndpointClass c = EndpointClass.CONTROL;
    r.add("GET", BASE, c, Access.PUBLIC, ex -> ex.json(200, status()));
    r.add("GET", BASE + "/entities", c, Access.PUBLIC, ex -> ex.json(200, entities()));
    r.add("POST", BASE + "/entities", c, Access.PUBLIC, this::select);
    r.add("GET", BASE + "/subscriptions", c, Access.PUBLIC, ex -> ex.json(200, subscriptions()));
    r.add("POST", BASE + "/drop-streams", c, Access.PUBLIC, this::drop);
    r.add("POST", BASE + "/gap-events", c, Access.PUBLIC, this::gap);
    r.add("POST", BASE + "/delay", c, Access.PUBLIC, this::delay);
    r.add("POST", BASE + "/allocation", c, Access.PUBLIC, this::allocation);
    r.add("POST", BASE + "/settings", c, Access.PUBLIC, this::settings);
  }

  private Map<String, Object> status() {
    ChangeDataCapture cdc = ctx.cdc();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("port", server.port());
    out.put("tls", server.tls());
    out.put("certificatePem", server.certificatePem());
    out.put("keepaliveSeconds", server.keepalive().toMillis() / 1000.0);
    out.put("retentionSeconds", cdc.log().retention().toSeconds());
    out.put("deliveryDelayMs", cdc.deliveryDelay().toMillis());
    out.put("allocation", allocationBody());
    out.put("selectedEntities", cdc.selection().list());
    out.put("retainedEvents", cdc.log().size());
    out.put("latestReplayId", cdc.log().latest());
    out.put("subscriptions", subscriptions().get("subscriptions"));
    return out;
  }

  private Map<String, Object> entities() {
    return Map.of("selectedEntities", ctx.cdc().selection().list());
  }

  private void select(Exchange ex) {
    JsonNode body = ex.jsonBody();
    if (!body.has("select") && !body.has("deselect")) {
      throw new IllegalArgumentException(
          "expected {\"select\": [\"Account\", ...], \"deselect\": [...]} (object or"
              + " AccountChangeEvent names)");
    }
    List<String> select = channels(body.path("select"));
    List<String> deselect = channels(body.path("deselect"));
    select.forEach(ctx.cdc().selection()::select);
    deselect.forEach(ctx.cdc().selection()::deselect);
    ex.json(200, entities());
  }

  /**
   * Entity names from object names ({@code Account}) or entity names ({@code AccountChangeEvent}).
   */
  private List<String> channels(JsonNode names) {
    List<String> out = new ArrayList<>();
    if (names.isMissingNode() || names.isNull()) {
      return out;
    }
    if (!names.isArray()) {
      throw new IllegalArgumentException("select and deselect take arrays of names");
    }
    for (JsonNode n : names) {
      out.add(channelOf(n.asString("")));
    }
    return out;
  }

  private String channelOf(String name) {
    ObjectDef def = ctx.cdc().objectOfChannel(name);
    if (def == null) {
      def = ctx.store().schema().find(name).orElse(null);
    }
    if (def == null) {
      throw new IllegalArgumentException("no object or change event entity named '" + name + "'");
    }
    return EntityChannels.channelOf(def.name());
  }

  private Map<String, Object> subscriptions() {
    List<Map<String, Object>> list = new ArrayList<>();
    for (PubSubServer.Subscription s : server.subscriptions()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", s.id());
      m.put("topic", s.topic());
      m.put("replayId", s.replayId());
      m.put("pendingNumRequested", s.pendingNumRequested());
      m.put("delivered", s.delivered());
      m.put("openedAt", s.openedAt().toString());
      list.add(m);
    }
    return Map.of("subscriptions", list);
  }

  private void drop(Exchange ex) {
    ex.json(200, Map.of("dropped", server.dropAll()));
  }

  private void gap(Exchange ex) {
    JsonNode body = ex.jsonBody();
    String sobject = body.path("sobject").asString(null);
    String type = body.path("changeType").asString(null);
    if (sobject == null || type == null) {
      throw new IllegalArgumentException(
          "expected {\"sobject\": \"Account\", \"changeType\": \"GAP_UPDATE\", \"recordIds\":"
              + " [...]} (GAP_OVERFLOW takes no recordIds)");
    }
    List<String> ids = new ArrayList<>();
    for (JsonNode id : body.path("recordIds")) {
      ids.add(id.asString());
    }
    long replayId = ctx.cdc().gap(sobject, type, ids);
    ex.json(200, Map.of("replayId", replayId));
  }

  private void delay(Exchange ex) {
    long ms = ex.jsonBody().path("delayMs").asLong(-1);
    if (ms < 0) {
      throw new IllegalArgumentException("expected {\"delayMs\": N} with N >= 0");
    }
    ctx.cdc().deliveryDelay(Duration.ofMillis(ms));
    ex.json(200, Map.of("delayMs", ms));
  }

  private void allocation(Exchange ex) {
    JsonNode body = ex.jsonBody();
    long limit = body.path("limit").asLong(ctx.cdc().allocation().limit());
    long used = body.path("used").asLong(0);
    ctx.cdc().allocation().set(limit, used);
    ex.json(200, allocationBody());
  }

  private Map<String, Object> allocationBody() {
    return Map.of("limit", ctx.cdc().allocation().limit(), "used", ctx.cdc().allocation().used());
  }

  private void settings(Exchange ex) {
    JsonNode body = ex.jsonBody();
    if (body.has("keepaliveMs")) {
      server.keepalive(Duration.ofMillis(body.get("keepaliveMs").asLong()));
    }
    if (body.has("retentionSeconds")) {
      long s = body.get("retentionSeconds").asLong();
      if (s <= 0) {
        throw new IllegalArgumentException("retentionSeconds must be positive");
      }
      ctx.cdc().log().retention(Duration.ofSeconds(s));
    }
    ex.json(200, status());
  }
}
