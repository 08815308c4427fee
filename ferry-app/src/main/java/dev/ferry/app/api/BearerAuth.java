package dev.ferry.app.api;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.List;

/**
 * Requires {@code Authorization: Bearer <token>} on the management API (or {@code /metrics}, which
 * accepts a second token), each checked in constant time by {@link ApiToken}.
 */
final class BearerAuth implements Handler {
  private static final String PREFIX = "Bearer ";

  private final List<ApiToken> tokens;
  private final String tokenName;

  BearerAuth(ApiToken token) {
    this(List.of(token), "FERRY_API_TOKEN");
  }

  /**
   * @param tokens the tokens accepted
   * @param tokenName how the 401 message names the token to send
   */
  BearerAuth(List<ApiToken> tokens, String tokenName) {
    this.tokens = List.copyOf(tokens);
    this.tokenName = tokenName;
  }

  @Override
  public void handle(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null || header.isBlank()) {
      ctx.header("WWW-Authenticate", "Bearer");
      throw new ApiException(
          401, "Authorization required: send the header Authorization: Bearer <" + tokenName + ">");
    }
    if (!header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
        || !matchesAny(header.substring(PREFIX.length()).trim())) {
      ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
      throw new ApiException(401, "Invalid API token");
    }
  }

  /** Compares with every accepted token (no early exit). */
  private boolean matchesAny(String candidate) {
    boolean any = false;
    for (ApiToken t : tokens) any |= t.matches(candidate);
    return any;
  }
}
