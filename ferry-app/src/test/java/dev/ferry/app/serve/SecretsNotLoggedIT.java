package dev.ferry.app.serve;

import static dev.ferry.app.serve.FerryServer.state;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.ferry.app.hc.Json;
import dev.ferry.app.log.LogfmtLayout;
import dev.ferry.app.secret.Keysets;
import dev.ferry.emulator.Emulator;
import dev.ferry.testkit.PostgresExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A whole run — start with secrets in the environment, debug logging, a load, a connection created
 * with a refresh token, a refused login — writes none of the secrets to the logs, in logfmt or
 * JSON.
 */
class SecretsNotLoggedIT {
  @RegisterExtension static final PostgresExtension PG = new PostgresExtension();
  @TempDir static Path dir;

  static final String PASSWORD = "pw-Zq81-do-not-log";
  static final String CLIENT_SECRET = "cs-Xr55-do-not-log";
  static final String WRONG_PASSWORD = "wrong-Pq77-do-not-log";
  static final String METRICS_TOKEN = "mt-Kd42-do-not-log-0123";

  /** Renders every event as logfmt and as JSON. */
  static final class Capture extends AppenderBase<ILoggingEvent> {
    final StringBuilder text = new StringBuilder();
    final LogfmtLayout logfmt = new LogfmtLayout();
    final JsonEncoder json = new JsonEncoder();

    @Override
    public void start() {
      logfmt.setContext(getContext());
      logfmt.start();
      json.setContext(getContext());
      json.start();
      super.start();
    }

    @Override
    protected synchronized void append(ILoggingEvent e) {
      text.append(logfmt.doLayout(e));
      text.append(new String(json.encode(e), StandardCharsets.UTF_8));
    }

    synchronized String text() {
      return text.toString();
    }
  }

  @Test
  void noSecretReachesTheLogs() throws Exception {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Capture capture = new Capture();
    capture.setContext(context);
    capture.setName("capture");
    capture.start();
    root.addAppender(capture);

    String keyset = Keysets.toBase64(Keysets.generate());
    String keyMaterial =
        Json.MAPPER
            .readTree(
                new String(java.util.Base64.getDecoder().decode(keyset), StandardCharsets.UTF_8))
            .path("key")
            .get(0)
            .path("keyData")
            .path("value")
            .asString();
    String refreshToken;
    try (Emulator emulator =
        Emulator.start(
            FerryServer.emulatorOptions(Map.of("Account", 30))
                .password(PASSWORD)
                .clientSecret(CLIENT_SECRET)
                .build())) {
      Map<String, String> env = FerryServer.environment(PG.jdbcUrl(), emulator, dir);
      env.put("FERRY_SECRET_KEY", keyset);
      env.put("FERRY_LOG_LEVEL", "debug");
      env.put("FERRY_METRICS_TOKEN", METRICS_TOKEN);
      refreshToken = refreshToken(emulator);
      try (FerryServer server = FerryServer.start(emulator, env, null)) {
        String connection = server.connectionId();
        var created =
            server.post(
                "/api/v3/connections/" + connection + "/mappings",
                ManagementApiIT.mapping("Account", ManagementApiIT.ACCOUNT_FIELDS));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        server.awaitMapping(created.json().path("id").asString(), state("DATA_SYNCED"));
        var scraped = server.getWithAuthorization("/metrics", "Bearer " + METRICS_TOKEN);
        assertThat(scraped.status()).isEqualTo(200);
        assertThat(scraped.raw().body()).doesNotContain(METRICS_TOKEN).doesNotContain(PASSWORD);
        assertThat(server.getWithAuthorization("/metrics", "Bearer " + WRONG_PASSWORD).status())
            .isEqualTo(401);

        var withRefreshToken =
            server.post(
                "/api/v3/connections",
                """
                {"name": "by-refresh-token", "schema_name": "sf_refresh", "credentials": {
                  "login_url": "%s", "client_id": "%s", "client_secret": "%s",
                  "refresh_token": "%s"}}
                """
                    .formatted(
                        emulator.baseUrl(),
                        emulator.options().clientId(),
                        CLIENT_SECRET,
                        refreshToken));
        assertThat(withRefreshToken.status()).as(withRefreshToken.raw().body()).isEqualTo(201);

        var refused =
            server.post(
                "/api/v3/connections",
                """
                {"name": "refused", "schema_name": "sf_refused", "credentials": {
                  "login_url": "%s", "client_id": "%s", "client_secret": "%s",
                  "username": "%s", "password": "%s"}}
                """
                    .formatted(
                        emulator.baseUrl(),
                        emulator.options().clientId(),
                        CLIENT_SECRET,
                        emulator.options().username(),
                        WRONG_PASSWORD));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.raw().body()).doesNotContain(WRONG_PASSWORD);
      }
    } finally {
      root.detachAppender(capture);
    }

    String logs = capture.text();
    // The capture saw the run (so the assertions below can fail).
    assertThat(logs)
        .contains("effective configuration")
        .contains("FERRY_SF_PASSWORD=<masked>")
        .contains("FERRY_METRICS_TOKEN=<masked>")
        .contains("connection created from the environment")
        .contains("management API listening");
    for (String secret :
        List.of(
            FerryServer.TOKEN,
            METRICS_TOKEN,
            PASSWORD,
            CLIENT_SECRET,
            WRONG_PASSWORD,
            refreshToken,
            keyset,
            keyMaterial)) {
      assertThat(logs).as("the logs must not contain a secret").doesNotContain(secret);
    }
  }

  private static String refreshToken(Emulator emulator) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/__emulator/refresh-token"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return Json.MAPPER.readTree(r.body()).path("refresh_token").asString();
  }
}
