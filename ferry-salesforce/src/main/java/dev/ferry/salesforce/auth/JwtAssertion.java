package dev.ferry.salesforce.auth;

import dev.ferry.salesforce.wire.Wire;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The signed JWT of the OAuth 2.0 JWT bearer flow: header {@code {"alg":"RS256"}}, claims iss
 * (consumer key), sub (username), aud (login host) and exp, signed SHA256withRSA.
 */
public final class JwtAssertion {
  /** Salesforce accepts at most three minutes between now and exp. */
  static final Duration LIFETIME = Duration.ofMinutes(3);

  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

  private JwtAssertion() {}

  public static String sign(
      String consumerKey, String username, String audience, Instant now, PrivateKey key) {
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", consumerKey);
    claims.put("sub", username);
    claims.put("aud", audience);
    claims.put("exp", now.plus(LIFETIME).getEpochSecond());
    String signingInput =
        encode(Wire.writeJson(Map.of("alg", "RS256"))) + "." + encode(Wire.writeJson(claims));
    try {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initSign(key);
      rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + B64URL.encodeToString(rsa.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign the JWT bearer assertion: " + e.getMessage(), e);
    }
  }

  private static String encode(byte[] json) {
    return B64URL.encodeToString(json);
  }
}
