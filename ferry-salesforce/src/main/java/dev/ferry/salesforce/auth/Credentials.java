package dev.ferry.salesforce.auth;

import java.net.URI;
import java.security.PrivateKey;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How the client logs in: one of the four OAuth 2.0 flows Ferry supports. Each knows the form it
 * posts to {@code /services/oauth2/token}. {@code toString} never shows a secret.
 */
public sealed interface Credentials {

  /** The form parameters of the token request. */
  Map<String, String> tokenForm(URI loginUrl, InstantSource clock);

  /** The flow's name, for logs and errors. */
  String flow();

  /**
   * JWT bearer: a connected app's consumer key, the user to act as, and the private key whose
   * certificate was uploaded to the app. The assertion is signed RS256 with the JDK.
   *
   * @param audience the JWT {@code aud}; null means the login URL (login.salesforce.com,
   *     test.salesforce.com or a community URL)
   */
  record JwtBearer(
      String consumerKey, String username, PrivateKey privateKey, @Nullable String audience)
      implements Credentials {
    public JwtBearer {
      requireText(consumerKey, "consumerKey");
      requireText(username, "username");
      Objects.requireNonNull(privateKey, "privateKey");
      if (!"RSA".equals(privateKey.getAlgorithm())) {
        throw new IllegalArgumentException(
            "JWT bearer needs an RSA private key, got " + privateKey.getAlgorithm());
      }
    }

    /** From a PEM private key (PKCS#8 {@code BEGIN PRIVATE KEY} or PKCS#1 {@code BEGIN RSA}). */
    public static JwtBearer fromPem(String consumerKey, String username, String pem) {
      return new JwtBearer(consumerKey, username, PemPrivateKeys.parse(pem), null);
    }

    @Override
    public Map<String, String> tokenForm(URI loginUrl, InstantSource clock) {
      String aud = audience != null ? audience : stripTrailingSlash(loginUrl.toString());
      Map<String, String> form = new LinkedHashMap<>();
      form.put("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer");
      form.put(
          "assertion", JwtAssertion.sign(consumerKey, username, aud, clock.instant(), privateKey));
      return form;
    }

    @Override
    public String flow() {
      return "jwt-bearer";
    }

    @Override
    public String toString() {
      return "JwtBearer[consumerKey=" + consumerKey + ", username=" + username + ", key=<masked>]";
    }
  }

  /** Refresh token from an earlier authorization-code (or device) flow. */
  record RefreshToken(String clientId, @Nullable String clientSecret, String refreshToken)
      implements Credentials {
    public RefreshToken {
      requireText(clientId, "clientId");
      requireText(refreshToken, "refreshToken");
    }

    @Override
    public Map<String, String> tokenForm(URI loginUrl, InstantSource clock) {
      Map<String, String> form = new LinkedHashMap<>();
      form.put("grant_type", "refresh_token");
      form.put("refresh_token", refreshToken);
      form.put("client_id", clientId);
      if (clientSecret != null) form.put("client_secret", clientSecret);
      return form;
    }

    @Override
    public String flow() {
      return "refresh-token";
    }

    @Override
    public String toString() {
      return "RefreshToken[clientId="
          + clientId
          + ", clientSecret="
          + (clientSecret == null ? "none" : "<masked>")
          + ", refreshToken=<masked>]";
    }
  }

  /** Client credentials of a connected app with a run-as user; login URL must be My Domain. */
  record ClientCredentials(String clientId, String clientSecret) implements Credentials {
    public ClientCredentials {
      requireText(clientId, "clientId");
      requireText(clientSecret, "clientSecret");
    }

    @Override
    public Map<String, String> tokenForm(URI loginUrl, InstantSource clock) {
      Map<String, String> form = new LinkedHashMap<>();
      form.put("grant_type", "client_credentials");
      form.put("client_id", clientId);
      form.put("client_secret", clientSecret);
      return form;
    }

    @Override
    public String flow() {
      return "client-credentials";
    }

    @Override
    public String toString() {
      return "ClientCredentials[clientId=" + clientId + ", clientSecret=<masked>]";
    }
  }

  /**
   * Username-password (the password followed by the user's security token, if the org needs one).
   * Salesforce discourages this flow; it is here for orgs that allow nothing else and for tests.
   */
  record UsernamePassword(String clientId, String clientSecret, String username, String password)
      implements Credentials {
    public UsernamePassword {
      requireText(clientId, "clientId");
      requireText(clientSecret, "clientSecret");
      requireText(username, "username");
      requireText(password, "password");
    }

    @Override
    public Map<String, String> tokenForm(URI loginUrl, InstantSource clock) {
      Map<String, String> form = new LinkedHashMap<>();
      form.put("grant_type", "password");
      form.put("client_id", clientId);
      form.put("client_secret", clientSecret);
      form.put("username", username);
      form.put("password", password);
      return form;
    }

    @Override
    public String flow() {
      return "username-password";
    }

    @Override
    public String toString() {
      return "UsernamePassword[clientId="
          + clientId
          + ", clientSecret=<masked>, username="
          + username
          + ", password=<masked>]";
    }
  }

  private static void requireText(@Nullable String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }

  private static String stripTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
