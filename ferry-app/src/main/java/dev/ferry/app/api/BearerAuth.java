package dev.ferry.app.api;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * Requires {@code Authorization: Bearer <token>} on the management API (or {@code /metrics}, which
 * accepts a second token). The comparison is constant-time over SHA-256 digests, so neither the
 * content nor the length of a token leaks through timing.
 */
final class BearerAuth implements Handler {
  private static final String PREFIX = "Bearer ";

  private final List<byte[]> expectedDigests;
  private final String tokenName;

  BearerAuth(String token) {
    this(List.of(token), "FERRY_API_TOKEN");
  }

  /**
   * @param tokens the tokens accepted
   * @param tokenName how the 401 message names the token to send
   */
  BearerAuth(List<String> tokens, String tokenName) {
    this.expectedDigests = tokens.stream().map(BearerAuth::sha256).toList();
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
        || !matches(sha256(header.substring(PREFIX.length()).trim()))) {
      ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
      throw new ApiException(401, "Invalid API token");
    }
  }

  /** Compares with every accepted token (no early exit). */
  private boolean matches(byte[] digest) {
    boolean any = false;
    for (byte[] expected : expectedDigests) any |= MessageDigest.isEqual(expected, digest);
    return any;
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
