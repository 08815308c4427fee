package dev.ferry.app.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * The management token ({@code FERRY_API_TOKEN}) and the one way to check a candidate against it: a
 * constant-time comparison of SHA-256 digests, so neither the content nor the length of the token
 * leaks through timing. Used by the API's bearer check and the dashboard's login.
 */
public final class ApiToken {
  private final byte[] expectedDigest;

  public ApiToken(String token) {
    this.expectedDigest = sha256(Objects.requireNonNull(token, "token"));
  }

  public boolean matches(String candidate) {
    return candidate != null && MessageDigest.isEqual(expectedDigest, sha256(candidate));
  }

  /** Constant-time equality of two strings (e.g. a CSRF token), null never equal. */
  public static boolean equal(String a, String b) {
    return a != null && b != null && MessageDigest.isEqual(sha256(a), sha256(b));
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  @Override
  public String toString() {
    return "ApiToken[***]";
  }
}
