package dev.ferry.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/configuration.md is generated from the declarations; this fails when it is stale. */
class ConfigurationDocTest {
  static final Path DOC = Path.of("..", "docs", "configuration.md");

  @Test
  void generatedReferenceIsUpToDate() throws Exception {
    String expected = FerrySettings.reference();
    String actual = Files.exists(DOC) ? Files.readString(DOC, StandardCharsets.UTF_8) : "";
    assertThat(actual)
        .as(
            "docs/configuration.md is stale; regenerate it with"
                + " `./ferry config --reference > docs/configuration.md`")
        .isEqualTo(expected);
  }

  @Test
  void everyEnvironmentVariableIsDeclaredOnce() {
    var envs = FerrySettings.all().stream().map(s -> s.env()).toList();
    var keys = FerrySettings.all().stream().map(s -> s.key()).toList();
    assertThat(envs).doesNotHaveDuplicates();
    assertThat(keys).doesNotHaveDuplicates();
  }
}
