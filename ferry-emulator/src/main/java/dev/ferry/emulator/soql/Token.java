package dev.ferry.emulator.soql;

import org.jspecify.annotations.Nullable;

/**
 * One lexical token of a statement.
 *
 * @param text the token exactly as written (what "unexpected token" messages quote)
 * @param start offset of the first character in the statement
 * @param end offset after the last character
 * @param value decoded value: String for STRING, BigDecimal for NUMBER, LocalDate for DATE, Instant
 *     for DATETIME, null otherwise
 * @param likePattern for STRING: the decoded text with {@code \%}, {@code \_} and {@code \\} kept
 *     escaped, so LIKE can tell a literal wildcard from a wildcard
 */
record Token(
    Kind kind,
    String text,
    int start,
    int end,
    @Nullable Object value,
    @Nullable String likePattern) {

  enum Kind {
    IDENT,
    STRING,
    NUMBER,
    DATE,
    DATETIME,
    LPAREN,
    RPAREN,
    COMMA,
    DOT,
    COLON,
    EQ,
    NE,
    LT,
    LE,
    GT,
    GE,
    EOF
  }

  /** True for an identifier spelled like the keyword, in any case. */
  boolean isKeyword(String keyword) {
    return kind == Kind.IDENT && text.equalsIgnoreCase(keyword);
  }

  /** What Salesforce quotes in "unexpected token: '...'". */
  String quoted() {
    return kind == Kind.EOF ? "<EOF>" : text;
  }
}
