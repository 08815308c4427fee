package dev.ferry.app.cli.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.app.hc.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutputTest {
  @Test
  void tablesPadColumnsUnderARuleAndKeepRowsOnOneLine() {
    StringWriter text = new StringWriter();
    Output out = new Output(new PrintWriter(text), false);
    out.table(
        List.of(Output.Column.of("Object Name", "object_name"), Output.Column.of("State", "state")),
        Json.parse(
            "[{\"object_name\": \"Contact\", \"state\": \"DATA_SYNCED\"},"
                + " {\"object_name\": \"Opportunity__History\", \"state\": null},"
                + " {\"object_name\": \"A\\nB\"}]",
            "rows"));
    assertThat(text.toString().lines().toList())
        .containsExactly(
            "Object Name           State",
            "────────────────────  ───────────",
            "Contact               DATA_SYNCED",
            "Opportunity__History",
            "A B");
  }

  @Test
  void prettyPrintsLikePythonsJsonDumps() {
    var node = Json.parse("{\"a\": {\"b\": [1, {}], \"c\": []}, \"d\": \"x\"}", "doc");
    assertThat(Output.pretty(node, 4))
        .isEqualTo(
            """
            {
                "a": {
                    "b": [
                        1,
                        {}
                    ],
                    "c": []
                },
                "d": "x"
            }\
            """);
  }

  @Test
  void exportFileNamesAreSafe() {
    assertThat(ExportCommand.fileName("default")).isEqualTo("default.json");
    assertThat(ExportCommand.fileName("../etc/x y")).isEqualTo("connection.._etc_x_y.json");
  }

  @Test
  void apiVersionsAreNormalized() {
    assertThat(SchemaDiffCommand.normalize("62")).isEqualTo("62.0");
    assertThat(SchemaDiffCommand.normalize("v62.0")).isEqualTo("62.0");
  }
}
