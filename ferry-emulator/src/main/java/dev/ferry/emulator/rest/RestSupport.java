package dev.ferry.emulator.rest;

import dev.ferry.emulator.http.ApiException;
import dev.ferry.emulator.http.Exchange;
import dev.ferry.emulator.http.Json;
import dev.ferry.emulator.org.ApiVersion;
import dev.ferry.emulator.org.ObjectDef;
import dev.ferry.emulator.org.SaveError;
import dev.ferry.emulator.org.SaveException;
import dev.ferry.emulator.org.ValueTypeException;
import dev.ferry.emulator.server.EmulatorContext;
import dev.ferry.emulator.soql.ResultRow;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;

/** Helpers the REST resources share. */
final class RestSupport {
  private RestSupport() {}

  static ObjectDef object(EmulatorContext ctx, String name) {
    return ctx.store().schema().find(name).orElseThrow(ApiException::notFound);
  }

  /** A SaveResult: {@code {"id":..., "success":..., "errors":[...]}} (+ created when asked). */
  static Map<String, Object> saveResult(
      @Nullable String id, @Nullable SaveError error, @Nullable Boolean created) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("success", error == null);
    m.put("errors", error == null ? List.of() : List.of(errorItem(error)));
    if (created != null) {
      m.put("created", created);
    }
    return m;
  }

  /** A record error inside collection results: statusCode, message, fields. */
  static Map<String, Object> errorItem(SaveError e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("statusCode", e.statusCode());
    m.put("message", e.message());
    m.put("fields", e.fields());
    return m;
  }

  /** A record refused by a single-record call becomes a 400 error array. */
  static ApiException toApi(SaveException e) {
    if (e instanceof ValueTypeException v) {
      return new ApiException(400, "JSON_PARSER_ERROR", v.jsonParserMessage());
    }
    SaveError err = e.error();
    return ApiException.record(400, err.statusCode(), err.message(), err.fields());
  }

  /** Writes record JSON through a streaming generator. */
  static byte[] rowJson(ResultRow row, ApiVersion v) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = Json.MAPPER.createGenerator(out)) {
      RecordJson.writeRow(g, row, v);
    }
    return out.toByteArray();
  }

  static void writeRecord(Exchange ex, ResultRow row) {
    ex.bytes(200, Exchange.JSON_TYPE, rowJson(row, ex.version()));
  }
}
