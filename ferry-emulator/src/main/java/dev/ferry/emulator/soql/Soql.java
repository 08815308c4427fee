package dev.ferry.emulator.soql;

import java.util.List;
import java.util.Objects;

/** Entry point of the emulator's SOQL engine. */
public final class Soql {
  private Soql() {}

  /**
   * Parses a statement; throws {@link SoqlException} (MALFORMED_QUERY) with Salesforce's wording.
   * Names are not checked here: {@link SoqlQuery#execute} resolves them against the catalog.
   */
  public static SoqlQuery parse(String text) {
    Objects.requireNonNull(text, "SOQL text");
    List<Token> tokens = Lexer.tokenize(text);
    return new ParsedQuery(text, tokens, Parser.parse(text, tokens));
  }
}
