package dev.ferry.emulator.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.emulator.Emulator;
import dev.ferry.emulator.NodeProject;
import dev.ferry.emulator.server.EmulatorOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Drives the emulator's Pub/Sub API over TLS with the third-party Node client {@code
 * salesforce-pubsub-api-client} (npm, unchanged), through src/test/pubsub-js/conformance.mjs.
 * {@code npm ci} runs only when package-lock.json changed.
 */
class NodePubSubConformanceIT {
  private static final Path JS = Path.of("src", "test", "pubsub-js");

  @Test
  void theNodePubSubClientWorksAgainstTheEmulatorUnchanged() throws Exception {
    NodeProject js = new NodeProject(JS);
    js.installDependencies();
    try (Emulator emulator =
        Emulator.start(
            EmulatorOptions.builder()
                .port(0)
                .pubSubPort(0)
                .pubSubKeepalive(Duration.ofSeconds(1))
                .changeEventEntities(Set.of("AccountChangeEvent"))
                .build())) {
      assertThat(emulator.pubSub().tls()).as("the client always uses TLS").isTrue();
      String output =
          js.node(
              "conformance.mjs",
              Map.of(
                  "EMULATOR_URL",
                  emulator.baseUrl().toString(),
                  "PUBSUB_ENDPOINT",
                  "127.0.0.1:" + emulator.pubSubPort()),
              Duration.ofMinutes(3));
      assertThat(output).contains("4 of 4 checks passed");
    }
  }
}
