package dev.ferry.emulator.soql;

import java.util.List;

/**
 * Builds Salesforce-shaped error messages that point into the statement:
 *
 * <pre>
 * \nSELECT Id, Dispenser__c, Answer__c, Audit_Question__c\n           ^\nERROR at Row:1:Column:12\nNo such column ...
 * </pre>
 *
 * The excerpt is a window of up to four tokens before the offending token and four after it, on the
 * same line, with the caret under the offending token. That window size matches every real message
 * we could find (INVALID_FIELD, INVALID_TYPE captures from live orgs); messages for positions at
 * the end of the statement follow the same rule.
 */
final class SourceErrors {
  static final String MALFORMED_QUERY = "MALFORMED_QUERY";
  static final String INVALID_FIELD = "INVALID_FIELD";
  static final String INVALID_TYPE = "INVALID_TYPE";
  static final String INVALID_QUERY_FILTER_OPERATOR = "INVALID_QUERY_FILTER_OPERATOR";

  private static final int WINDOW = 4;

  private final String source;
  private final List<Token> tokens;

  SourceErrors(String source, List<Token> tokens) {
    this.source = source;
    this.tokens = tokens;
  }

  SoqlException unexpected(Token token) {
    return at(MALFORMED_QUERY, token, "unexpected token: '" + token.quoted() + "'");
  }

  SoqlException at(String errorCode, Token token, String text) {
    return at(errorCode, token.start(), Math.max(token.end() - token.start(), 0), text);
  }

  /** An error at an offset; width is how many characters the offending text spans. */
  SoqlException at(String errorCode, int offset, int width, String text) {
    int lineStart = source.lastIndexOf('\n', offset - 1) + 1;
    int lineEnd = source.indexOf('\n', offset);
    if (lineEnd < 0) lineEnd = source.length();
    int row = 1;
    for (int i = 0; i < lineStart; i++) if (source.charAt(i) == '\n') row++;
    int column = offset - lineStart + 1;

    int index = firstTokenAtOrAfter(offset);
    int from = offset;
    int to = Math.min(offset + width, lineEnd);
    for (int i = index - 1, n = 0; i >= 0 && n < WINDOW; i--, n++) {
      Token t = tokens.get(i);
      if (t.start() < lineStart) break;
      from = t.start();
    }
    boolean atToken = index < tokens.size() && tokens.get(index).start() == offset;
    int after = atToken ? index + 1 : index;
    for (int i = after, n = 0; i < tokens.size() && n < WINDOW; i++, n++) {
      Token t = tokens.get(i);
      if (t.kind() == Token.Kind.EOF || t.end() > lineEnd) break;
      to = Math.max(to, t.end());
    }
    String excerpt = source.substring(from, Math.max(from, to)).replace('\r', ' ');
    String caret = " ".repeat(offset - from) + "^";
    String message =
        "\n" + excerpt + "\n" + caret + "\nERROR at Row:" + row + ":Column:" + column + "\n" + text;
    return new SoqlException(errorCode, message);
  }

  private int firstTokenAtOrAfter(int offset) {
    int lo = 0;
    int hi = tokens.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (tokens.get(mid).start() < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
