package dev.ferry.emulator.org;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A small formula language for calculated fields: numbers, 'text', field names of the same object,
 * {@code + - * /}, {@code &} (text concatenation, null as empty), parentheses and the functions
 * TRIM, UPPER, LOWER, TEXT, BLANKVALUE(x, y) and ROUND(x, digits). Arithmetic with a null operand
 * gives null. This covers simple formula fields; real Salesforce formulas are much richer.
 */
public final class Formula {
  private static final Map<String, Formula> CACHE = new ConcurrentHashMap<>();

  private final Node root;

  private Formula(Node root) {
    this.root = root;
  }

  /** Parses (cached); throws IllegalArgumentException naming the problem. */
  public static Formula compile(String text) {
    return CACHE.computeIfAbsent(text, t -> new Formula(new Parser(t).parseAll()));
  }

  /** Names of the fields the formula reads. */
  public List<String> fieldNames() {
    List<String> names = new ArrayList<>();
    root.collect(names);
    return names;
  }

  /** Evaluates against field values looked up by name. */
  public @Nullable Object evaluate(Function<String, @Nullable Object> fields) {
    return root.eval(fields);
  }

  private interface Node {
    @Nullable Object eval(Function<String, @Nullable Object> fields);

    default void collect(List<String> names) {}
  }

  private record Literal(@Nullable Object value) implements Node {
    @Override
    public @Nullable Object eval(Function<String, @Nullable Object> fields) {
      return value;
    }
  }

  private record FieldRef(String name) implements Node {
    @Override
    public @Nullable Object eval(Function<String, @Nullable Object> fields) {
      return fields.apply(name);
    }

    @Override
    public void collect(List<String> names) {
      names.add(name);
    }
  }

  private record Binary(char op, Node left, Node right) implements Node {
    @Override
    public @Nullable Object eval(Function<String, @Nullable Object> fields) {
      Object l = left.eval(fields);
      Object r = right.eval(fields);
      if (op == '&') {
        return text(l) + text(r);
      }
      BigDecimal a = number(l);
      BigDecimal b = number(r);
      if (a == null || b == null) {
        return null;
      }
      return switch (op) {
        case '+' -> a.add(b);
        case '-' -> a.subtract(b);
        case '*' -> a.multiply(b);
        default -> b.signum() == 0 ? null : a.divide(b, MathContext.DECIMAL64);
      };
    }

    @Override
    public void collect(List<String> names) {
      left.collect(names);
      right.collect(names);
    }
  }

  private record Call(String function, List<Node> args) implements Node {
    @Override
    public @Nullable Object eval(Function<String, @Nullable Object> fields) {
      List<Object> values = new ArrayList<>();
      for (Node a : args) {
        values.add(a.eval(fields));
      }
      return switch (function) {
        case "TRIM" -> values.get(0) == null ? null : emptyToNull(text(values.get(0)).trim());
        case "UPPER" -> values.get(0) == null ? null : text(values.get(0)).toUpperCase(Locale.ROOT);
        case "LOWER" -> values.get(0) == null ? null : text(values.get(0)).toLowerCase(Locale.ROOT);
        case "TEXT" -> values.get(0) == null ? null : text(values.get(0));
        case "BLANKVALUE" ->
            values.get(0) == null || text(values.get(0)).isEmpty() ? values.get(1) : values.get(0);
        case "ROUND" -> {
          BigDecimal n = number(values.get(0));
          BigDecimal d = number(values.get(1));
          yield n == null || d == null ? null : n.setScale(d.intValue(), RoundingMode.HALF_UP);
        }
        default -> throw new IllegalStateException("unknown function " + function);
      };
    }

    @Override
    public void collect(List<String> names) {
      args.forEach(a -> a.collect(names));
    }
  }

  private static @Nullable String emptyToNull(String s) {
    return s.isEmpty() ? null : s;
  }

  private static String text(@Nullable Object o) {
    if (o == null) {
      return "";
    }
    if (o instanceof BigDecimal b) {
      return b.stripTrailingZeros().toPlainString();
    }
    return o.toString();
  }

  private static @Nullable BigDecimal number(@Nullable Object o) {
    if (o == null) {
      return null;
    }
    if (o instanceof BigDecimal b) {
      return b;
    }
    if (o instanceof Number n) {
      return new BigDecimal(n.toString());
    }
    try {
      return new BigDecimal(o.toString().trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static final class Parser {
    private static final List<String> FUNCTIONS =
        List.of("TRIM", "UPPER", "LOWER", "TEXT", "BLANKVALUE", "ROUND");
    private final String text;
    private int pos;

    Parser(String text) {
      this.text = text;
    }

    Node parseAll() {
      Node n = concat();
      skipSpace();
      if (pos < text.length()) {
        throw error("unexpected '" + text.charAt(pos) + "'");
      }
      return n;
    }

    private Node concat() {
      Node left = additive();
      while (peek('&')) {
        pos++;
        left = new Binary('&', left, additive());
      }
      return left;
    }

    private Node additive() {
      Node left = term();
      while (peek('+') || peek('-')) {
        char op = text.charAt(pos++);
        left = new Binary(op, left, term());
      }
      return left;
    }

    private Node term() {
      Node left = unary();
      while (peek('*') || peek('/')) {
        char op = text.charAt(pos++);
        left = new Binary(op, left, unary());
      }
      return left;
    }

    private Node unary() {
      if (peek('-')) {
        pos++;
        return new Binary('-', new Literal(BigDecimal.ZERO), unary());
      }
      return primary();
    }

    private Node primary() {
      skipSpace();
      if (pos >= text.length()) {
        throw error("unexpected end of formula");
      }
      char c = text.charAt(pos);
      if (c == '(') {
        pos++;
        Node inner = concat();
        expect(')');
        return inner;
      }
      if (c == '\'' || c == '"') {
        int end = text.indexOf(c, pos + 1);
        if (end < 0) {
          throw error("unterminated text literal");
        }
        String s = text.substring(pos + 1, end);
        pos = end + 1;
        return new Literal(s);
      }
      if (Character.isDigit(c) || c == '.') {
        int start = pos;
        while (pos < text.length()
            && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
          pos++;
        }
        return new Literal(new BigDecimal(text.substring(start, pos)));
      }
      if (Character.isLetter(c)) {
        int start = pos;
        while (pos < text.length()
            && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
          pos++;
        }
        String ident = text.substring(start, pos);
        String upper = ident.toUpperCase(Locale.ROOT);
        if (peek('(')) {
          if (!FUNCTIONS.contains(upper)) {
            throw error("unknown function " + ident + " (supported: " + FUNCTIONS + ")");
          }
          pos++;
          List<Node> args = new ArrayList<>();
          if (!peek(')')) {
            args.add(concat());
            while (peek(',')) {
              pos++;
              args.add(concat());
            }
          }
          expect(')');
          int arity = upper.equals("BLANKVALUE") || upper.equals("ROUND") ? 2 : 1;
          if (args.size() != arity) {
            throw error(ident + " takes " + arity + " argument(s)");
          }
          return new Call(upper, args);
        }
        return switch (upper) {
          case "NULL" -> new Literal(null);
          case "TRUE" -> new Literal(Boolean.TRUE);
          case "FALSE" -> new Literal(Boolean.FALSE);
          default -> new FieldRef(ident);
        };
      }
      throw error("unexpected '" + c + "'");
    }

    private boolean peek(char c) {
      skipSpace();
      return pos < text.length() && text.charAt(pos) == c;
    }

    private void expect(char c) {
      if (!peek(c)) {
        throw error("expected '" + c + "'");
      }
      pos++;
    }

    private void skipSpace() {
      while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
        pos++;
      }
    }

    private IllegalArgumentException error(String what) {
      return new IllegalArgumentException(
          "formula '" + text + "': " + what + " at position " + (pos + 1));
    }
  }
}
