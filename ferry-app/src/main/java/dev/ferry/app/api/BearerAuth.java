package dev.ferry.app.api;

import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * Requires {@code Authorization: Bearer <token>} on the management API, checked in constant time by
 * {@link ApiToken}.
 */
final class BearerAuth implements Handler {
  private static final String PREFIX = "Bearer ";

  private final ApiToken token;

  BearerAuth(ApiToken token) {
    this.token = token;
  }

  @Override
  public void handle(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null || header.isBlank()) {
      ctx.header("WWW-Authenticate", "Bearer");
      throw new ApiException(
          401, "Authorization required: send the header Authorization: Bearer <FERRY_API_TOKEN>");
    }
    if (!header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
        || !token.matches(header.substring(PREFIX.length()).trim())) {
      ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
      throw new ApiException(401, "Invalid API token");
    }
  }
}
