package dev.ferry.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.emulator.TestOrg.Res;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class OAuthTest {
  private static final String TOKEN = "/services/oauth2/token";
  private static TestOrg org;
  private static KeyPair jwtKeys;
  @TempDir static Path dir;

  @BeforeAll
  static void start() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    jwtKeys = g.generateKeyPair();
    Path pem = dir.resolve("jwt.pub.pem");
    Files.writeString(
        pem,
        "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(jwtKeys.getPublic().getEncoded())
            + "\n-----END PUBLIC KEY-----\n");
    org = TestOrg.start(b -> b.jwtCertificate(pem));
  }

  @AfterAll
  static void stop() {
    org.close();
  }

  @BeforeEach
  void reset() {
    org.control("POST", "/org", "{\"active\":true}");
  }

  private Res token(Map<String, String> params) {
    return org.form(TOKEN, params);
  }

  @Test
  void passwordFlowIssuesRealLookingTokens() {
    Res r =
        token(
            Map.of(
                "grant_type", "password",
                "client_id", "emulator-client",
                "client_secret", "emulator-secret",
                "username", "admin@example.com",
                "password", "password"));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    JsonNode j = r.json();
    assertThat(j.path("access_token").asString()).matches("(00D\\w{12,15})![.\\w]+");
    assertThat(j.path("instance_url").asString()).isEqualTo(org.base().toString());
    assertThat(j.path("token_type").asString()).isEqualTo("Bearer");
    assertThat(j.path("issued_at").asString()).matches("\\d{13}");
    assertThat(j.has("refresh_token")).as("password flow never returns a refresh token").isFalse();
    String[] id = URI.create(j.path("id").asString()).getPath().split("/");
    assertThat(id[id.length - 2]).startsWith("00D").hasSize(18);
    assertThat(id[id.length - 1]).startsWith("005").hasSize(18);
    assertThat(j.path("access_token").asString())
        .startsWith(id[id.length - 2].substring(0, 15) + "!");
  }

  @Test
  void tokenErrorsAreSalesforceShaped() {
    Res bad =
        token(
            Map.of(
                "grant_type", "password",
                "client_id", "emulator-client",
                "client_secret", "emulator-secret",
                "username", "admin@example.com",
                "password", "wrong"));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().path("error").asString()).isEqualTo("invalid_grant");
    assertThat(bad.json().path("error_description").asString()).isEqualTo("authentication failure");
    Res client =
        token(
            Map.of(
                "grant_type", "password", "client_id", "nope", "username", "a", "password", "b"));
    assertThat(client.json().path("error").asString()).isEqualTo("invalid_client_id");
    Res secret =
        token(
            Map.of(
                "grant_type",
                "client_credentials",
                "client_id",
                "emulator-client",
                "client_secret",
                "x"));
    assertThat(secret.json().path("error").asString()).isEqualTo("invalid_client");
    Res grant = token(Map.of("grant_type", "magic"));
    assertThat(grant.json().path("error").asString()).isEqualTo("unsupported_grant_type");
    Res refresh =
        token(
            Map.of(
                "grant_type",
                "refresh_token",
                "client_id",
                "emulator-client",
                "refresh_token",
                "nope"));
    assertThat(refresh.json().path("error_description").asString())
        .isEqualTo("expired access/refresh token");
  }

  @Test
  void clientCredentialsInBodyOrBasicAuth() {
    Res body =
        token(
            Map.of(
                "grant_type",
                "client_credentials",
                "client_id",
                "emulator-client",
                "client_secret",
                "emulator-secret"));
    assertThat(body.status()).isEqualTo(200);
    String basic =
        Base64.getEncoder()
            .encodeToString("emulator-client:emulator-secret".getBytes(StandardCharsets.UTF_8));
    Res viaBasic =
        org.form(
            TOKEN, Map.of("grant_type", "client_credentials"), "Authorization", "Basic " + basic);
    assertThat(viaBasic.status()).isEqualTo(200);
    String token = viaBasic.json().path("access_token").asString();
    Res api =
        org.send(
            "GET", TestOrg.V + "/limits", null, null, false, "Authorization", "Bearer " + token);
    assertThat(api.status()).isEqualTo(200);
  }

  @Test
  void authorizationCodeFlowWithPkceGivesARefreshToken() throws Exception {
    String verifier = "a-verifier-that-is-long-enough-for-pkce-0123456789";
    String challenge =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    Res auth =
        org.anonymous(
            "GET",
            "/services/oauth2/authorize?response_type=code&client_id=emulator-client&redirect_uri="
                + TestOrg.enc("http://localhost/cb")
                + "&state=s1&code_challenge="
                + challenge,
            null);
    assertThat(auth.status()).isEqualTo(302);
    URI location = URI.create(auth.header("Location"));
    assertThat(location.getQuery()).contains("state=s1");
    String code = location.getQuery().replaceAll(".*code=([^&]+).*", "$1");
    Res exchange =
        token(
            Map.of(
                "grant_type", "authorization_code",
                "client_id", "emulator-client",
                "client_secret", "emulator-secret",
                "redirect_uri", "http://localhost/cb",
                "code", java.net.URLDecoder.decode(code, StandardCharsets.UTF_8),
                "code_verifier", verifier));
    assertThat(exchange.status()).as(exchange.text()).isEqualTo(200);
    String refresh = exchange.json().path("refresh_token").asString();
    assertThat(refresh).isNotEmpty();
    Res refreshed =
        token(
            Map.of(
                "grant_type",
                "refresh_token",
                "client_id",
                "emulator-client",
                "client_secret",
                "emulator-secret",
                "refresh_token",
                refresh));
    assertThat(refreshed.status()).isEqualTo(200);
    assertThat(refreshed.json().path("access_token").asString())
        .isNotEqualTo(exchange.json().path("access_token").asString());
    // a code is single-use
    Res again =
        token(
            Map.of(
                "grant_type",
                "authorization_code",
                "client_id",
                "emulator-client",
                "client_secret",
                "emulator-secret",
                "code",
                java.net.URLDecoder.decode(code, StandardCharsets.UTF_8)));
    assertThat(again.json().path("error").asString()).isEqualTo("invalid_grant");
    // revoking the refresh token kills it and its access tokens
    assertThat(org.form("/services/oauth2/revoke", Map.of("token", refresh)).status())
        .isEqualTo(200);
    Res dead =
        token(
            Map.of(
                "grant_type",
                "refresh_token",
                "client_id",
                "emulator-client",
                "refresh_token",
                refresh));
    assertThat(dead.json().path("error").asString()).isEqualTo("invalid_grant");
  }

  @Test
  void refreshTokenFromTheControl() {
    String refresh =
        org.control("POST", "/refresh-token", "{}").json().path("refresh_token").asString();
    Res r =
        token(
            Map.of(
                "grant_type",
                "refresh_token",
                "client_id",
                "emulator-client",
                "refresh_token",
                refresh));
    assertThat(r.status()).isEqualTo(200);
  }

  @Test
  void jwtBearerWithPublicKey() throws Exception {
    Res ok =
        jwt(
            jwtKeys.getPrivate(),
            "emulator-client",
            "admin@example.com",
            Instant.now().plusSeconds(180));
    assertThat(ok.status()).as(ok.text()).isEqualTo(200);
    assertThat(ok.json().has("refresh_token")).isFalse();
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    Res forged =
        jwt(
            g.generateKeyPair().getPrivate(),
            "emulator-client",
            "admin@example.com",
            Instant.now().plusSeconds(180));
    assertThat(forged.json().path("error").asString()).isEqualTo("invalid_grant");
    assertThat(
            jwt(jwtKeys.getPrivate(), "other", "admin@example.com", Instant.now().plusSeconds(60))
                .json()
                .path("error")
                .asString())
        .isEqualTo("invalid_client_id");
    assertThat(
            jwt(
                    jwtKeys.getPrivate(),
                    "emulator-client",
                    "someone@else",
                    Instant.now().plusSeconds(60))
                .json()
                .path("error_description")
                .asString())
        .isEqualTo("user hasn't approved this consumer");
    assertThat(
            jwt(
                    jwtKeys.getPrivate(),
                    "emulator-client",
                    "admin@example.com",
                    Instant.now().minusSeconds(60))
                .json()
                .path("error")
                .asString())
        .isEqualTo("invalid_grant");
  }

  @Test
  void jwtBearerWithAnX509Certificate() throws Exception {
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Path ks = dir.resolve("jwt.p12");
    Path cert = dir.resolve("jwt.crt");
    run(
        keytool,
        "-genkeypair",
        "-alias",
        "jwt",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-dname",
        "CN=ferry-test",
        "-validity",
        "2",
        "-storetype",
        "PKCS12",
        "-keystore",
        ks.toString(),
        "-storepass",
        "changeit",
        "-keypass",
        "changeit");
    run(
        keytool,
        "-exportcert",
        "-rfc",
        "-alias",
        "jwt",
        "-keystore",
        ks.toString(),
        "-storepass",
        "changeit",
        "-file",
        cert.toString());
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(ks)) {
      store.load(in, "changeit".toCharArray());
    }
    PrivateKey key = (PrivateKey) store.getKey("jwt", "changeit".toCharArray());
    try (TestOrg withCert = TestOrg.start(b -> b.jwtCertificate(cert))) {
      Res r =
          jwt(
              withCert,
              key,
              "emulator-client",
              "admin@example.com",
              Instant.now().plusSeconds(120));
      assertThat(r.status()).as(r.text()).isEqualTo(200);
    }
  }

  private static void run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
  }

  private Res jwt(PrivateKey key, String iss, String sub, Instant exp) throws Exception {
    return jwt(org, key, iss, sub, exp);
  }

  private static Res jwt(TestOrg target, PrivateKey key, String iss, String sub, Instant exp)
      throws Exception {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header = b64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8));
    String claims =
        b64.encodeToString(
            ("{\"iss\":\""
                    + iss
                    + "\",\"sub\":\""
                    + sub
                    + "\",\"aud\":\"https://login.salesforce.com\",\"exp\":"
                    + exp.getEpochSecond()
                    + "}")
                .getBytes(StandardCharsets.UTF_8));
    Signature s = Signature.getInstance("SHA256withRSA");
    s.initSign(key);
    s.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
    String jwt = header + "." + claims + "." + b64.encodeToString(s.sign());
    return target.form(
        TOKEN,
        Map.of("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer", "assertion", jwt));
  }

  @Test
  void identityEndpoints() {
    Res info = org.get("/services/oauth2/userinfo");
    assertThat(info.status()).isEqualTo(200);
    String userId = info.json().path("user_id").asString();
    String orgId = info.json().path("organization_id").asString();
    assertThat(info.json().path("preferred_username").asString()).isEqualTo("admin@example.com");
    Res identity = org.get("/id/" + orgId + "/" + userId + "?format=json");
    assertThat(identity.json().path("username").asString()).isEqualTo("admin@example.com");
    assertThat(identity.json().path("urls").path("rest").asString()).contains("{version}");
    Res viaParam =
        org.anonymous("GET", "/id/" + orgId + "/" + userId + "?oauth_token=" + org.token(), null);
    assertThat(viaParam.status()).isEqualTo(200);
    Res user = org.get(TestOrg.V + "/sobjects/User/" + userId);
    assertThat(user.json().path("Username").asString()).isEqualTo("admin@example.com");
    Res resources = org.get(TestOrg.V + "/");
    assertThat(resources.json().path("identity").asString())
        .endsWith("/id/" + orgId + "/" + userId);
  }

  @Test
  void badHeadersAndExpiredSessionsGet401() {
    Res none = org.anonymous("GET", TestOrg.V + "/limits", null);
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.errorCode()).isEqualTo("INVALID_AUTH_HEADER");
    Res basic = org.anonymous("GET", TestOrg.V + "/limits", null, "Authorization", "Basic abc");
    assertThat(basic.errorCode()).isEqualTo("INVALID_AUTH_HEADER");
    Res oauthScheme =
        org.anonymous("GET", TestOrg.V + "/limits", null, "Authorization", "OAuth " + org.token());
    assertThat(oauthScheme.status()).isEqualTo(200);
    Res bogus =
        org.anonymous(
            "GET",
            TestOrg.V + "/jobs/ingest",
            null,
            "Authorization",
            "Bearer 00D000000000000!AQbogus");
    assertThat(bogus.status()).isEqualTo(401);
    assertThat(bogus.text())
        .isEqualTo(
            "[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]");
    assertThat(bogus.header("WWW-Authenticate")).isEqualTo("Token");

    assertThat(org.control("POST", "/sessions/expire", "{}").status()).isEqualTo(200);
    for (String path :
        new String[] {
          "/limits",
          "/query?q=SELECT+Id+FROM+Account",
          "/sobjects",
          "/jobs/query",
          "/composite/sobjects?ids=001000000000000"
        }) {
      Res r =
          org.send(
              path.startsWith("/composite") ? "DELETE" : "GET", TestOrg.V + path, null, null, true);
      assertThat(r.status()).as(path).isEqualTo(401);
      assertThat(r.errorCode()).as(path).isEqualTo("INVALID_SESSION_ID");
    }
    org.relogin();
    assertThat(org.get(TestOrg.V + "/limits").status()).isEqualTo(200);
    assertThat(org.form("/services/oauth2/revoke", Map.of("token", org.token())).status())
        .isEqualTo(200);
    assertThat(org.get(TestOrg.V + "/limits").status()).isEqualTo(401);
    org.relogin();
  }

  @Test
  void sessionsTimeOutOnTheInjectedClock() {
    MutableClock clock = new MutableClock(Instant.parse("2024-03-01T12:00:00Z"));
    try (TestOrg o = TestOrg.start(b -> b.clock(clock).tokenTtl(Duration.ofHours(1)))) {
      assertThat(o.get(TestOrg.V + "/limits").status()).isEqualTo(200);
      clock.advance(Duration.ofMinutes(59));
      assertThat(o.get(TestOrg.V + "/limits").status())
          .as("activity extends the session")
          .isEqualTo(200);
      clock.advance(Duration.ofMinutes(59));
      assertThat(o.get(TestOrg.V + "/limits").status()).isEqualTo(200);
      clock.advance(Duration.ofMinutes(61));
      Res expired = o.get(TestOrg.V + "/limits");
      assertThat(expired.status()).isEqualTo(401);
      assertThat(expired.errorCode()).isEqualTo("INVALID_SESSION_ID");
    }
  }

  @Test
  void inactiveOrgRefusesLoginsAndSessions() {
    String token = org.relogin();
    assertThat(org.control("POST", "/org", "{\"active\":false}").json().path("active").asBoolean())
        .isFalse();
    Res api = org.anonymous("GET", TestOrg.V + "/limits", null, "Authorization", "Bearer " + token);
    assertThat(api.status()).isEqualTo(401);
    assertThat(api.errorCode()).isEqualTo("INVALID_SESSION_ID");
    Res login =
        token(
            Map.of(
                "grant_type",
                "password",
                "client_id",
                "emulator-client",
                "client_secret",
                "emulator-secret",
                "username",
                "admin@example.com",
                "password",
                "password"));
    assertThat(login.status()).isEqualTo(400);
    assertThat(login.json().path("error").asString()).isEqualTo("inactive_org");
    org.control("POST", "/org", "{\"active\":true}");
    org.relogin();
  }
}
