package dev.ferry.emulator.rest;

import dev.ferry.emulator.control.EndpointClass;
import dev.ferry.emulator.control.FaultRule;
import dev.ferry.emulator.http.ApiException;
import dev.ferry.emulator.http.Exchange;
import dev.ferry.emulator.http.Router;
import dev.ferry.emulator.http.Router.Access;
import dev.ferry.emulator.org.FieldDef;
import dev.ferry.emulator.org.JsonValues;
import dev.ferry.emulator.org.ObjectDef;
import dev.ferry.emulator.org.OrgDefinition;
import dev.ferry.emulator.org.RecordInput;
import dev.ferry.emulator.org.RecordSaver;
import dev.ferry.emulator.org.SaveError;
import dev.ferry.emulator.org.SaveException;
import dev.ferry.emulator.server.EmulatorContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/**
 * Test and chaos controls under {@code /__emulator/} (no authentication). Paths and bodies are a
 * contract for external scripts; docs/emulator.md lists them.
 */
public final class ControlResources {
  private static final String BASE = "/__emulator";

  private final EmulatorContext ctx;

  public ControlResources(EmulatorContext ctx) {
    this.ctx = ctx;
  }

  public void register(Router r) {
    EndpointClass c = EndpointClass.CONTROL;
    r.add("POST", BASE + "/faults", c, Access.PUBLIC, this::addFaults);
    r.add("GET", BASE + "/faults", c, Access.PUBLIC, this::listFaults);
    r.add("DELETE", BASE + "/faults", c, Access.PUBLIC, this::clearFaults);
    r.add("POST", BASE + "/sessions/expire", c, Access.PUBLIC, this::expireSessions);
    r.add("POST", BASE + "/limits", c, Access.PUBLIC, this::limits);
    r.add("GET", BASE + "/limits", c, Access.PUBLIC, ex -> ex.json(200, limitsBody()));
    r.add("POST", BASE + "/org", c, Access.PUBLIC, this::org);
    r.add("GET", BASE + "/org", c, Access.PUBLIC, ex -> ex.json(200, orgBody()));
    r.add("POST", BASE + "/schema/{sobject}/fields", c, Access.PUBLIC, this::addField);
    r.add("DELETE", BASE + "/schema/{sobject}/fields/{name}", c, Access.PUBLIC, this::removeField);
    r.add("POST", BASE + "/bulk/fail-batches", c, Access.PUBLIC, this::failBatches);
    r.add("POST", BASE + "/bulk/slow-batches", c, Access.PUBLIC, this::slowBatches);
    r.add("POST", BASE + "/bulk/hold", c, Access.PUBLIC, this::hold);
    r.add("POST", BASE + "/record-errors", c, Access.PUBLIC, this::recordErrors);
    r.add("POST", BASE + "/late-commit", c, Access.PUBLIC, this::lateCommit);
    r.add("GET", BASE + "/stats", c, Access.PUBLIC, this::stats);
    r.add("POST", BASE + "/reset", c, Access.PUBLIC, this::reset);
    r.add("POST", BASE + "/refresh-token", c, Access.PUBLIC, this::refreshToken);
    r.add("POST", BASE + "/recycle-bin/purge", c, Access.PUBLIC, this::purge);
    r.add("POST", BASE + "/clock", c, Access.PUBLIC, this::clock);
    r.add("GET", BASE + "/clock", c, Access.PUBLIC, ex -> ex.json(200, clockBody()));
  }

  // --- faults -------------------------------------------------------------------------------

  private void addFaults(Exchange ex) {
    JsonNode body = ex.jsonBody();
    JsonNode rules = body.path("rules");
    if (!rules.isArray() || rules.isEmpty()) {
      throw new IllegalArgumentException(
          "expected {\"rules\": [ {...}, ... ]} with at least one rule");
    }
    List<FaultRule> parsed = new ArrayList<>();
    int i = 0;
    for (JsonNode r : rules) {
      parsed.add(rule(r, i++));
    }
    ctx.faults().add(parsed);
    ex.json(200, Map.of("rules", ctx.faults().rules().size()));
  }

  private static FaultRule rule(JsonNode r, int index) {
    String where = "rules[" + index + "]: ";
    String endpoint = r.path("endpoint").asString("any");
    EndpointClass cls;
    try {
      cls = endpoint.equalsIgnoreCase("any") ? null : EndpointClass.fromWire(endpoint);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + e.getMessage());
    }
    int status = r.path("status").asInt(0);
    long latency = r.path("latencyMs").asLong(0);
    if (status == 0 && latency <= 0) {
      throw new IllegalArgumentException(where + "give a status (e.g. 503) and/or latencyMs > 0");
    }
    if (status != 0 && (status < 400 || status > 599)) {
      throw new IllegalArgumentException(where + "status must be 400..599, got " + status);
    }
    double rate = r.has("rate") && !r.get("rate").isNull() ? r.get("rate").asDouble() : 1.0;
    if (rate < 0 || rate > 1) {
      throw new IllegalArgumentException(where + "rate must be between 0 and 1, got " + rate);
    }
    AtomicLong count = null;
    if (r.has("count") && !r.get("count").isNull()) {
      long n = r.get("count").asLong();
      if (n < 0) {
        throw new IllegalArgumentException(where + "count must not be negative");
      }
      count = new AtomicLong(n);
    }
    String code = r.path("errorCode").asString(null);
    if (code == null) {
      code =
          switch (status) {
            case 401 -> "INVALID_SESSION_ID";
            case 403 -> "REQUEST_LIMIT_EXCEEDED";
            case 500 -> "UNKNOWN_EXCEPTION";
            default -> "SERVER_UNAVAILABLE";
          };
    }
    String message = r.path("message").asString(null);
    if (latency < 0) {
      throw new IllegalArgumentException(where + "latencyMs must not be negative");
    }
    return new FaultRule(cls, status, code, message, rate, count, latency);
  }

  private void listFaults(Exchange ex) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (FaultRule r : ctx.faults().rules()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("endpoint", r.endpoint() == null ? "any" : r.endpoint().wireName());
      m.put("status", r.status());
      m.put("errorCode", r.errorCode());
      m.put("message", r.effectiveMessage());
      m.put("rate", r.rate());
      m.put("count", r.remaining() == null ? null : r.remaining().get());
      m.put("latencyMs", r.latencyMs());
      out.add(m);
    }
    ex.json(200, Map.of("rules", out));
  }

  private void clearFaults(Exchange ex) {
    ctx.faults().clear();
    ctx.recordFaults().clear();
    ex.noContent();
  }

  private void recordErrors(Exchange ex) {
    JsonNode body = ex.jsonBody();
    long count = body.path("count").asLong(-1);
    if (count < 0) {
      throw new IllegalArgumentException(
          "expected {\"count\": N, \"statusCode\": \"UNABLE_TO_LOCK_ROW\"}");
    }
    String code = body.path("statusCode").asString("UNABLE_TO_LOCK_ROW");
    String message =
        body.path("message")
            .asString(
                code.equals("UNABLE_TO_LOCK_ROW")
                    ? "unable to obtain exclusive access to this record"
                    : code);
    ctx.recordFaults().set(count, SaveError.of(code, message));
    ex.json(200, Map.of("count", count, "statusCode", code));
  }

  // --- sessions, limits, org ----------------------------------------------------------------

  private void expireSessions(Exchange ex) {
    ex.json(200, Map.of("expired", ctx.tokens().expireAll()));
  }

  private void limits(Exchange ex) {
    JsonNode body = ex.jsonBody();
    boolean any = false;
    if (body.has("dailyApiRequests")) {
      long max = body.get("dailyApiRequests").asLong(-1);
      if (max < 0) {
        throw new IllegalArgumentException("dailyApiRequests must be a non-negative integer");
      }
      ctx.apiUsage().setLimit(max);
      any = true;
    }
    if (body.has("apiRequestsUsed")) {
      long used = body.get("apiRequestsUsed").asLong(-1);
      if (used < 0) {
        throw new IllegalArgumentException("apiRequestsUsed must be a non-negative integer");
      }
      ctx.apiUsage().setUsed(used);
      any = true;
    }
    if (body.has("dailyBulkRecords")) {
      long n = body.get("dailyBulkRecords").asLong(-1);
      if (n < 0) {
        throw new IllegalArgumentException("dailyBulkRecords must be a non-negative integer");
      }
      ctx.bulk().controls().dailyLimit(n);
      any = true;
    }
    if (!any) {
      throw new IllegalArgumentException(
          "expected one of dailyApiRequests, apiRequestsUsed, dailyBulkRecords");
    }
    ex.json(200, limitsBody());
  }

  private Map<String, Object> limitsBody() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("dailyApiRequests", ctx.apiUsage().limit());
    m.put("apiRequestsUsed", ctx.apiUsage().used());
    m.put("dailyBulkRecords", ctx.bulk().controls().dailyLimit());
    m.put("bulkRecordsProcessedToday", ctx.bulk().controls().processedToday());
    return m;
  }

  private void org(Exchange ex) {
    JsonNode body = ex.jsonBody();
    boolean active = body.has("active") && body.get("active").isBoolean();
    boolean refresh = body.path("refreshSandbox").asBoolean(false);
    if (!active && !refresh) {
      throw new IllegalArgumentException(
          "expected {\"active\": true|false} and/or {\"refreshSandbox\": true}");
    }
    if (refresh) ctx.refreshSandbox();
    if (active) ctx.active(body.get("active").asBoolean());
    ex.json(200, orgBody());
  }

  private Map<String, Object> orgBody() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("active", ctx.active());
    m.put("organizationId", ctx.identity().orgId());
    m.put("userId", ctx.identity().userId());
    m.put("username", ctx.identity().username());
    m.put("instanceUrl", ctx.baseUrl());
    return m;
  }

  private void refreshToken(Exchange ex) {
    ex.json(200, Map.of("refresh_token", ctx.tokens().issueRefreshToken(ctx.identity().userId())));
  }

  private void clock(Exchange ex) {
    JsonNode body = ex.jsonBody();
    long seconds = body.path("advanceSeconds").asLong(-1);
    if (seconds < 0) {
      throw new IllegalArgumentException(
          "expected {\"advanceSeconds\": N} with N >= 0 (the clock only moves forward)");
    }
    ctx.clock().advance(Duration.ofSeconds(seconds));
    ex.json(200, clockBody());
  }

  private Map<String, Object> clockBody() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("now", dev.ferry.emulator.org.SfFormats.restDateTime(ctx.clock().instant()));
    m.put("offsetSeconds", ctx.clock().offset().toSeconds());
    return m;
  }

  private void purge(Exchange ex) {
    ex.json(200, Map.of("purged", ctx.store().purgeRecycleBin(null)));
  }

  // --- schema -------------------------------------------------------------------------------

  private void addField(Exchange ex) {
    String sobject = ex.param("sobject");
    ObjectDef def = objectFor(sobject);
    FieldDef field = OrgDefinition.readField(ex.jsonBody()).build();
    ObjectDef next = ctx.store().addField(def.name(), field);
    ex.json(201, DescribeJson.field(next.fieldDef(field.name()).orElseThrow()));
  }

  private void removeField(Exchange ex) {
    ObjectDef def = objectFor(ex.param("sobject"));
    ctx.store().removeField(def.name(), ex.param("name"));
    ex.noContent();
  }

  private ObjectDef objectFor(String name) {
    return ctx.store()
        .schema()
        .find(name)
        .orElseThrow(() -> new ApiException(404, "NOT_FOUND", "The org has no object " + name));
  }

  // --- bulk -----------------------------------------------------------------------------------

  private void failBatches(Exchange ex) {
    long count = ex.jsonBody().path("count").asLong(-1);
    if (count < 0) {
      throw new IllegalArgumentException("expected {\"count\": N} with N >= 0");
    }
    ctx.bulk().controls().failNextBatches(count);
    ex.json(200, Map.of("count", count));
  }

  private void slowBatches(Exchange ex) {
    JsonNode body = ex.jsonBody();
    long count = body.path("count").asLong(-1);
    long delay = body.path("delayMs").asLong(-1);
    if (count < 0 || delay < 0) {
      throw new IllegalArgumentException("expected {\"count\": N, \"delayMs\": M}");
    }
    ctx.bulk().controls().slowNextBatches(count, Duration.ofMillis(delay));
    ex.json(200, Map.of("count", count, "delayMs", delay));
  }

  private void hold(Exchange ex) {
    JsonNode body = ex.jsonBody();
    if (!body.has("hold") || !body.get("hold").isBoolean()) {
      throw new IllegalArgumentException("expected {\"hold\": true|false}");
    }
    ctx.bulk().controls().hold(body.get("hold").asBoolean());
    ex.json(200, Map.of("hold", ctx.bulk().controls().holding()));
  }

  // --- data -----------------------------------------------------------------------------------

  private void lateCommit(Exchange ex) {
    JsonNode body = ex.jsonBody();
    String sobject = body.path("sobject").asString(null);
    if (sobject == null) {
      throw new IllegalArgumentException("expected \"sobject\"");
    }
    ObjectDef def = objectFor(sobject);
    JsonNode records = body.path("records");
    if (!records.isArray() || records.isEmpty()) {
      throw new IllegalArgumentException("expected a non-empty \"records\" array");
    }
    long seconds = body.path("visibleAfterSeconds").asLong(-1);
    if (seconds < 0) {
      throw new IllegalArgumentException("expected \"visibleAfterSeconds\" >= 0");
    }
    RecordSaver saver = ctx.saver();
    List<String> ids;
    try {
      ids =
          ctx.store()
              .writeLate(
                  Duration.ofSeconds(seconds),
                  tx -> {
                    List<String> out = new ArrayList<>();
                    for (JsonNode r : records) {
                      RecordInput input = JsonValues.record(r);
                      Object id = null;
                      for (String k : new ArrayList<>(input.values().keySet())) {
                        if (k.equalsIgnoreCase("Id")) {
                          id = input.values().remove(k);
                        }
                      }
                      out.add(
                          id == null
                              ? saver.insert(tx, def, input).id()
                              : saver.update(tx, def, id.toString(), input).id());
                    }
                    return out;
                  });
    } catch (SaveException e) {
      throw ApiException.record(
          400, e.error().statusCode(), e.error().message(), e.error().fields());
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ids", ids);
    m.put("visibleAfterSeconds", seconds);
    ex.json(200, m);
  }

  private void stats(Exchange ex) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("apiCalls", ctx.stats().snapshot());
    m.put("apiUsage", Map.of("used", ctx.apiUsage().used(), "limit", ctx.apiUsage().limit()));
    m.put("bulkJobs", ctx.bulk().countsByState());
    m.put("records", ctx.store().counts());
    m.put("activeSessions", ctx.tokens().activeSessions());
    ex.json(200, m);
  }

  private void reset(Exchange ex) {
    ctx.reset();
    ex.json(200, Map.of("reset", true));
  }
}
