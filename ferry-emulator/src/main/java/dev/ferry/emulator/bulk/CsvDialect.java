package dev.ferry.emulator.bulk;

import java.util.Locale;

/** A job's columnDelimiter and lineEnding. */
public record CsvDialect(String columnDelimiter, String lineEnding) {
  public static final CsvDialect DEFAULT = new CsvDialect("COMMA", "LF");

  public CsvDialect {
    delimiterChar(columnDelimiter);
    if (!lineEnding.equals("LF") && !lineEnding.equals("CRLF")) {
      throw new IllegalArgumentException("lineEnding");
    }
  }

  /** Parses the job-create properties; null means the default. */
  public static CsvDialect of(String delimiter, String ending) {
    String d = delimiter == null ? "COMMA" : delimiter.toUpperCase(Locale.ROOT);
    String e = ending == null ? "LF" : ending.toUpperCase(Locale.ROOT);
    return new CsvDialect(d, e);
  }

  public char delimiter() {
    return delimiterChar(columnDelimiter);
  }

  public String newline() {
    return lineEnding.equals("CRLF") ? "\r\n" : "\n";
  }

  static char delimiterChar(String name) {
    return switch (name) {
      case "COMMA" -> ',';
      case "BACKQUOTE" -> '`';
      case "CARET" -> '^';
      case "PIPE" -> '|';
      case "SEMICOLON" -> ';';
      case "TAB" -> '\t';
      default -> throw new IllegalArgumentException("columnDelimiter");
    };
  }
}
