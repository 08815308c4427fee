package dev.ferry.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.emulator.server.EmulatorOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
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
    NodeProject js = new NodeProject(JS);
    js.installDependencies();
    try (Emulator emulator =
        Emulator.start(
            EmulatorOptions.builder()
                .port(0)
                .generate(Map.of("Account", 20, "Contact", 2500))
                .bulkQueryPageSize(1000)
                .bulkMinProcessing(Duration.ofMillis(50))
                .build())) {
      String output =
          js.node(
              "conformance.mjs",
              Map.of("EMULATOR_URL", emulator.baseUrl().toString(), "CONFORMANCE_GROUPS", GROUPS),
              Duration.ofMinutes(5));
      assertThat(output).contains("checks passed");
    }
  }
}
