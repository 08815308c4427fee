package dev.ferry.salesforce.rest;

import dev.ferry.core.sf.RecordHeader;
import dev.ferry.core.sf.SaveOperation;
import dev.ferry.core.sf.SaveRequest;
import dev.ferry.core.sf.SaveResult;
import dev.ferry.core.sf.SfRecord;
import dev.ferry.salesforce.internal.CallKind;
import dev.ferry.salesforce.internal.Names;
import dev.ferry.salesforce.internal.SfRequest;
import dev.ferry.salesforce.rest.RecordFlattener.Cell;
import dev.ferry.salesforce.transport.Transport;
import dev.ferry.salesforce.wire.SaveBody;
import dev.ferry.salesforce.wire.Wire;
import dev.ferry.salesforce.wire.WireFormatException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * sObject Collections: create, update, upsert and delete in chunks of at most 200 with
 * allOrNone=false, and retrieve by id. Results come back in request order.
 *
 * <p>Retry rule: create (POST) is resent only when Salesforce certainly did not process it; update,
 * upsert and delete are resent on any transient failure because repeating them leaves the same
 * data. After such a resend an upsert may report {@code created=false} for a record the lost first
 * attempt created, and a delete may report {@code ENTITY_IS_DELETED} for a record it deleted.
 */
public final class CollectionsCalls {
  public static final int MAX_RECORDS = 200;

  private final Transport transport;
  private final String dataPath;

  public CollectionsCalls(Transport transport, String dataPath) {
    this.transport = transport;
    this.dataPath = dataPath;
  }

  public List<SaveResult> save(
      SaveOperation operation,
      String sobject,
      List<SaveRequest> records,
      @Nullable String externalIdField) {
    Names.apiName(sobject, "sObject");
    validate(operation, sobject, records, externalIdField);
    List<SaveResult> results = new ArrayList<>(records.size());
    for (int from = 0; from < records.size(); from += MAX_RECORDS) {
      List<SaveRequest> chunk = records.subList(from, Math.min(records.size(), from + MAX_RECORDS));
      SfRequest request = request(operation, sobject, chunk, externalIdField);
      int expected = chunk.size();
      List<SaveResult> got =
          transport.read(
              request,
              in -> {
                List<SaveResult> parsed = Wire.saveResults(in);
                if (parsed.size() != expected) {
                  throw new WireFormatException(
                      parsed.size() + " results for " + expected + " records");
                }
                return parsed;
              });
      results.addAll(got);
    }
    return results;
  }

  private SfRequest request(
      SaveOperation operation,
      String sobject,
      List<SaveRequest> chunk,
      @Nullable String externalIdField) {
    String base = dataPath + "/composite/sobjects";
    SfRequest request =
        switch (operation) {
          case CREATE ->
              SfRequest.json(
                  "POST", base, SaveBody.records(sobject, chunk, false), CallKind.COMPOSITE);
          case UPDATE ->
              SfRequest.json(
                      "PATCH", base, SaveBody.records(sobject, chunk, true), CallKind.COMPOSITE)
                  .idempotent(true);
          case UPSERT ->
              SfRequest.json(
                      "PATCH",
                      base + "/" + sobject + "/" + externalIdField,
                      SaveBody.records(sobject, chunk, false),
                      CallKind.COMPOSITE)
                  .idempotent(true);
          case DELETE -> {
            StringJoiner ids = new StringJoiner(",");
            chunk.forEach(r -> ids.add(r.id()));
            yield SfRequest.delete(base + "?ids=" + ids + "&allOrNone=false", CallKind.COMPOSITE);
          }
        };
    return request.sobject(sobject);
  }

  private static void validate(
      SaveOperation operation,
      String sobject,
      List<SaveRequest> records,
      @Nullable String externalIdField) {
    if (operation == SaveOperation.UPSERT) {
      Names.apiName(externalIdField, "external id field for upsert of " + sobject);
    }
    for (int i = 0; i < records.size(); i++) {
      SaveRequest r = records.get(i);
      if (!r.sobject().equalsIgnoreCase(sobject)) {
        throw new IllegalArgumentException(
            "record " + i + " is a " + r.sobject() + ", not a " + sobject);
      }
      boolean needsId = operation == SaveOperation.UPDATE || operation == SaveOperation.DELETE;
      if (needsId) Names.id(r.id(), operation + " record " + i + " id");
      if (operation == SaveOperation.UPSERT
          && r.fields().keySet().stream().noneMatch(k -> k.equalsIgnoreCase(externalIdField))) {
        throw new IllegalArgumentException(
            "upsert record " + i + " of " + sobject + " has no value for " + externalIdField);
      }
    }
  }

  /** Records by id, in id order; an id Salesforce does not find gives empty. */
  public List<Optional<SfRecord>> retrieve(String sobject, List<String> ids, List<String> fields) {
    Names.apiName(sobject, "sObject");
    if (fields.isEmpty()) throw new IllegalArgumentException("retrieve needs at least one field");
    for (String f : fields) Names.apiName(f, "retrieve field");
    for (String id : ids) Names.id(id, "retrieve id");
    RecordHeader header = new RecordHeader(fields);
    List<Optional<SfRecord>> out = new ArrayList<>(ids.size());
    for (int from = 0; from < ids.size(); from += MAX_RECORDS) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + MAX_RECORDS));
      SfRequest request =
          SfRequest.json(
                  "POST",
                  dataPath + "/composite/sobjects/" + sobject,
                  SaveBody.retrieve(chunk, fields),
                  CallKind.COMPOSITE)
              .idempotent(true) // a read, although it is a POST
              .sobject(sobject);
      int expected = chunk.size();
      JsonNode array =
          transport.read(
              request,
              in -> {
                JsonNode parsed = Wire.tree(in);
                if (!parsed.isArray() || parsed.size() != expected) {
                  throw new WireFormatException(
                      "retrieve of " + expected + " ids returned " + parsed.size() + " entries");
                }
                return parsed;
              });
      for (JsonNode node : array) {
        if (node.isNull()) {
          out.add(Optional.empty());
          continue;
        }
        Map<String, Cell> cells = RecordFlattener.flatten(node);
        String[] values = new String[fields.size()];
        for (int i = 0; i < values.length; i++) {
          Cell c = cells.get(RecordFlattener.lower(fields.get(i)));
          values[i] = c == null ? null : c.value();
        }
        out.add(Optional.of(new SfRecord(header, values)));
      }
    }
    return out;
  }
}
