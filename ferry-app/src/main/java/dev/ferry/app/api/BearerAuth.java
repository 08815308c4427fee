package dev.ferry.app.api;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Requires {@code Authorization: Bearer <token>} on the management API. The comparison is
 * constant-time over SHA-256 digests, so neither the content nor the length of the token leaks
 * through timing.
 */
final class BearerAuth implements Handler {
  private static final String PREFIX = "Bearer ";

  private final byte[] expectedDigest;

  BearerAuth(String token) {
    this.expectedDigest = sha256(token);
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
        || !MessageDigest.isEqual(
            expectedDigest, sha256(header.substring(PREFIX.length()).trim()))) {
      ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
      throw new ApiException(401, "Invalid API token");
    }
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
