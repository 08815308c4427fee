package dev.ferry.emulator.soql;

import dev.ferry.emulator.soql.Token.Kind;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a statement into tokens. SOQL has no arithmetic, so a minus sign directly before a digit
 * starts a negative number, and four digits followed by {@code -DD-} start a date or datetime.
 */
final class Lexer {
  private final String source;
  private final List<Token> tokens = new ArrayList<>();
  private int pos;

  private Lexer(String source) {
    this.source = source;
  }

  static List<Token> tokenize(String source) {
    Lexer lexer = new Lexer(source);
    lexer.run();
    return lexer.tokens;
  }

  private void run() {
    while (true) {
      while (pos < source.length() && Character.isWhitespace(source.charAt(pos))) pos++;
      if (pos >= source.length()) {
        tokens.add(new Token(Kind.EOF, "", source.length(), source.length(), null, null));
        return;
      }
      char c = source.charAt(pos);
      if (isIdentStart(c)) identifier();
      else if (c == '\'') string();
      else if (isDigit(c) || (c == '-' && isDigit(peek(1)))) numberOrDate();
      else symbol(c);
    }
  }

  private void identifier() {
    int start = pos;
    while (pos < source.length() && isIdentPart(source.charAt(pos))) pos++;
    add(Kind.IDENT, start, null, null);
  }

  private void string() {
    int start = pos++;
    StringBuilder value = new StringBuilder();
    StringBuilder like = new StringBuilder();
    while (true) {
      if (pos >= source.length()) {
        // Guessed wording, in the style of Salesforce's lexer messages.
        throw errors()
            .at(
                SourceErrors.MALFORMED_QUERY,
                start,
                pos - start,
                "line "
                    + line(start)
                    + ":"
                    + (pos - lineStart(pos))
                    + " mismatched character"
                    + " '<EOF>' expecting '''");
      }
      char c = source.charAt(pos);
      if (c == '\'') {
        pos++;
        break;
      }
      if (c != '\\') {
        value.append(c);
        like.append(c);
        pos++;
        continue;
      }
      char e = peek(1);
      switch (e) {
        case '\'', '"' -> append(value, like, e);
        case '\\' -> {
          value.append('\\');
          like.append("\\\\");
        }
        case 'n' -> append(value, like, '\n');
        case 'r' -> append(value, like, '\r');
        case 't' -> append(value, like, '\t');
        case 'b' -> append(value, like, '\b');
        case 'f' -> append(value, like, '\f');
        case '%', '_' -> {
          value.append(e);
          like.append('\\').append(e);
        }
        case 'u' -> {
          char decoded = unicodeEscape(start);
          append(value, like, decoded);
          pos += 4;
        }
        default ->
            // Guessed wording; Salesforce refuses unknown escapes.
            throw errors()
                .at(
                    SourceErrors.MALFORMED_QUERY,
                    pos,
                    2,
                    "Invalid string literal '"
                        + source.substring(start, pos + 2)
                        + "'. Illegal character sequence '\\"
                        + (pos + 1 < source.length() ? e : "")
                        + "' in string literal.");
      }
      pos += 2;
    }
    tokens.add(
        new Token(
            Kind.STRING,
            source.substring(start, pos),
            start,
            pos,
            value.toString(),
            like.toString()));
  }

  private static void append(StringBuilder value, StringBuilder like, char c) {
    value.append(c);
    if (c == '%' || c == '_' || c == '\\') like.append('\\');
    like.append(c);
  }

  private char unicodeEscape(int stringStart) {
    if (pos + 6 <= source.length()) {
      String hex = source.substring(pos + 2, pos + 6);
      if (hex.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
        return (char) Integer.parseInt(hex, 16);
      }
    }
    throw errors()
        .at(
            SourceErrors.MALFORMED_QUERY,
            pos,
            2,
            "Invalid string literal '"
                + source.substring(stringStart, Math.min(source.length(), pos + 6))
                + "'. Illegal unicode escape sequence in string literal.");
  }

  private void numberOrDate() {
    int start = pos;
    if (source.charAt(pos) != '-' && looksLikeDate()) {
      date(start);
      return;
    }
    if (source.charAt(pos) == '-') pos++;
    digits();
    if (peek(0) == '.' && isDigit(peek(1))) {
      pos++;
      digits();
    }
    if ((peek(0) == 'e' || peek(0) == 'E')
        && (isDigit(peek(1)) || ((peek(1) == '-' || peek(1) == '+') && isDigit(peek(2))))) {
      pos += 2;
      digits();
    }
    String text = source.substring(start, pos);
    tokens.add(new Token(Kind.NUMBER, text, start, pos, new BigDecimal(text), null));
  }

  private boolean looksLikeDate() {
    for (int i = 0; i < 4; i++) if (!isDigit(peek(i))) return false;
    return peek(4) == '-' && isDigit(peek(5)) && isDigit(peek(6)) && peek(7) == '-';
  }

  private void date(int start) {
    pos += 8;
    digits();
    if (peek(0) == 'T' || peek(0) == 't') {
      pos++;
      while (pos < source.length() && isDateTimePart(source.charAt(pos))) pos++;
      String text = source.substring(start, pos);
      Instant instant = DateTimeLiterals.parseDateTime(text);
      if (instant == null) {
        throw errors()
            .at(SourceErrors.MALFORMED_QUERY, start, pos - start, "Invalid datetime: " + text);
      }
      tokens.add(new Token(Kind.DATETIME, text, start, pos, instant, null));
      return;
    }
    String text = source.substring(start, pos);
    LocalDate date = DateTimeLiterals.parseDate(text);
    if (date == null) {
      throw errors().at(SourceErrors.MALFORMED_QUERY, start, pos - start, "Invalid date: " + text);
    }
    tokens.add(new Token(Kind.DATE, text, start, pos, date, null));
  }

  private void symbol(char c) {
    int start = pos;
    char next = peek(1);
    Kind kind;
    int length = 1;
    switch (c) {
      case '(' -> kind = Kind.LPAREN;
      case ')' -> kind = Kind.RPAREN;
      case ',' -> kind = Kind.COMMA;
      case '.' -> kind = Kind.DOT;
      case ':' -> kind = Kind.COLON;
      case '=' -> kind = Kind.EQ;
      case '!' -> {
        if (next != '=') throw unexpectedCharacter(start, c);
        kind = Kind.NE;
        length = 2;
      }
      case '<' -> {
        kind = next == '=' ? Kind.LE : next == '>' ? Kind.NE : Kind.LT;
        length = next == '=' || next == '>' ? 2 : 1;
      }
      case '>' -> {
        kind = next == '=' ? Kind.GE : Kind.GT;
        length = next == '=' ? 2 : 1;
      }
      default -> throw unexpectedCharacter(start, c);
    }
    pos += length;
    add(kind, start, null, null);
  }

  /** Salesforce (Summer '24 and later): "line 1:15 unexpected token: '$'", column 0-based. */
  private SoqlException unexpectedCharacter(int offset, char c) {
    return errors()
        .at(
            SourceErrors.MALFORMED_QUERY,
            offset,
            1,
            "line "
                + line(offset)
                + ":"
                + (offset - lineStart(offset))
                + " unexpected token: '"
                + c
                + "'");
  }

  private void add(Kind kind, int start, Object value, String like) {
    tokens.add(new Token(kind, source.substring(start, pos), start, pos, value, like));
  }

  private void digits() {
    while (pos < source.length() && isDigit(source.charAt(pos))) pos++;
  }

  private char peek(int ahead) {
    int i = pos + ahead;
    return i < source.length() ? source.charAt(i) : '\0';
  }

  private SourceErrors errors() {
    return new SourceErrors(source, tokens);
  }

  private int line(int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) if (source.charAt(i) == '\n') line++;
    return line;
  }

  private int lineStart(int offset) {
    return source.lastIndexOf('\n', offset - 1) + 1;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isIdentStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  private static boolean isIdentPart(char c) {
    return isIdentStart(c) || isDigit(c);
  }

  private static boolean isDateTimePart(char c) {
    return isDigit(c) || c == ':' || c == '.' || c == '+' || c == '-' || c == 'Z' || c == 'z';
  }
}
