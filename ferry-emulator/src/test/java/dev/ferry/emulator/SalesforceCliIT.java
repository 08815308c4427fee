package dev.ferry.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Salesforce CLI ({@code sf}, pinned in src/test/sf) against the emulator, unchanged: log in
 * with an access token, query with relationship paths, export with a Bulk query job, import with a
 * Bulk ingest job.
 */
class SalesforceCliIT {
  private static final Path SF_DIR = Path.of("src", "test", "sf");

  @TempDir Path home;

  @Test
  void sfLogsInQueriesExportsAndImports() throws Exception {
    install();
    try (TestOrg org =
        TestOrg.start(b ->
            b.generate(Map.of("Account", 5, "Contact", 40))
                .bulkMinProcessing(Duration.ofMillis(50)))) {
      String base = org.base().toString();
      String login =
          sf(
              Map.of("SF_ACCESS_TOKEN", org.token()),
              "org",
              "login",
              "access-token",
              "--instance-url",
              base,
              "--no-prompt",
              "--alias",
              "emu");
      assertThat(login).contains("Successfully authorized admin@example.com");

      org.post(
          TestOrg.V + "/sobjects/Account",
          "{\"Name\":\"Cli Parent\",\"External_Id__c\":\"CLI-1\"}");
      org.post(
          TestOrg.V + "/sobjects/Contact",
          "{\"LastName\":\"Cli Child\",\"Account\":{\"External_Id__c\":\"CLI-1\"}}");
      String query =
          sf(
              Map.of(),
              "data",
              "query",
              "-q",
              "SELECT Id, LastName, Account.Name FROM Contact WHERE LastName = 'Cli Child'",
              "-o",
              "emu");
      assertThat(query)
          .contains("Cli Child")
          .contains("Cli Parent")
          .contains("Total number of records retrieved: 1.");

      Path out = home.resolve("contacts.csv");
      String export =
          sf(
              Map.of(),
              "data",
              "export",
              "bulk",
              "-q",
              "SELECT Id, LastName FROM Contact",
              "--output-file",
              out.toString(),
              "-o",
              "emu",
              "--wait",
              "2");
      assertThat(export).contains("41 records written");
      assertThat(Files.readAllLines(out)).hasSize(42).first().isEqualTo("\"Id\",\"LastName\"");

      Path in = home.resolve("accounts.csv");
      Files.writeString(in, "Name,External_Id__c\nImported One,IMP-1\nImported Two,IMP-2\n");
      String imported =
          sf(
              Map.of(),
              "data",
              "import",
              "bulk",
              "--file",
              in.toString(),
              "--sobject",
              "Account",
              "-o",
              "emu",
              "--wait",
              "2");
      assertThat(imported).contains("JobComplete");
      assertThat(
              org.get(TestOrg.V + "/sobjects/Account/External_Id__c/IMP-2")
                  .json()
                  .path("Name")
                  .asString())
          .isEqualTo("Imported Two");
    }
  }

  private String sf(Map<String, String> env, String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(
        SF_DIR.resolve("node_modules").resolve(".bin").resolve("sf").toAbsolutePath().toString());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(home.toFile()).redirectErrorStream(true);
    Map<String, String> e = pb.environment();
    e.put("HOME", home.toString());
    e.put("SF_DISABLE_TELEMETRY", "true");
    e.put("SF_AUTOUPDATE_DISABLE", "true");
    e.put("SF_DISABLE_DNS_CHECK", "true");
    e.put("SF_USE_GENERIC_UNIX_KEYCHAIN", "true");
    e.putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(3, TimeUnit.MINUTES)).as(String.join(" ", args)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", args) + "\n" + out).isZero();
    return out;
  }

  private static void install() throws Exception {
    String hash =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(SF_DIR.resolve("package-lock.json"))));
    Path marker = SF_DIR.resolve("node_modules").resolve(".ferry-lock-sha256");
    if (Files.exists(marker) && Files.readString(marker).trim().equals(hash)) {
      return;
    }
    Process p =
        new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
            .directory(SF_DIR.toFile())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as("npm ci\n" + out).isZero();
    Files.writeString(marker, hash);
  }
}
