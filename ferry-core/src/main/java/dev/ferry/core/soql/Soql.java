package dev.ferry.core.soql;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A SOQL statement built from validated identifiers and correctly formatted literals. Build with
 * {@link #select} or {@link #count}; {@link #text()} is what goes on the wire. There is no way to
 * splice raw text into a statement except {@link #ofText}, which is for constant query text written
 * in code.
 */
public final class Soql {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
  private static final Pattern FIELD_PATH =
      Pattern.compile("[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*){0,4}");

  private final String text;
  private final String object;

  private Soql(String text, String object) {
    this.text = text;
    this.object = object;
  }

  public static Builder select(List<String> fields) {
    if (fields.isEmpty()) throw new IllegalArgumentException("SOQL select list is empty");
    List<String> checked = new ArrayList<>();
    for (String f : fields) checked.add(fieldPath(f));
    return new Builder(String.join(", ", checked));
  }

  public static Builder select(String... fields) {
    return select(List.of(fields));
  }

  /** {@code SELECT COUNT() FROM ...}. */
  public static Builder count() {
    return new Builder("COUNT()");
  }

  /** Constant query text written in code (tests, fixed probes). Never pass user input here. */
  public static Soql ofText(String constantText) {
    Objects.requireNonNull(constantText);
    String[] words = constantText.trim().split("\\s+");
    String object = "";
    for (int i = 0; i + 1 < words.length; i++) {
      if (words[i].equalsIgnoreCase("FROM")) {
        object = words[i + 1];
        break;
      }
    }
    return new Soql(constantText, object);
  }

  static String identifier(String name) {
    if (name == null || !IDENTIFIER.matcher(name).matches()) {
      throw new IllegalArgumentException("not a valid Salesforce API name: '" + name + "'");
    }
    return name;
  }

  static String fieldPath(String path) {
    if (path == null || !FIELD_PATH.matcher(path).matches()) {
      throw new IllegalArgumentException("not a valid Salesforce field path: '" + path + "'");
    }
    return path;
  }

  public String text() {
    return text;
  }

  /** The FROM object. */
  public String object() {
    return object;
  }

  @Override
  public String toString() {
    return text;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Soql s && s.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  /** Fluent builder; each clause may be given once. */
  public static final class Builder {
    private final String selectList;
    private String from;
    private Condition where;
    private final List<String> orderBy = new ArrayList<>();
    private Integer limit;
    private Integer offset;

    private Builder(String selectList) {
      this.selectList = selectList;
    }

    public Builder from(String object) {
      this.from = identifier(object);
      return this;
    }

    public Builder where(Condition condition) {
      this.where = Objects.requireNonNull(condition);
      return this;
    }

    public Builder orderBy(String field) {
      orderBy.add(fieldPath(field) + " ASC");
      return this;
    }

    public Builder orderByDesc(String field) {
      orderBy.add(fieldPath(field) + " DESC");
      return this;
    }

    public Builder limit(int n) {
      if (n < 0) throw new IllegalArgumentException("LIMIT must be >= 0: " + n);
      this.limit = n;
      return this;
    }

    public Builder offset(int n) {
      if (n < 0) throw new IllegalArgumentException("OFFSET must be >= 0: " + n);
      this.offset = n;
      return this;
    }

    public Soql build() {
      if (from == null) throw new IllegalStateException("SOQL needs FROM");
      StringBuilder s =
          new StringBuilder("SELECT ").append(selectList).append(" FROM ").append(from);
      if (where != null) s.append(" WHERE ").append(where.render());
      if (!orderBy.isEmpty()) s.append(" ORDER BY ").append(String.join(", ", orderBy));
      if (limit != null) s.append(" LIMIT ").append(limit);
      if (offset != null) s.append(" OFFSET ").append(offset);
      return new Soql(s.toString(), from);
    }
  }
}
