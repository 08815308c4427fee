package dev.ferry.emulator.soql;

import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A statement that parsed; immutable, so it may be cached and executed many times. */
final class ParsedQuery implements SoqlQuery {
  private final String source;
  private final List<Token> tokens;
  private final Ast.Select select;

  ParsedQuery(String source, List<Token> tokens, Ast.Select select) {
    this.source = source;
    this.tokens = List.copyOf(tokens);
    this.select = select;
  }

  @Override
  public String objectName() {
    return select.from().first().text();
  }

  @Override
  public boolean isCountOnly() {
    return select.items().stream().anyMatch(i -> i instanceof Ast.CountAll);
  }

  /** Aggregate functions, COUNT() included, or GROUP BY. */
  @Override
  public boolean isAggregate() {
    return isCountOnly() || Planner.isAggregate(select);
  }

  @Override
  public boolean hasSubqueries() {
    return select.items().stream().anyMatch(i -> i instanceof Ast.SubqueryItem);
  }

  @Override
  public boolean hasOffset() {
    return select.offset() != null;
  }

  @Override
  public boolean hasLimit() {
    return select.limit() != null;
  }

  @Override
  public boolean hasOrderBy() {
    return !select.orderBy().isEmpty();
  }

  @Override
  public boolean usesFieldsFunction() {
    return select.items().stream().anyMatch(i -> i instanceof Ast.FieldsItem);
  }

  @Override
  public boolean hasTypeof() {
    return select.items().stream().anyMatch(i -> i instanceof Ast.TypeofItem);
  }

  /** Names that do not resolve are not compound; {@link #execute} reports them. */
  @Override
  public boolean selectsCompoundField(SoqlCatalog catalog) {
    Optional<SoqlObject> object = catalog.object(objectName());
    if (object.isEmpty()) return false;
    Schema schema = new Schema(catalog, NO_DATA, new SourceErrors(source, tokens));
    Schema.Scope scope =
        new Schema.Scope(object.get(), select.alias() == null ? null : select.alias().text());
    for (Ast.SelectItem item : select.items()) {
      if (item instanceof Ast.FieldItem field) {
        try {
          if (isCompound(schema.resolve(scope, field.path()).type())) return true;
        } catch (SoqlException unresolved) {
          // reported by execute
        }
      } else if (item instanceof Ast.FieldsItem) {
        if (object.get().fields().stream().anyMatch(f -> isCompound(f.type()))) return true;
      }
    }
    return false;
  }

  private static boolean isCompound(SoqlType type) {
    return type == SoqlType.ADDRESS || type == SoqlType.LOCATION;
  }

  @Override
  public SoqlResult execute(
      SoqlCatalog catalog, SoqlData data, boolean includeDeleted, InstantSource clock) {
    Objects.requireNonNull(catalog, "catalog");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(clock, "clock");
    Schema schema = new Schema(catalog, data, new SourceErrors(source, tokens));
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    return new Planner(schema, today, includeDeleted).run(select);
  }

  @Override
  public String toString() {
    return source;
  }

  /** Data for resolving names only; never read. */
  private static final SoqlData NO_DATA =
      new SoqlData() {
        @Override
        public Collection<? extends SoqlRow> rows(String objectName, boolean includeDeleted) {
          return List.of();
        }

        @Override
        public Optional<? extends SoqlRow> byId(String id) {
          return Optional.empty();
        }

        @Override
        public Collection<? extends SoqlRow> children(
            String childObject, String field, String parentId, boolean includeDeleted) {
          return List.of();
        }
      };
}
