package dev.ferry.emulator.soql;

import dev.ferry.emulator.soql.Ast.AggregateFunction;
import dev.ferry.emulator.soql.Ast.Condition;
import dev.ferry.emulator.soql.Ast.Literal;
import dev.ferry.emulator.soql.Ast.Path;
import dev.ferry.emulator.soql.Ast.SelectItem;
import dev.ferry.emulator.soql.Token.Kind;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Recursive-descent parser for the SOQL subset of spec §3.4. Keywords and names are
 * case-insensitive; the first token that does not fit the grammar is reported as Salesforce does:
 * {@code MALFORMED_QUERY} "unexpected token: 'X'" with the position.
 */
final class Parser {
  /** Words that end a select item or a FROM clause, so they cannot be aliases. */
  private static final Set<String> RESERVED =
      Set.of(
          "AND",
          "ASC",
          "DESC",
          "EXCLUDES",
          "FIRST",
          "FROM",
          "GROUP",
          "HAVING",
          "IN",
          "INCLUDES",
          "LAST",
          "LIKE",
          "LIMIT",
          "NOT",
          "NULL",
          "NULLS",
          "OR",
          "SELECT",
          "WHERE",
          "WITH",
          "ORDER",
          "OFFSET",
          "FOR",
          "USING",
          "TYPEOF",
          "WHEN",
          "THEN",
          "ELSE",
          "END",
          "UPDATE",
          "TRUE",
          "FALSE");

  /**
   * Words that cannot name a field, relationship or object. Salesforce reserves a few more (GROUP,
   * ORDER) that are nevertheless sObject and relationship names ({@code FROM Group}, {@code
   * OrderItem.Order}), so those stay usable as names.
   */
  private static final Set<String> NOT_A_NAME =
      Set.of(
          "AND",
          "ASC",
          "DESC",
          "EXCLUDES",
          "FIRST",
          "FROM",
          "HAVING",
          "IN",
          "INCLUDES",
          "LAST",
          "LIKE",
          "LIMIT",
          "NOT",
          "NULL",
          "NULLS",
          "OR",
          "SELECT",
          "WHERE",
          "WITH",
          "OFFSET",
          "TRUE",
          "FALSE");

  private final List<Token> tokens;
  private final SourceErrors errors;
  private int index;
  private int subqueryDepth;

  private Parser(String source, List<Token> tokens) {
    this.tokens = tokens;
    this.errors = new SourceErrors(source, tokens);
  }

  static Ast.Select parse(String source, List<Token> tokens) {
    Parser parser = new Parser(source, tokens);
    Ast.Select select = parser.select();
    parser.expect(Kind.EOF);
    return select;
  }

  private Ast.Select select() {
    Token selectToken = expectKeyword("SELECT");
    List<SelectItem> items = new ArrayList<>();
    items.add(selectItem());
    while (peek().kind() == Kind.COMMA) {
      next();
      items.add(selectItem());
    }
    expectKeyword("FROM");
    Path from = subqueryDepth > 0 ? path() : new Path(List.of(name()));
    Token alias = optionalAlias();
    Condition where = null;
    if (peek().isKeyword("WHERE")) {
      next();
      where = condition();
    }
    List<Path> groupBy = new ArrayList<>();
    if (peek().isKeyword("GROUP")) {
      next();
      expectKeyword("BY");
      groupBy.add(path());
      while (peek().kind() == Kind.COMMA) {
        next();
        groupBy.add(path());
      }
    }
    List<Ast.OrderItem> orderBy = new ArrayList<>();
    if (peek().isKeyword("ORDER")) {
      next();
      expectKeyword("BY");
      orderBy.add(orderItem());
      while (peek().kind() == Kind.COMMA) {
        next();
        orderBy.add(orderItem());
      }
    }
    Token limit = null;
    if (peek().isKeyword("LIMIT")) {
      next();
      limit = expect(Kind.NUMBER);
    }
    Token offset = null;
    if (peek().isKeyword("OFFSET")) {
      next();
      offset = expect(Kind.NUMBER);
    }
    // FOR VIEW / FOR REFERENCE / FOR UPDATE: accepted and ignored, as the spec asks.
    while (peek().isKeyword("FOR")) {
      next();
      Token what = expect(Kind.IDENT);
      if (!what.isKeyword("VIEW") && !what.isKeyword("REFERENCE") && !what.isKeyword("UPDATE")) {
        throw errors.unexpected(what);
      }
    }
    return new Ast.Select(selectToken, items, from, alias, where, groupBy, orderBy, limit, offset);
  }

  private SelectItem selectItem() {
    Token start = peek();
    if (start.kind() == Kind.LPAREN) {
      next();
      subqueryDepth++;
      Ast.Select query = select();
      subqueryDepth--;
      expect(Kind.RPAREN);
      return new Ast.SubqueryItem(start, query);
    }
    Token name = name();
    if (name.isKeyword("TYPEOF") && peek().kind() == Kind.IDENT && !isReserved(peek())) {
      return typeof(name);
    }
    if (peek().kind() == Kind.LPAREN) {
      String word = name.text().toUpperCase(Locale.ROOT);
      if (word.equals("FIELDS")) return fields(name);
      AggregateFunction function = aggregateFunction(name);
      if (function == null) {
        throw errors.at(
            SourceErrors.MALFORMED_QUERY,
            name,
            "unsupported function: '"
                + name.text()
                + "' (the Ferry emulator does not implement it)");
      }
      next();
      if (function == AggregateFunction.COUNT && peek().kind() == Kind.RPAREN) {
        next();
        return new Ast.CountAll(name);
      }
      Path path = path();
      expect(Kind.RPAREN);
      return new Ast.AggregateItem(name, function, path, optionalAlias());
    }
    index--;
    Path path = path();
    return new Ast.FieldItem(path, optionalAlias());
  }

  private SelectItem fields(Token name) {
    next();
    Token kind = expect(Kind.IDENT);
    Ast.FieldsKind fieldsKind;
    try {
      fieldsKind = Ast.FieldsKind.valueOf(kind.text().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw errors.unexpected(kind);
    }
    expect(Kind.RPAREN);
    return new Ast.FieldsItem(name, fieldsKind);
  }

  private SelectItem typeof(Token start) {
    Token relationship = expect(Kind.IDENT);
    List<Ast.TypeofBranch> branches = new ArrayList<>();
    while (peek().isKeyword("WHEN")) {
      next();
      Token type = expect(Kind.IDENT);
      expectKeyword("THEN");
      branches.add(new Ast.TypeofBranch(type, pathList()));
    }
    if (branches.isEmpty()) throw errors.unexpected(peek());
    List<Path> orElse = List.of();
    if (peek().isKeyword("ELSE")) {
      next();
      orElse = pathList();
    }
    expectKeyword("END");
    return new Ast.TypeofItem(start, relationship, branches, orElse);
  }

  private List<Path> pathList() {
    List<Path> paths = new ArrayList<>();
    paths.add(path());
    while (peek().kind() == Kind.COMMA) {
      next();
      paths.add(path());
    }
    return paths;
  }

  private Ast.OrderItem orderItem() {
    Token start = peek();
    Ast.OrderKey key;
    AggregateFunction function = aggregateFunction(start);
    if (function != null && peekAt(1).kind() == Kind.LPAREN) {
      next();
      next();
      Path path = path();
      expect(Kind.RPAREN);
      key = new Ast.OrderByAggregate(start, function, path);
    } else {
      key = new Ast.OrderByPath(path());
    }
    boolean descending = false;
    if (peek().isKeyword("ASC")) {
      next();
    } else if (peek().isKeyword("DESC")) {
      next();
      descending = true;
    }
    Boolean nullsFirst = null;
    if (peek().isKeyword("NULLS")) {
      next();
      Token which = expect(Kind.IDENT);
      if (which.isKeyword("FIRST")) nullsFirst = true;
      else if (which.isKeyword("LAST")) nullsFirst = false;
      else throw errors.unexpected(which);
    }
    return new Ast.OrderItem(key, descending, nullsFirst);
  }

  /**
   * condExpr := condTerm {(AND|OR) condTerm}. One level may not mix AND and OR: Salesforce reports
   * the first connective that differs as an unexpected token.
   */
  private Condition condition() {
    List<Condition> terms = new ArrayList<>();
    terms.add(conditionTerm());
    String connective = null;
    while (peek().isKeyword("AND") || peek().isKeyword("OR")) {
      Token op = next();
      String word = op.text().toUpperCase(Locale.ROOT);
      if (connective == null) connective = word;
      else if (!connective.equals(word)) throw errors.unexpected(op);
      terms.add(conditionTerm());
    }
    if (terms.size() == 1) return terms.get(0);
    return "AND".equals(connective) ? new Ast.And(terms) : new Ast.Or(terms);
  }

  private Condition conditionTerm() {
    if (peek().isKeyword("NOT")) {
      next();
      return new Ast.Not(conditionTerm());
    }
    if (peek().kind() == Kind.LPAREN) {
      next();
      Condition inner = condition();
      expect(Kind.RPAREN);
      return inner;
    }
    Path path = path();
    Token op = next();
    switch (op.kind()) {
      case EQ, NE, LT, LE, GT, GE -> {
        return new Ast.Comparison(path, op, literal());
      }
      case IDENT -> {
        String word = op.text().toUpperCase(Locale.ROOT);
        switch (word) {
          case "LIKE" -> {
            Literal pattern = literal();
            if (pattern instanceof Ast.NullLit) throw errors.unexpected(pattern.token());
            return new Ast.Comparison(path, op, pattern);
          }
          case "IN" -> {
            return in(path, false, op);
          }
          case "NOT" -> {
            Token in = next();
            if (!in.isKeyword("IN")) throw errors.unexpected(in);
            return in(path, true, op);
          }
          case "INCLUDES", "EXCLUDES" -> {
            return new Ast.Includes(path, word.equals("EXCLUDES"), op, literalList());
          }
          default -> throw errors.unexpected(op);
        }
      }
      default -> throw errors.unexpected(op);
    }
  }

  private Condition in(Path path, boolean negated, Token op) {
    if (peek().kind() == Kind.LPAREN && peekAt(1).isKeyword("SELECT")) {
      next();
      subqueryDepth++;
      Ast.Select query = select();
      subqueryDepth--;
      expect(Kind.RPAREN);
      return new Ast.SemiJoin(path, negated, op, query);
    }
    return new Ast.InList(path, negated, op, literalList());
  }

  private List<Literal> literalList() {
    expect(Kind.LPAREN);
    List<Literal> values = new ArrayList<>();
    values.add(literal());
    while (peek().kind() == Kind.COMMA) {
      next();
      values.add(literal());
    }
    expect(Kind.RPAREN);
    return values;
  }

  private Literal literal() {
    Token t = next();
    switch (t.kind()) {
      case STRING -> {
        return new Ast.StringLit(
            t, (String) Objects.requireNonNull(t.value()), Objects.requireNonNull(t.likePattern()));
      }
      case NUMBER -> {
        return new Ast.NumberLit(t, (BigDecimal) Objects.requireNonNull(t.value()));
      }
      case DATE -> {
        return new Ast.DateLit(t, (LocalDate) Objects.requireNonNull(t.value()));
      }
      case DATETIME -> {
        return new Ast.DateTimeLit(t, (Instant) Objects.requireNonNull(t.value()));
      }
      case IDENT -> {
        if (t.isKeyword("NULL")) return new Ast.NullLit(t);
        if (t.isKeyword("TRUE")) return new Ast.BooleanLit(t, true);
        if (t.isKeyword("FALSE")) return new Ast.BooleanLit(t, false);
        RelativeDate relative = RelativeDate.lookup(t.text());
        if (relative == null) throw errors.unexpected(t);
        if (!relative.takesN()) return new Ast.RelativeDateLit(t, relative, 0);
        expect(Kind.COLON);
        Token n = expect(Kind.NUMBER);
        return new Ast.RelativeDateLit(t, relative, nonNegativeInt(n));
      }
      default -> throw errors.unexpected(t);
    }
  }

  private int nonNegativeInt(Token n) {
    BigDecimal value = (BigDecimal) Objects.requireNonNull(n.value());
    try {
      int i = value.intValueExact();
      if (i >= 0 && !n.text().contains(".") && !n.text().contains("e") && !n.text().contains("E")) {
        return i;
      }
    } catch (ArithmeticException e) {
      // falls through to the error below
    }
    throw errors.unexpected(n);
  }

  private Path path() {
    List<Token> segments = new ArrayList<>();
    segments.add(name());
    while (peek().kind() == Kind.DOT) {
      next();
      segments.add(name());
    }
    return new Path(List.copyOf(segments));
  }

  /** An identifier usable as a name. */
  private Token name() {
    Token t = expect(Kind.IDENT);
    if (NOT_A_NAME.contains(t.text().toUpperCase(Locale.ROOT))) throw errors.unexpected(t);
    return t;
  }

  private @Nullable Token optionalAlias() {
    Token t = peek();
    if (t.kind() == Kind.IDENT && !isReserved(t)) {
      next();
      return t;
    }
    return null;
  }

  private static boolean isReserved(Token t) {
    return RESERVED.contains(t.text().toUpperCase(Locale.ROOT));
  }

  private static @Nullable AggregateFunction aggregateFunction(Token t) {
    if (t.kind() != Kind.IDENT) return null;
    try {
      return AggregateFunction.valueOf(t.text().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private Token expectKeyword(String keyword) {
    Token t = next();
    if (!t.isKeyword(keyword)) throw errors.unexpected(t);
    return t;
  }

  private Token expect(Kind kind) {
    Token t = next();
    if (t.kind() != kind) throw errors.unexpected(t);
    return t;
  }

  private Token peek() {
    return tokens.get(index);
  }

  private Token peekAt(int ahead) {
    return tokens.get(Math.min(index + ahead, tokens.size() - 1));
  }

  private Token next() {
    Token t = tokens.get(index);
    if (t.kind() != Kind.EOF) index++;
    return t;
  }
}
