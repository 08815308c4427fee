package dev.ferry.app.log;

/** logfmt quoting: {@code key=value}, the value quoted when it holds spaces, quotes or '='. */
final class Logfmt {
  private Logfmt() {}

  static void pair(StringBuilder out, String key, Object value) {
    if (out.length() > 0 && out.charAt(out.length() - 1) != ' ') out.append(' ');
    out.append(key(key)).append('=');
    value(out, String.valueOf(value), false);
  }

  /** Appends {@code value}, quoted when needed (or always). */
  static void value(StringBuilder out, String value, boolean alwaysQuote) {
    if (!alwaysQuote && !needsQuotes(value)) {
      out.append(value);
      return;
    }
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
          else out.append(c);
        }
      }
    }
    out.append('"');
  }

  private static boolean needsQuotes(String value) {
    if (value.isEmpty()) return true;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= ' ' || c == '"' || c == '=' || c == '\\') return true;
    }
    return false;
  }

  /** Keys keep letters, digits, '_', '-' and '.'; anything else becomes '_'. */
  static String key(String key) {
    StringBuilder b = new StringBuilder(key.length());
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      b.append(Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' ? c : '_');
    }
    return b.isEmpty() ? "_" : b.toString();
  }
}
