package dev.ferry.emulator.rest;

import dev.ferry.emulator.control.EndpointClass;
import dev.ferry.emulator.http.ApiException;
import dev.ferry.emulator.http.Exchange;
import dev.ferry.emulator.http.Json;
import dev.ferry.emulator.http.Router;
import dev.ferry.emulator.http.Router.Access;
import dev.ferry.emulator.org.ApiVersion;
import dev.ferry.emulator.org.QueryCursors.Cursor;
import dev.ferry.emulator.server.EmulatorContext;
import dev.ferry.emulator.soql.Soql;
import dev.ferry.emulator.soql.SoqlQuery;
import dev.ferry.emulator.soql.SoqlResult;
import java.io.ByteArrayOutputStream;
import java.util.Locale;
import tools.jackson.core.JsonGenerator;

/**
 * {@code /query}, {@code /queryAll} and {@code /query/{locator}}: pages of at most 2,000 records
 * (or {@code Sforce-Query-Options: batchSize}), {@code nextRecordsUrl} ending in the bare locator,
 * which is served under both /query/ and /queryAll/, with or without a version.
 */
public final class QueryResources {
  static final int DEFAULT_BATCH = 2000;
  static final int MIN_BATCH = 200;

  private final EmulatorContext ctx;

  public QueryResources(EmulatorContext ctx) {
    this.ctx = ctx;
  }

  public void register(Router r) {
    EndpointClass q = EndpointClass.QUERY;
    r.add("GET", "/services/data/{version}/query", q, Access.API, ex -> query(ex, false));
    r.add("GET", "/services/data/{version}/queryAll", q, Access.API, ex -> query(ex, true));
    r.add("GET", "/services/data/{version}/query/{locator}", q, Access.API, this::more);
    r.add("GET", "/services/data/{version}/queryAll/{locator}", q, Access.API, this::more);
    r.add("GET", "/services/data/query/{locator}", q, Access.API, this::more);
    r.add("GET", "/services/data/queryAll/{locator}", q, Access.API, this::more);
  }

  private void query(Exchange ex, boolean includeDeleted) {
    String text = ex.query("q");
    if (text == null || text.isBlank()) {
      if (ex.query("explain") != null) {
        throw new ApiException(
            400, "INVALID_OPERATION", "The emulator does not support query plans (explain)");
      }
      throw new ApiException(400, "MALFORMED_QUERY", "A query string has to be specified");
    }
    SoqlQuery parsed = Soql.parse(text);
    SoqlResult result =
        parsed.execute(ctx.store().schema(), ctx.store(), includeDeleted, ctx.store().clock());
    if ("true".equalsIgnoreCase(ex.query("columns"))) {
      ex.json(200, QueryColumns.describe(ctx.store().schema(), parsed, result));
      return;
    }
    int batch = batchSize(ex.header("Sforce-Query-Options"));
    if (parsed.isCountOnly()) {
      write(ex, result, 0, 0, null, ex.version());
      return;
    }
    if (result.size() <= batch) {
      write(ex, result, 0, result.size(), null, ex.version());
      return;
    }
    Cursor c = ctx.cursors().open(result, batch, ex.requireSession().userId());
    write(ex, result, 0, batch, c.id() + "-" + batch, ex.version());
  }

  private void more(Exchange ex) {
    String locator = ex.param("locator");
    int dash = locator.lastIndexOf('-');
    if (dash <= 0) {
      throw invalidLocator();
    }
    String id = locator.substring(0, dash);
    int offset;
    try {
      offset = Integer.parseInt(locator.substring(dash + 1));
    } catch (NumberFormatException e) {
      throw invalidLocator();
    }
    Cursor c = ctx.cursors().get(id).orElseThrow(QueryResources::invalidLocator);
    SoqlResult result = c.result();
    if (offset < 0 || offset > result.size()) {
      throw invalidLocator();
    }
    int end = Math.min(result.size(), offset + c.batchSize());
    ApiVersion v = ex.versionOrLatest();
    if (end >= result.size()) {
      // the cursor stays until it idles out, so a client may fetch a page again after an error
      write(ex, result, offset, end, null, v);
    } else {
      write(ex, result, offset, end, id + "-" + end, v);
    }
  }

  private static ApiException invalidLocator() {
    return new ApiException(400, "INVALID_QUERY_LOCATOR", "invalid query locator");
  }

  /** Sforce-Query-Options: batchSize=N, kept within 200..2000. */
  static int batchSize(String header) {
    if (header == null) {
      return DEFAULT_BATCH;
    }
    for (String part : header.split(",")) {
      String[] kv = part.trim().split("=");
      if (kv.length == 2 && kv[0].trim().toLowerCase(Locale.ROOT).equals("batchsize")) {
        try {
          int n = Integer.parseInt(kv[1].trim());
          return Math.max(MIN_BATCH, Math.min(DEFAULT_BATCH, n));
        } catch (NumberFormatException e) {
          return DEFAULT_BATCH;
        }
      }
    }
    return DEFAULT_BATCH;
  }

  private static void write(
      Exchange ex, SoqlResult result, int from, int to, String nextLocator, ApiVersion v) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(256, (to - from) * 256));
    try (JsonGenerator g = Json.MAPPER.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberProperty("totalSize", result.totalSize());
      g.writeBooleanProperty("done", nextLocator == null);
      if (nextLocator != null) {
        g.writeStringProperty("nextRecordsUrl", v.base() + "/query/" + nextLocator);
      }
      g.writeName("records");
      g.writeStartArray();
      for (int i = from; i < to; i++) {
        RecordJson.writeRow(g, result.row(i), v);
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    ex.bytes(200, Exchange.JSON_TYPE, out.toByteArray());
  }
}
