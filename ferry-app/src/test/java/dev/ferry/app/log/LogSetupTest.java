package dev.ferry.app.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.app.hc.Json;
import dev.ferry.core.log.LogContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The configured format reaches the output: logfmt by default, one JSON object per line on switch.
 */
class LogSetupTest {
  private static final Logger log = LoggerFactory.getLogger("dev.ferry.engine.lifecycle.Sample");

  @AfterEach
  void backToTheConsole() {
    LogSetup.apply(LogFormat.LOGFMT, LogLevel.INFO);
  }

  @Test
  void jsonLinesCarryTheMessageTheKeyValuesAndTheMdc(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("ferry.log");
    LogSetup.apply(LogFormat.JSON, LogLevel.INFO, file);
    try (LogContext c = LogContext.mapping("m-42")) {
      log.atInfo().addKeyValue("rows", 500).log("RELOAD COMPLETE contact");
      log.debug("not at INFO");
    }
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(1);
    JsonNode line = Json.MAPPER.readTree(lines.getFirst());
    assertThat(line.path("level").asString()).isEqualTo("INFO");
    assertThat(line.path("message").asString()).isEqualTo("RELOAD COMPLETE contact");
    assertThat(line.path("mdc").path("mapping").asString()).isEqualTo("m-42");
    assertThat(line.toString()).contains("rows").contains("500");
  }

  @Test
  void logfmtAtTheChosenLevel(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("ferry.log");
    LogSetup.apply(LogFormat.LOGFMT, LogLevel.DEBUG, file);
    try (LogContext c = LogContext.connection("c-7")) {
      log.debug("vital signs");
    }
    assertThat(Files.readString(file))
        .matches("time=\\S+ event=\"vital signs\" connection=c-7 logger=Sample level=debug\n");
  }
}
