package dev.ferry.salesforce.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.EmulatorExtension;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A Bulk API 2.0 query of 1,000,000 rows streams through the client with bounded memory. The proof:
 * the client runs in its own JVM with a 64 MB heap and reads two pages of 500,000 rows (about 42
 * million characters each, over 80 MB as Java strings), which could not fit if the client held a
 * page, let alone the result. The emulator runs in this JVM.
 */
class BulkStreamingMemoryIT {
  static final int ROWS = 1_000_000;
  static final String SOQL =
      "SELECT Id, FirstName, LastName, Email, AccountId, SystemModstamp FROM Contact";

  @RegisterExtension
  static final EmulatorExtension EMULATOR =
      EmulatorExtension.withOptions(o -> o.generate("Contact", ROWS));

  @Test
  void aMillionRowQueryStreamsThroughA64MbHeap() throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command =
        List.of(
            java,
            "-Xmx64m",
            "-XX:+UseSerialGC",
            "-cp",
            System.getProperty("java.class.path"),
            BulkStreamProbe.class.getName(),
            EMULATOR.baseUrl().toString(),
            SOQL,
            "500000",
            "plain");
    Process probe = new ProcessBuilder(command).redirectErrorStream(true).start();
    List<String> output = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(probe.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) output.add(line);
    }
    assertThat(probe.waitFor(10, TimeUnit.MINUTES)).isTrue();
    assertThat(probe.exitValue()).as("probe output: %s", output).isZero();

    Map<String, String> result = parse(output.getLast());
    assertThat(result.get("rows")).isEqualTo(Integer.toString(ROWS));
    assertThat(result.get("pages")).isEqualTo("2");
    assertThat(Long.parseLong(result.get("max_heap_mb"))).isLessThanOrEqualTo(64);
    // one page as Java strings would take at least 2 bytes per character
    long charsPerPage = Long.parseLong(result.get("chars")) / 2;
    assertThat(charsPerPage * 2).isGreaterThan(64L * 1024 * 1024);
    System.out.println("bounded-memory probe: " + output.getLast());
  }

  private static Map<String, String> parse(String line) {
    Map<String, String> m = new HashMap<>();
    for (String part : line.trim().split("\\s+")) {
      int eq = part.indexOf('=');
      if (eq > 0) m.put(part.substring(0, eq), part.substring(eq + 1));
    }
    return m;
  }
}
