package dev.ferry.app.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Help;

/**
 * {@code ferry --help} lists the commands in two groups: those that run Ferry here, and those that
 * talk to a running {@code ferry serve} (Heroku Connect's {@code connect:*} verbs).
 */
final class CommandGroups {
  /** In the order listed ({@code demo} and {@code emulator} come from ferry-demo, added last). */
  private static final List<String> LOCAL =
      List.of("help", "serve", "demo", "emulator", "config", "keyset");

  private CommandGroups() {}

  static void install(CommandLine cli) {
    Map<String, CommandLine.IHelpSectionRenderer> sections = cli.getHelpSectionMap();
    sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST_HEADING, h -> "");
    sections.put(
        CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, CommandGroups::render);
  }

  private static String render(Help help) {
    Map<String, Help> local = new LinkedHashMap<>();
    Map<String, Help> remote = new LinkedHashMap<>();
    Set<CommandLine.Model.CommandSpec> seen = new java.util.HashSet<>();
    for (Help sub : help.subcommands().values()) {
      if (!seen.add(sub.commandSpec())) continue; // listed again under an alias
      String name = sub.commandSpec().name();
      (LOCAL.contains(name) ? local : remote).put(name, sub);
    }
    Map<String, Help> ordered = new LinkedHashMap<>();
    for (String name : LOCAL) if (local.containsKey(name)) ordered.put(name, local.get(name));
    local = ordered;
    int width = 0;
    for (Help h : help.subcommands().values()) width = Math.max(width, names(h).length());
    StringBuilder s = new StringBuilder();
    section(s, "Commands:", local, width);
    section(
        s,
        "Connection commands (talk to a running `ferry serve`: --url/FERRY_URL,"
            + " --token/FERRY_API_TOKEN; see docs/cli.md):",
        remote,
        width);
    return s.toString();
  }

  private static void section(
      StringBuilder s, String title, Map<String, Help> commands, int width) {
    if (commands.isEmpty()) return;
    s.append(System.lineSeparator()).append(title).append(System.lineSeparator());
    for (Help h : commands.values()) {
      String first = summary(h.commandSpec().usageMessage().description());
      String names = names(h);
      s.append("  ")
          .append(names)
          .append(" ".repeat(width - names.length() + 2))
          .append(first)
          .append(System.lineSeparator());
    }
  }

  /** The description's first sentence, on one line. */
  static String summary(String[] description) {
    String text = String.join(" ", description).replace("%n", " ").replaceAll("\\s+", " ").strip();
    int end = text.indexOf(". ");
    if (end >= 0) text = text.substring(0, end + 1);
    return text.length() > 110 ? text.substring(0, 109) + "…" : text;
  }

  private static String names(Help h) {
    List<String> names = new ArrayList<>();
    names.add(h.commandSpec().name());
    names.addAll(List.of(h.commandSpec().aliases()));
    return String.join(", ", names);
  }
}
