package dev.ferry.emulator.soql;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Resolves names of one statement against the org's schema and turns field paths into {@link
 * Reader}s. Errors carry Salesforce's codes and wording and point into the statement.
 */
final class Schema {
  /** Relationship paths may have at most five segments ("Contact.Account.Owner.FirstName" = 3). */
  static final int MAX_PATH_SEGMENTS = 5;

  private static final String WSDL =
      " Please reference your WSDL or the describe call for the appropriate names.";
  private static final SoqlField OBJECT_TYPE =
      new SoqlField("Type", SoqlType.STRING, List.of(), null, true, true);

  private final SoqlCatalog catalog;
  private final SoqlData data;
  private final SourceErrors errors;

  Schema(SoqlCatalog catalog, SoqlData data, SourceErrors errors) {
    this.catalog = catalog;
    this.data = data;
    this.errors = errors;
  }

  SourceErrors errors() {
    return errors;
  }

  SoqlData data() {
    return data;
  }

  Optional<SoqlObject> lookup(String name) {
    return catalog.object(name);
  }

  /** The FROM object; INVALID_TYPE when the org has no such sObject. */
  SoqlObject object(Token name) {
    return catalog
        .object(name.text())
        .orElseThrow(() ->
            errors.at(
                SourceErrors.INVALID_TYPE,
                name,
                "sObject type '"
                    + name.text()
                    + "' is not supported. If you are attempting to use a custom object, be"
                    + " sure to append the '__c' after the entity name."
                    + WSDL));
  }

  /** The segments of a path once a leading FROM alias or FROM object name is dropped. */
  List<Token> segments(Scope scope, Ast.Path path) {
    List<Token> segments = path.segments();
    if (segments.size() >= 2) {
      String first = segments.get(0).text();
      boolean alias = scope.alias() != null && scope.alias().equalsIgnoreCase(first);
      boolean objectName =
          scope.object().name().equalsIgnoreCase(first)
              && scope.object().parentRelationship(first).isEmpty();
      if (alias || objectName) return segments.subList(1, segments.size());
    }
    return segments;
  }

  /** Resolves a field path; INVALID_FIELD for an unknown field or relationship. */
  ResolvedPath resolve(Scope scope, Ast.Path path) {
    List<Token> segments = segments(scope, path);
    Token start = segments.get(0);
    if (segments.size() > MAX_PATH_SEGMENTS) {
      // Guessed wording; Salesforce documents the five-level limit but not its message.
      throw errors.at(
          SourceErrors.MALFORMED_QUERY,
          start,
          "SOQL statements cannot query relationships more than "
              + MAX_PATH_SEGMENTS
              + " levels away from the root entity object.");
    }
    List<String> keys = new ArrayList<>();
    List<SoqlField> references = new ArrayList<>();
    List<SoqlObject> current = List.of(scope.object());
    for (int i = 0; i < segments.size() - 1; i++) {
      String name = segments.get(i).text();
      SoqlField reference = relationship(current, name);
      if (reference == null) throw unknownRelationship(start, name);
      keys.add(reference.relationshipName());
      references.add(reference);
      current = targets(reference);
    }
    String last = segments.get(segments.size() - 1).text();
    boolean polymorphic = !references.isEmpty() && isPolymorphic(references.getLast());
    SoqlField field = field(current, last);
    boolean objectType = false;
    if (polymorphic && last.equalsIgnoreCase("Type")) {
      field = OBJECT_TYPE;
      objectType = true;
    }
    if (field == null) {
      String entity = current.size() == 1 && !polymorphic ? current.get(0).name() : "Name";
      throw errors.at(
          SourceErrors.INVALID_FIELD,
          start,
          "No such column '"
              + last
              + "' on entity '"
              + entity
              + "'. If you are attempting to use a custom field, be sure to append the '__c' after"
              + " the custom field name."
              + WSDL);
    }
    keys.add(field.name());
    Reader reader = reader(scope.object(), segmentTexts(segments));
    return new ResolvedPath(start, List.copyOf(keys), field, objectType, reader);
  }

  /** INVALID_FIELD for a relationship name the object does not have. */
  SoqlException unknownRelationship(Token at, String name) {
    return errors.at(
        SourceErrors.INVALID_FIELD,
        at,
        "Didn't understand relationship '"
            + name
            + "' in field path. If you are attempting to use a custom relationship, be sure to"
            + " append the '__r' after the custom relationship name."
            + WSDL);
  }

  /**
   * A reader for a path of names, resolved against one object without errors: unknown names read as
   * null. Used once a path is validated, and per concrete type behind a polymorphic lookup.
   */
  Reader reader(SoqlObject object, List<String> segments) {
    if (segments.size() == 1) {
      return object.field(segments.get(0)).map(Reader::field).orElse(Reader.nothing());
    }
    Optional<SoqlField> found = object.parentRelationship(segments.get(0));
    if (found.isEmpty()) return Reader.nothing();
    SoqlField reference = found.get();
    List<String> rest = segments.subList(1, segments.size());
    if (isPolymorphic(reference)) {
      if (rest.size() == 1 && rest.get(0).equalsIgnoreCase("Type")) {
        return Reader.hop(reference, data, Reader.objectType());
      }
      return Reader.polymorphicHop(
          reference,
          data,
          type -> catalog.object(type).map(o -> reader(o, rest)).orElse(Reader.nothing()));
    }
    List<SoqlObject> targets = targets(reference);
    if (targets.isEmpty()) return Reader.nothing();
    return Reader.hop(reference, data, reader(targets.get(0), rest));
  }

  static boolean isPolymorphic(SoqlField reference) {
    return reference.referenceTo().size() > 1;
  }

  /** The objects a lookup can point at, as far as the catalog knows them. */
  List<SoqlObject> targets(SoqlField reference) {
    List<SoqlObject> targets = new ArrayList<>();
    for (String name : reference.referenceTo()) catalog.object(name).ifPresent(targets::add);
    return targets;
  }

  private static @Nullable SoqlField relationship(List<SoqlObject> candidates, String name) {
    for (SoqlObject object : candidates) {
      Optional<SoqlField> reference = object.parentRelationship(name);
      if (reference.isPresent() && reference.get().relationshipName() != null) {
        return reference.get();
      }
    }
    return null;
  }

  private static @Nullable SoqlField field(List<SoqlObject> candidates, String name) {
    for (SoqlObject object : candidates) {
      Optional<SoqlField> field = object.field(name);
      if (field.isPresent()) return field.get();
    }
    return null;
  }

  static List<String> segmentTexts(List<Token> segments) {
    List<String> texts = new ArrayList<>(segments.size());
    for (Token t : segments) texts.add(t.text());
    return texts;
  }

  /** The object a SELECT reads and the alias it may be written with. */
  record Scope(SoqlObject object, @Nullable String alias) {}
}
