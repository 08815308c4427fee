package dev.ferry.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.emulator.server.EmulatorOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Drives a running emulator with jsforce (npm), unchanged, through src/test/js/conformance.mjs:
 * login, describe, CRUD, collections, queries with paging, getUpdated/getDeleted, Bulk 2.0 ingest
 * and query, limits, errors. {@code npm ci} runs only when package-lock.json changed.
 */
class JsforceConformanceIT {
  private static final Path JS = Path.of("src", "test", "js");

  /** Check groups to run: all of them (core, bulk, query). */
  private static final String GROUPS = "all";

  @Test
  void jsforceWorksAgainstTheEmulatorUnchanged() throws Exception {
    installDependencies();
    try (Emulator emulator =
        Emulator.start(
            EmulatorOptions.builder()
                .port(0)
                .generate(Map.of("Account", 20, "Contact", 2500))
                .bulkQueryPageSize(1000)
                .bulkMinProcessing(Duration.ofMillis(50))
                .build())) {
      ProcessBuilder pb =
          new ProcessBuilder("node", "conformance.mjs")
              .directory(JS.toFile())
              .redirectErrorStream(true);
      pb.environment().put("EMULATOR_URL", emulator.baseUrl().toString());
      pb.environment().put("CONFORMANCE_GROUPS", GROUPS);
      Process node = pb.start();
      node.getOutputStream().close();
      String output;
      try (var in = node.getInputStream()) {
        output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      boolean finished = node.waitFor(5, TimeUnit.MINUTES);
      System.out.println(output);
      assertThat(finished).as("node finished in time").isTrue();
      assertThat(node.exitValue()).as(output).isZero();
      assertThat(output).contains("checks passed");
    }
  }

  private static void installDependencies() throws Exception {
    Path lock = JS.resolve("package-lock.json");
    String hash =
        HexFormat.of()
            .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(lock)));
    Path marker = JS.resolve("node_modules").resolve(".ferry-lock-sha256");
    if (Files.exists(marker) && Files.readString(marker).trim().equals(hash)) {
      return;
    }
    run(List.of("npm", "ci", "--no-audit", "--no-fund"), Duration.ofMinutes(10));
    Files.writeString(marker, hash);
  }

  private static void run(List<String> command, Duration timeout)
      throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(command).directory(JS.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS))
        .as(String.join(" ", command))
        .isTrue();
    assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + out).isZero();
  }
}
