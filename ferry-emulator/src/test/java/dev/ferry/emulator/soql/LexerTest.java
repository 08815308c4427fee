package dev.ferry.emulator.soql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.emulator.soql.Token.Kind;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LexerTest {

  private static List<Kind> kinds(String source) {
    return Lexer.tokenize(source).stream().map(Token::kind).toList();
  }

  private static Token single(String source) {
    List<Token> tokens = Lexer.tokenize(source);
    assertThat(tokens).hasSize(2);
    assertThat(tokens.get(1).kind()).isEqualTo(Kind.EOF);
    return tokens.get(0);
  }

  @Test
  void splitsSymbolsIdentifiersAndKeepsPositions() {
    List<Token> tokens = Lexer.tokenize("SELECT a.b__c, c FROM X WHERE n<>1 AND m!=2 AND p<=3");
    assertThat(tokens.stream().map(Token::text))
        .containsExactly(
            "SELECT", "a", ".", "b__c", ",", "c", "FROM", "X", "WHERE", "n", "<>", "1", "AND", "m",
            "!=", "2", "AND", "p", "<=", "3", "");
    assertThat(tokens.get(3).start()).isEqualTo(9);
    assertThat(tokens.get(3).end()).isEqualTo(13);
    assertThat(kinds("a<b>c>=d=e:(f)"))
        .containsExactly(
            Kind.IDENT,
            Kind.LT,
            Kind.IDENT,
            Kind.GT,
            Kind.IDENT,
            Kind.GE,
            Kind.IDENT,
            Kind.EQ,
            Kind.IDENT,
            Kind.COLON,
            Kind.LPAREN,
            Kind.IDENT,
            Kind.RPAREN,
            Kind.EOF);
    assertThat(single("<>").kind()).isEqualTo(Kind.NE);
    assertThat(single("!=").kind()).isEqualTo(Kind.NE);
  }

  @Test
  void decodesEveryStringEscape() {
    Token t = single("'a\\'b\\\"c\\\\d\\ne\\rf\\tg\\bh\\fi\\u00e9j'");
    assertThat(t.kind()).isEqualTo(Kind.STRING);
    assertThat(t.value()).isEqualTo("a'b\"c\\d\ne\rf\tg\bh\fiéj");
    assertThat(t.text()).isEqualTo("'a\\'b\\\"c\\\\d\\ne\\rf\\tg\\bh\\fi\\u00e9j'");
  }

  @Test
  void keepsLikeEscapesApartFromWildcards() {
    Token t = single("'50\\% off_a%\\_\\\\'");
    assertThat(t.value()).isEqualTo("50% off_a%_\\");
    assertThat(t.likePattern()).isEqualTo("50\\% off_a%\\_\\\\");
  }

  @ParameterizedTest
  @CsvSource({"123, 123", "-1.5, -1.5", "1e3, 1000", "2.5E-2, 0.025", "0, 0", "-7, -7"})
  void readsNumbers(String text, String expected) {
    Token t = single(text);
    assertThat(t.kind()).isEqualTo(Kind.NUMBER);
    assertThat(((BigDecimal) t.value()).compareTo(new BigDecimal(expected))).isZero();
  }

  @Test
  void readsDatesAndDatetimes() {
    assertThat(single("2024-02-29").value()).isEqualTo(LocalDate.of(2024, 2, 29));
    assertThat(single("2024-01-02T03:04:05Z").value())
        .isEqualTo(Instant.parse("2024-01-02T03:04:05Z"));
    assertThat(single("2024-01-02T03:04:05.123+02:00").value())
        .isEqualTo(Instant.parse("2024-01-02T01:04:05.123Z"));
    assertThat(single("2024-01-02t03:04:05-0130").value())
        .isEqualTo(Instant.parse("2024-01-02T04:34:05Z"));
    assertThat(kinds("CreatedDate>=2024-01-01T00:00:00.000+00:00)"))
        .containsExactly(Kind.IDENT, Kind.GE, Kind.DATETIME, Kind.RPAREN, Kind.EOF);
  }

  @Test
  void refusesInvalidDatetimesWithSalesforceWording() {
    assertThatThrownBy(() ->
            Lexer.tokenize(
                "SELECT Id FROM Account WHERE SystemModstamp > 2020-12-12t12:12:00-25:00"))
        .isInstanceOfSatisfying(
            SoqlException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo("MALFORMED_QUERY");
              assertThat(e.getMessage()).endsWith("\nInvalid datetime: 2020-12-12t12:12:00-25:00");
              assertThat(e.getMessage()).contains("ERROR at Row:1:Column:47");
            });
    // A '+' that arrived as a space: the offset is missing.
    assertThatThrownBy(() -> Lexer.tokenize("X > 2013-12-01T12:00:00 00:00"))
        .hasMessageEndingWith("Invalid datetime: 2013-12-01T12:00:00");
    assertThatThrownBy(() -> Lexer.tokenize("X = 2024-13-01"))
        .hasMessageEndingWith("Invalid date: 2024-13-01");
    assertThatThrownBy(() -> Lexer.tokenize("X = 2024-02-30"))
        .hasMessageEndingWith("Invalid date: 2024-02-30");
  }

  @Test
  void refusesUnknownCharactersAndBadStrings() {
    assertThatThrownBy(() -> Lexer.tokenize("SELECT Id from $casecomment"))
        .isInstanceOfSatisfying(
            SoqlException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo("MALFORMED_QUERY");
              assertThat(e.getMessage())
                  .isEqualTo(
                      "\nSELECT Id from $\n               ^\nERROR at Row:1:Column:16\n"
                          + "line 1:15 unexpected token: '$'");
            });
    assertThatThrownBy(() -> Lexer.tokenize("WHERE Name = 'abc"))
        .isInstanceOf(SoqlException.class)
        .hasMessageContaining("mismatched character '<EOF>'");
    assertThatThrownBy(() -> Lexer.tokenize("WHERE Name = 'a\\qb'"))
        .hasMessageContaining("Illegal character sequence '\\q' in string literal");
    assertThatThrownBy(() -> Lexer.tokenize("WHERE Name = '\\u12'"))
        .hasMessageContaining("Illegal unicode escape sequence");
    assertThatThrownBy(() -> Lexer.tokenize("a ! b")).hasMessageContaining("unexpected token: '!'");
  }
}
