package dev.ferry.emulator.soql;

import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** The syntax tree the parser produces; names are as written, nothing is resolved yet. */
final class Ast {
  private Ast() {}

  /** A SELECT statement, the root one or a parent-to-child subquery. */
  record Select(
      Token selectToken,
      List<SelectItem> items,
      Path from,
      @Nullable Token alias,
      @Nullable Condition where,
      List<Path> groupBy,
      List<OrderItem> orderBy,
      @Nullable Token limit,
      @Nullable Token offset) {}

  /** A dotted name, e.g. {@code Account.Owner.Name}; one token per segment. */
  record Path(List<Token> segments) {
    Token first() {
      return segments.get(0);
    }

    String text() {
      return segments.stream().map(Token::text).collect(Collectors.joining("."));
    }
  }

  sealed interface SelectItem {
    Token start();
  }

  record FieldItem(Path path, @Nullable Token alias) implements SelectItem {
    @Override
    public Token start() {
      return path.first();
    }
  }

  /** {@code COUNT()}. */
  record CountAll(Token start) implements SelectItem {}

  record AggregateItem(Token start, AggregateFunction function, Path path, @Nullable Token alias)
      implements SelectItem {}

  record FieldsItem(Token start, FieldsKind kind) implements SelectItem {}

  record SubqueryItem(Token start, Select query) implements SelectItem {}

  /** {@code TYPEOF What WHEN Account THEN Phone, Name ... ELSE Name END}. */
  record TypeofItem(Token start, Token relationship, List<TypeofBranch> branches, List<Path> orElse)
      implements SelectItem {}

  record TypeofBranch(Token type, List<Path> fields) {}

  enum FieldsKind {
    ALL,
    STANDARD,
    CUSTOM
  }

  enum AggregateFunction {
    COUNT,
    COUNT_DISTINCT,
    SUM,
    AVG,
    MIN,
    MAX
  }

  record OrderItem(OrderKey key, boolean descending, @Nullable Boolean nullsFirst) {}

  /** An ORDER BY key: a field path, or an aggregate function in an aggregate query. */
  sealed interface OrderKey {
    Token start();
  }

  record OrderByPath(Path path) implements OrderKey {
    @Override
    public Token start() {
      return path.first();
    }
  }

  record OrderByAggregate(Token start, AggregateFunction function, Path path) implements OrderKey {}

  sealed interface Condition {}

  record And(List<Condition> terms) implements Condition {}

  record Or(List<Condition> terms) implements Condition {}

  record Not(Condition term) implements Condition {}

  /** {@code path op value}; op is one of = != < <= > >= LIKE. */
  record Comparison(Path path, Token operator, Literal value) implements Condition {}

  record InList(Path path, boolean negated, Token operator, List<Literal> values)
      implements Condition {}

  /** {@code Id IN (SELECT AccountId FROM Contact ...)}. */
  record SemiJoin(Path path, boolean negated, Token operator, Select query) implements Condition {}

  record Includes(Path path, boolean excludes, Token operator, List<Literal> values)
      implements Condition {}

  /** A literal value; token is where it was written. */
  sealed interface Literal {
    Token token();
  }

  record StringLit(Token token, String value, String likePattern) implements Literal {}

  record NumberLit(Token token, java.math.BigDecimal value) implements Literal {}

  record BooleanLit(Token token, boolean value) implements Literal {}

  record NullLit(Token token) implements Literal {}

  record DateLit(Token token, java.time.LocalDate value) implements Literal {}

  record DateTimeLit(Token token, java.time.Instant value) implements Literal {}

  record RelativeDateLit(Token token, RelativeDate kind, int n) implements Literal {}
}
