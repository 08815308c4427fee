package dev.ferry.app.api;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/** Query parameters, checked: a bad value is a 400 naming the parameter and what it must be. */
final class QueryParams {
  private QueryParams() {}

  /** An ISO-8601 instant ({@code 2024-05-01T10:00:00Z} or with an offset), or null when absent. */
  static @Nullable Instant instant(Context ctx, String name) {
    String raw = ctx.queryParam(name);
    if (raw == null || raw.isBlank()) return null;
    try {
      return OffsetDateTime.parse(raw.trim()).toInstant();
    } catch (DateTimeParseException e) {
      throw new ApiException(
          400,
          name
              + " must be an ISO-8601 date-time with a zone, like 2024-05-01T10:00:00Z, got '"
              + raw
              + "'");
    }
  }

  /** A whole number in [min, max], or {@code otherwise} when absent. */
  static int integer(Context ctx, String name, int min, int max, int otherwise) {
    String raw = ctx.queryParam(name);
    if (raw == null || raw.isBlank()) return otherwise;
    try {
      int v = Integer.parseInt(raw.trim());
      if (v >= min && v <= max) return v;
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ApiException(
        400, name + " must be a whole number from " + min + " to " + max + ", got '" + raw + "'");
  }

  static @Nullable String text(Context ctx, String name) {
    String raw = ctx.queryParam(name);
    return raw == null || raw.isBlank() ? null : raw.trim();
  }
}
