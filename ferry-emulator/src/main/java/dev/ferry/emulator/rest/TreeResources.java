package dev.ferry.emulator.rest;

import dev.ferry.emulator.control.EndpointClass;
import dev.ferry.emulator.http.ApiException;
import dev.ferry.emulator.http.Exchange;
import dev.ferry.emulator.http.Router;
import dev.ferry.emulator.http.Router.Access;
import dev.ferry.emulator.org.ChildRelationshipDef;
import dev.ferry.emulator.org.JsonValues;
import dev.ferry.emulator.org.ObjectDef;
import dev.ferry.emulator.org.OrgStore.WriteTx;
import dev.ferry.emulator.org.RecordInput;
import dev.ferry.emulator.org.RecordSaver;
import dev.ferry.emulator.org.SaveException;
import dev.ferry.emulator.org.ValueTypeException;
import dev.ferry.emulator.server.EmulatorContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * sObject Tree ({@code POST /composite/tree/{Type}}): parent records with nested child records,
 * saved all or nothing, each answered by its referenceId (what {@code sf data import tree} uses).
 */
public final class TreeResources {
  private static final int MAX_RECORDS = 200;
  private static final int MAX_DEPTH = 5;

  private final EmulatorContext ctx;

  public TreeResources(EmulatorContext ctx) {
    this.ctx = ctx;
  }

  public void register(Router r) {
    r.add(
        "POST",
        "/services/data/{version}/composite/tree/{type}",
        EndpointClass.COMPOSITE,
        Access.API,
        this::tree);
  }

  /** One record of the tree: its input, where it hangs, and its children. */
  private record Node(
      String referenceId,
      ObjectDef def,
      RecordInput input,
      String parentField,
      List<Node> children) {}

  private void tree(Exchange ex) {
    if (!ex.version().atLeast(42)) {
      throw ApiException.notFound();
    }
    ObjectDef root = RestSupport.object(ctx, ex.param("type"));
    JsonNode body = ex.jsonBody();
    if (!body.path("records").isArray()) {
      throw new ApiException(
          400, "JSON_PARSER_ERROR", "The request body must hold a \"records\" array");
    }
    Set<String> refs = new HashSet<>();
    int[] count = {0};
    List<Node> nodes = new ArrayList<>();
    for (JsonNode r : body.path("records")) {
      nodes.add(node(r, root, null, refs, count, 1));
    }
    List<Map<String, Object>> results = new ArrayList<>();
    List<Map<String, Object>> failures = new ArrayList<>();
    try {
      ctx.store()
          .write(
              ex.changeOrigin(),
              tx -> {
                RecordSaver saver = ctx.saver();
                for (Node n : nodes) {
                  save(tx, saver, n, null, results, failures);
                }
                if (!failures.isEmpty()) {
                  tx.rollback();
                }
                return null;
              });
    } catch (ValueTypeException e) {
      throw new ApiException(400, "JSON_PARSER_ERROR", e.jsonParserMessage());
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("hasErrors", !failures.isEmpty());
    m.put("results", failures.isEmpty() ? results : failures);
    ex.json(failures.isEmpty() ? 201 : 400, m);
  }

  private Node node(
      JsonNode r, ObjectDef def, String parentField, Set<String> refs, int[] count, int depth) {
    if (!r.isObject()) {
      throw new ApiException(400, "JSON_PARSER_ERROR", "Each record must be a JSON object");
    }
    if (depth > MAX_DEPTH) {
      throw new ApiException(
          400, "INVALID_INPUT", "The tree is more than " + MAX_DEPTH + " levels deep");
    }
    if (++count[0] > MAX_RECORDS) {
      throw new ApiException(
          400, "INVALID_INPUT", "The request holds more than " + MAX_RECORDS + " records");
    }
    JsonNode attributes = r.path("attributes");
    String type = attributes.path("type").asString(null);
    String ref = attributes.path("referenceId").asString(null);
    if (type == null || !type.equalsIgnoreCase(def.name())) {
      throw new ApiException(
          400,
          "INVALID_INPUT",
          "Each record needs attributes.type " + def.name() + ", got " + type);
    }
    if (ref == null || ref.isBlank() || !refs.add(ref)) {
      throw new ApiException(
          400, "INVALID_INPUT", "Each record needs a unique attributes.referenceId, got " + ref);
    }
    LinkedHashMap<String, Object> values = new LinkedHashMap<>();
    List<Node> children = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : r.properties()) {
      if (e.getKey().equals("attributes")) {
        continue;
      }
      ChildRelationshipDef child =
          def.childRelationshipDefs().stream()
              .filter(c -> c.relationshipName().equalsIgnoreCase(e.getKey()))
              .findFirst()
              .orElse(null);
      if (child != null && e.getValue().isObject()) {
        ObjectDef childDef = RestSupport.object(ctx, child.childSObject());
        for (JsonNode c : e.getValue().path("records")) {
          children.add(node(c, childDef, child.field(), refs, count, depth + 1));
        }
      } else {
        values.put(e.getKey(), JsonValues.toJava(e.getValue()));
      }
    }
    return new Node(ref, def, new RecordInput(values, false), parentField, children);
  }

  private void save(
      WriteTx tx,
      RecordSaver saver,
      Node n,
      String parentId,
      List<Map<String, Object>> results,
      List<Map<String, Object>> failures) {
    if (parentId != null) {
      n.input().values().put(n.parentField(), parentId);
    }
    String id = null;
    try {
      id = saver.insert(tx, n.def(), n.input()).id();
      Map<String, Object> ok = new LinkedHashMap<>();
      ok.put("referenceId", n.referenceId());
      ok.put("id", id);
      results.add(ok);
    } catch (ValueTypeException e) {
      throw e;
    } catch (SaveException e) {
      Map<String, Object> bad = new LinkedHashMap<>();
      bad.put("referenceId", n.referenceId());
      bad.put("errors", List.of(RestSupport.errorItem(e.error())));
      failures.add(bad);
    }
    for (Node c : n.children()) {
      if (id != null) {
        save(tx, saver, c, id, results, failures);
      }
    }
  }
}
