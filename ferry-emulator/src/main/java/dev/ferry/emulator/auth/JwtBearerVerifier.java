package dev.ferry.emulator.auth;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks a JWT bearer assertion (RS256) against the connected app's certificate or public key, the
 * way the token endpoint does before issuing a token.
 */
public final class JwtBearerVerifier {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final PublicKey key;

  private JwtBearerVerifier(PublicKey key) {
    this.key = key;
  }

  /**
   * Reads a PEM X.509 certificate ({@code BEGIN CERTIFICATE}) or public key ({@code BEGIN PUBLIC
   * KEY}).
   */
  public static JwtBearerVerifier fromPem(Path file) {
    String pem;
    try {
      pem = Files.readString(file);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read JWT certificate " + file + ": " + e.getMessage(), e);
    }
    try {
      if (pem.contains("BEGIN CERTIFICATE")) {
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        return new JwtBearerVerifier(
            cf.generateCertificate(
                    new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
                .getPublicKey());
      }
      if (pem.contains("BEGIN PUBLIC KEY")) {
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(body);
        return new JwtBearerVerifier(
            KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der)));
      }
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "JWT certificate "
              + file
              + " is not a valid X.509 certificate or RSA public key: "
              + e.getMessage(),
          e);
    }
    throw new IllegalArgumentException(
        "JWT certificate " + file + " must be PEM (BEGIN CERTIFICATE or BEGIN PUBLIC KEY)");
  }

  public static JwtBearerVerifier of(PublicKey key) {
    return new JwtBearerVerifier(key);
  }

  /** The verified claims; throws IllegalArgumentException naming what is wrong. */
  public JsonNode verify(String assertion) {
    String[] parts = assertion.split("\\.");
    if (parts.length != 3) {
      throw new IllegalArgumentException("not a signed JWT (expected header.payload.signature)");
    }
    try {
      JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
      if (!"RS256".equals(header.path("alg").asString())) {
        throw new IllegalArgumentException("alg must be RS256");
      }
      Signature sig = Signature.getInstance("SHA256withRSA");
      sig.initVerify(key);
      sig.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      if (!sig.verify(Base64.getUrlDecoder().decode(parts[2]))) {
        throw new IllegalArgumentException("signature does not match the configured certificate");
      }
      return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    } catch (GeneralSecurityException | JacksonException e) {
      throw new IllegalArgumentException("unreadable JWT: " + e.getMessage(), e);
    }
  }
}
