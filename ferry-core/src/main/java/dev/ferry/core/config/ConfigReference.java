package dev.ferry.core.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Generates the configuration reference (Markdown) from the declared settings. */
public final class ConfigReference {
  private ConfigReference() {}

  public static String markdown(String title, List<Setting<?>> declared) {
    Map<String, StringBuilder> groups = new LinkedHashMap<>();
    for (Setting<?> s : declared) {
      StringBuilder g =
          groups.computeIfAbsent(
              s.group(),
              k ->
                  new StringBuilder("\n## ")
                      .append(k)
                      .append(
                          "\n\n| Environment | Key | Type | Default | Description |\n|---|---|---|---|---|\n"));
      String def =
          s.defaultValue() == null
              ? (s.required() ? "required" : "—")
              : "`" + s.render(s.defaultValue()) + "`";
      g.append("| `")
          .append(s.env())
          .append("` | `")
          .append(s.key())
          .append("` | ")
          .append(s.type())
          .append(" | ")
          .append(def)
          .append(" | ")
          .append(s.doc().replace("|", "\\|"))
          .append(s.secret() ? " (secret)" : "")
          .append(" |\n");
    }
    StringBuilder out =
        new StringBuilder("# ")
            .append(title)
            .append("\n\n<!-- Generated from the Setting declarations; do not edit by hand. -->\n")
            .append(
                "Precedence: command-line flag > environment variable > properties file > default.\n");
    groups.values().forEach(out::append);
    return out.toString();
  }
}
