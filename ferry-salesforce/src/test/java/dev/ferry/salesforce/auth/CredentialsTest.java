package dev.ferry.salesforce.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.salesforce.testing.FakeTime;
import dev.ferry.salesforce.testing.Fixtures;
import dev.ferry.salesforce.wire.Wire;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class CredentialsTest {
  private static final URI LOGIN = URI.create("https://test.salesforce.com/");
  private final FakeTime time = new FakeTime();

  @Test
  void passwordFlowForm() {
    var form =
        new Credentials.UsernamePassword("cid", "csecret", "u@example.com", "pwTOKEN")
            .tokenForm(LOGIN, time);
    assertThat(form)
        .containsExactly(
            Map.entry("grant_type", "password"),
            Map.entry("client_id", "cid"),
            Map.entry("client_secret", "csecret"),
            Map.entry("username", "u@example.com"),
            Map.entry("password", "pwTOKEN"));
  }

  @Test
  void refreshTokenFlowSendsTheSecretOnlyWhenThereIsOne() {
    assertThat(new Credentials.RefreshToken("cid", null, "rt").tokenForm(LOGIN, time))
        .containsExactly(
            Map.entry("grant_type", "refresh_token"),
            Map.entry("refresh_token", "rt"),
            Map.entry("client_id", "cid"));
    assertThat(new Credentials.RefreshToken("cid", "sec", "rt").tokenForm(LOGIN, time))
        .containsEntry("client_secret", "sec");
  }

  @Test
  void clientCredentialsFlowForm() {
    assertThat(new Credentials.ClientCredentials("cid", "sec").tokenForm(LOGIN, time))
        .containsExactly(
            Map.entry("grant_type", "client_credentials"),
            Map.entry("client_id", "cid"),
            Map.entry("client_secret", "sec"));
  }

  @Test
  void jwtBearerAssertionIsSignedRs256WithTheDocumentedClaims() throws Exception {
    Credentials.JwtBearer jwt =
        Credentials.JwtBearer.fromPem(
            "3MVG9consumer", "u@example.com", Fixtures.text("rsa-pkcs8.pem"));
    Map<String, String> form = jwt.tokenForm(LOGIN, time);
    assertThat(form.get("grant_type")).isEqualTo("urn:ietf:params:oauth:grant-type:jwt-bearer");

    String[] parts = form.get("assertion").split("\\.");
    assertThat(parts).hasSize(3);
    JsonNode header = Wire.tree(decode(parts[0]));
    JsonNode claims = Wire.tree(decode(parts[1]));
    assertThat(header.get("alg").asString()).isEqualTo("RS256");
    assertThat(claims.get("iss").asString()).isEqualTo("3MVG9consumer");
    assertThat(claims.get("sub").asString()).isEqualTo("u@example.com");
    assertThat(claims.get("aud").asString()).isEqualTo("https://test.salesforce.com");
    assertThat(claims.get("exp").asLong()).isEqualTo(time.instant().getEpochSecond() + 180);

    Signature verify = Signature.getInstance("SHA256withRSA");
    verify.initVerify(publicKey());
    verify.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    assertThat(verify.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
  }

  @Test
  void jwtAudienceCanBeSetExplicitly() {
    var jwt =
        new Credentials.JwtBearer(
            "ck",
            "u",
            PemPrivateKeys.parse(Fixtures.text("rsa-pkcs8.pem")),
            "https://community.example.com");
    String claims = decode(jwt.tokenForm(LOGIN, time).get("assertion").split("\\.")[1]);
    assertThat(Wire.tree(claims).get("aud").asString()).isEqualTo("https://community.example.com");
  }

  @Test
  void readsPkcs1AndPkcs8PemAsTheSameKey() {
    PrivateKey pkcs1 = PemPrivateKeys.parse(Fixtures.text("rsa-pkcs1.pem"));
    PrivateKey pkcs8 = PemPrivateKeys.parse(Fixtures.text("rsa-pkcs8.pem"));
    assertThat(pkcs1.getEncoded()).isEqualTo(pkcs8.getEncoded());
  }

  @Test
  void badPemIsNamed() {
    assertThatThrownBy(() -> PemPrivateKeys.parse("not a key"))
        .hasMessageContaining("no PEM private key found");
    assertThatThrownBy(() ->
            PemPrivateKeys.parse(
                "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----"))
        .hasMessageContaining("encrypted");
  }

  @Test
  void blankSecretsAreRefused() {
    assertThatThrownBy(() -> new Credentials.ClientCredentials("cid", " "))
        .hasMessage("clientSecret must not be blank");
  }

  @Test
  void accessTokenKnowsOrgAndUserFromTheIdentityUrl() {
    AccessToken t =
        new AccessToken(
            "00D!x",
            URI.create("https://na1.salesforce.com"),
            "https://login.salesforce.com/id/00D50000000IZ3ZEAW/00550000001fg5OAAQ",
            time.instant());
    assertThat(t.organizationId()).isEqualTo("00D50000000IZ3ZEAW");
    assertThat(t.userId()).isEqualTo("00550000001fg5OAAQ");
    assertThat(t.toString()).doesNotContain("00D!x");
  }

  @Test
  void formEncodingEscapesReservedCharacters() {
    assertThat(TokenEndpoint.formEncode(Map.of("password", "p&ss=+ word")))
        .isEqualTo("password=p%26ss%3D%2B+word");
  }

  private static String decode(String part) {
    return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
  }

  private static PublicKey publicKey() throws Exception {
    String pem =
        Fixtures.text("rsa-public.pem")
            .replace("-----BEGIN PUBLIC KEY-----", "")
            .replace("-----END PUBLIC KEY-----", "");
    return KeyFactory.getInstance("RSA")
        .generatePublic(new X509EncodedKeySpec(Base64.getMimeDecoder().decode(pem)));
  }
}
