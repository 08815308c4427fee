package dev.ferry.app.cli.remote;

import dev.ferry.app.hc.Json;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the remote commands print: Heroku Connect CLI-style headers ({@code === Title}) and tables
 * (labels, a rule, rows) for people, or JSON for scripts ({@code --json}).
 */
public final class Output {
  private final PrintWriter out;
  private final boolean json;

  public Output(PrintWriter out, boolean json) {
    this.out = out;
    this.json = json;
  }

  /** True when the user asked for JSON: commands print {@link #json} instead of tables. */
  public boolean json() {
    return json;
  }

  public void line(String text) {
    out.println(text);
    out.flush();
  }

  public void blank() {
    line("");
  }

  public void header(String title) {
    line("=== " + title);
  }

  /** The document pretty-printed with 2-space indents (as {@code heroku ... --json} prints). */
  public void json(JsonNode node) {
    line(pretty(node, 2));
  }

  /** A table column: its label and how to show a row's cell. */
  public record Column(String label, Function<JsonNode, String> cell) {
    /** The row's value at {@code key} as text ("" for null or missing). */
    public static Column of(String label, String key) {
      return new Column(label, row -> text(row.get(key)));
    }
  }

  /** Rows as columns padded to their widest cell, two spaces apart, under a rule of ─. */
  public void table(List<Column> columns, Iterable<JsonNode> rows) {
    List<String[]> cells = new ArrayList<>();
    for (JsonNode row : rows) {
      String[] r = new String[columns.size()];
      for (int i = 0; i < r.length; i++) r[i] = oneLine(columns.get(i).cell().apply(row));
      cells.add(r);
    }
    int[] width = new int[columns.size()];
    for (int i = 0; i < width.length; i++) width[i] = columns.get(i).label().length();
    for (String[] r : cells) {
      for (int i = 0; i < r.length; i++) width[i] = Math.max(width[i], r[i].length());
    }
    String[] labels = new String[columns.size()];
    String[] rules = new String[columns.size()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = columns.get(i).label();
      rules[i] = "─".repeat(width[i]);
    }
    line(row(labels, width));
    line(row(rules, width));
    cells.forEach(r -> line(row(r, width)));
  }

  private static String row(String[] cells, int[] width) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) s.append("  ");
      s.append(cells[i]);
      if (i < cells.length - 1) s.append(" ".repeat(width[i] - cells[i].length()));
    }
    return s.toString().stripTrailing();
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ");
  }

  /** A new, empty JSON object. */
  public static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  /** A new JSON array of the nodes. */
  public static ArrayNode array(Iterable<JsonNode> nodes) {
    ArrayNode a = JsonNodeFactory.instance.arrayNode();
    nodes.forEach(a::add);
    return a;
  }

  /** A scalar as text: strings unquoted, null and missing as "". */
  public static String text(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) return "";
    if (node.isValueNode()) return node.asString("");
    return Json.write(node);
  }

  /**
   * {@code node} indented by {@code indent} spaces per level, {@code "key": value}, empty
   * containers as {@code {}} and {@code []}: the layout of Python's {@code json.dumps(indent=n)},
   * which Heroku Connect's export files use (with 4).
   */
  public static String pretty(JsonNode node, int indent) {
    DefaultIndenter indenter = new DefaultIndenter(" ".repeat(indent), "\n");
    Separators separators =
        Separators.createDefaultInstance()
            .withObjectNameValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator("");
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter(separators)
            .withObjectIndenter(indenter)
            .withArrayIndenter(indenter);
    return Json.MAPPER.writer().with(printer).writeValueAsString(node);
  }
}
