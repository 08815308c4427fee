package dev.ferry.emulator.soql;

import java.util.ArrayList;
import java.util.List;

/**
 * A SOQL LIKE pattern: {@code %} matches any run of characters, {@code _} exactly one, {@code \%}
 * and {@code \_} the literal characters; matching ignores case. Compiled once into the literal runs
 * between {@code %}s, then matched without backtracking: the first run is anchored at the start,
 * the last at the end, and the ones between are placed leftmost, which is enough because {@code %}
 * is the only wildcard of variable length.
 */
final class LikePattern {
  /** A run between two {@code %}; any[i] marks an unescaped {@code _}. */
  private record Run(char[] chars, boolean[] any) {
    int length() {
      return chars.length;
    }
  }

  private final List<Run> runs;
  private final boolean hasPercent;

  private LikePattern(List<Run> runs, boolean hasPercent) {
    this.runs = runs;
    this.hasPercent = hasPercent;
  }

  /** Compiles the lexer's escape-preserving form of the string literal. */
  static LikePattern compile(String escaped) {
    List<Run> runs = new ArrayList<>();
    StringBuilder chars = new StringBuilder();
    List<Boolean> any = new ArrayList<>();
    boolean hasPercent = false;
    for (int i = 0; i < escaped.length(); i++) {
      char c = escaped.charAt(i);
      if (c == '\\' && i + 1 < escaped.length()) {
        chars.append(escaped.charAt(++i));
        any.add(false);
      } else if (c == '%') {
        runs.add(run(chars, any));
        chars.setLength(0);
        any.clear();
        hasPercent = true;
      } else {
        chars.append(c);
        any.add(c == '_');
      }
    }
    runs.add(run(chars, any));
    return new LikePattern(List.copyOf(runs), hasPercent);
  }

  private static Run run(StringBuilder chars, List<Boolean> any) {
    char[] lower = new char[chars.length()];
    boolean[] wildcard = new boolean[chars.length()];
    for (int i = 0; i < lower.length; i++) {
      lower[i] = Character.toLowerCase(chars.charAt(i));
      wildcard[i] = any.get(i);
    }
    return new Run(lower, wildcard);
  }

  boolean matches(String s) {
    if (!hasPercent) {
      Run only = runs.get(0);
      return s.length() == only.length() && matchesAt(only, s, 0);
    }
    Run first = runs.get(0);
    Run last = runs.get(runs.size() - 1);
    if (s.length() < first.length() + last.length()) return false;
    if (!matchesAt(first, s, 0)) return false;
    int limit = s.length() - last.length();
    if (!matchesAt(last, s, limit)) return false;
    int pos = first.length();
    for (int r = 1; r < runs.size() - 1; r++) {
      Run run = runs.get(r);
      int found = -1;
      for (int i = pos; i + run.length() <= limit; i++) {
        if (matchesAt(run, s, i)) {
          found = i;
          break;
        }
      }
      if (found < 0) return false;
      pos = found + run.length();
    }
    return true;
  }

  private static boolean matchesAt(Run run, String s, int at) {
    for (int i = 0; i < run.length(); i++) {
      if (run.any()[i]) continue;
      char p = run.chars()[i];
      char c = s.charAt(at + i);
      if (p != c
          && p != Character.toLowerCase(c)
          && p != Character.toLowerCase(Character.toUpperCase(c))) {
        return false;
      }
    }
    return true;
  }
}
