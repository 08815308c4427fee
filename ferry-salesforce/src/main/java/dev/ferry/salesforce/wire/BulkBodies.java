package dev.ferry.salesforce.wire;

import dev.ferry.core.sf.IngestSpec;
import tools.jackson.databind.node.ObjectNode;

/** JSON bodies of Bulk API 2.0 job requests. Ferry always uses CSV, commas and LF. */
public final class BulkBodies {
  private BulkBodies() {}

  public static byte[] queryJob(String soql, boolean includeDeleted) {
    ObjectNode n = Wire.mapper().createObjectNode();
    n.put("operation", includeDeleted ? "queryAll" : "query");
    n.put("query", soql);
    n.put("contentType", "CSV");
    n.put("columnDelimiter", "COMMA");
    n.put("lineEnding", "LF");
    return Wire.writeJson(n);
  }

  public static byte[] ingestJob(IngestSpec spec) {
    ObjectNode n = Wire.mapper().createObjectNode();
    n.put("object", spec.object());
    n.put("operation", spec.operation().wireName());
    if (spec.externalIdField() != null) n.put("externalIdFieldName", spec.externalIdField());
    n.put("contentType", "CSV");
    n.put("columnDelimiter", "COMMA");
    n.put("lineEnding", "LF");
    return Wire.writeJson(n);
  }

  /** {@code {"state":"UploadComplete"}} or {@code {"state":"Aborted"}}. */
  public static byte[] state(String state) {
    ObjectNode n = Wire.mapper().createObjectNode();
    n.put("state", state);
    return Wire.writeJson(n);
  }
}
