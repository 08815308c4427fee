package dev.ferry.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.app.cli.FerryCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class EmulatorCommandTest {
  @Test
  void runsInTheForegroundPrintsCredentialsAndStops() throws Exception {
    EmulatorCommand command = new EmulatorCommand();
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(command).setOut(new PrintWriter(out, true));
    AtomicInteger exit = new AtomicInteger(-1);
    Thread t =
        new Thread(() ->
            exit.set(
                cli.execute(
                    "--port",
                    "0",
                    "--generate",
                    "Account=3,Contact=7",
                    "--seed",
                    "7",
                    "--username",
                    "ops@example.com",
                    "--client-secret",
                    "s3cret",
                    "--api-limit",
                    "500",
                    "--cdc",
                    "Account,Invoice__c")));
    t.start();
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (command.baseUrl() == null && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    String base = command.baseUrl();
    assertThat(base).startsWith("http://127.0.0.1:");
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> token =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/services/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "grant_type=password&client_id=emulator-client&client_secret=s3cret&username=ops@example.com&password=password"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(token.statusCode()).isEqualTo(200);
    String access = token.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
    HttpResponse<String> stats =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/__emulator/stats")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(stats.body()).contains("\"Contact\":7").contains("\"limit\":500");
    HttpResponse<String> limits =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/services/data/v59.0/limits"))
                .header("Authorization", "Bearer " + access)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(limits.statusCode()).isEqualTo(200);
    command.stop();
    t.join(10_000);
    assertThat(exit.get()).isZero();
    assertThat(out.toString())
        .contains("Salesforce emulator running at " + base)
        .contains("ops@example.com / password")
        .contains("emulator-client / s3cret")
        .contains("curl -s " + base + "/services/oauth2/token")
        .containsPattern("Pub/Sub API \\(gRPC\\) +: 127\\.0\\.0\\.1:\\d+ \\(TLS, self-signed")
        .contains("CDC entities         : AccountChangeEvent, Invoice__ChangeEvent");
  }

  @Test
  void badArgumentsAreReportedWithUsage() {
    StringWriter err = new StringWriter();
    CommandLine cli = FerryCli.commandLine().setErr(new PrintWriter(err, true));
    int code = cli.execute("emulator", "--generate", "Account=lots");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("count for Account must be a non-negative integer");
    StringWriter err2 = new StringWriter();
    int ttl =
        FerryCli.commandLine()
            .setErr(new PrintWriter(err2, true))
            .execute("emulator", "--token-ttl", "soon");
    assertThat(ttl).isEqualTo(2);
    assertThat(err2.toString()).contains("'soon' is not a duration");
  }

  @Test
  void helpListsTheEmulator() {
    StringWriter out = new StringWriter();
    FerryCli.commandLine().setOut(new PrintWriter(out, true)).execute("--help");
    assertThat(out.toString()).contains("emulator");
    StringWriter sub = new StringWriter();
    FerryCli.commandLine().setOut(new PrintWriter(sub, true)).execute("emulator", "--help");
    assertThat(sub.toString())
        .contains("--generate")
        .contains("--api-limit")
        .contains("--client-secret");
  }
}
