package dev.ferry.engine.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** docs/diagnostics.md has a section for every rule, under the anchor its doc_url links to. */
class RuleDocTest {
  @Test
  void everyRuleHasItsSectionAndNoSectionIsOrphaned() throws Exception {
    Path doc = Path.of("..", Rule.DOC);
    String text = Files.readString(doc);
    List<String> anchors = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.startsWith("### ")) {
        anchors.add(
            line.substring(4)
                .trim()
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9 -]", "")
                .replace(' ', '-'));
      }
    }
    List<String> expected = new ArrayList<>();
    for (Rule r : Rule.values()) {
      expected.add(r.anchor());
      assertThat(text).as("rule id of " + r).contains("`" + r.name() + "`");
      assertThat(r.docUrl()).isEqualTo("docs/diagnostics.md#" + r.anchor());
    }
    assertThat(anchors).containsExactlyInAnyOrderElementsOf(expected);
  }
}
