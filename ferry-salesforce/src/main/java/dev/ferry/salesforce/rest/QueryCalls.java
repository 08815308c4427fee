package dev.ferry.salesforce.rest;

import dev.ferry.core.sf.DeletedRecords;
import dev.ferry.core.sf.RecordStream;
import dev.ferry.core.sf.UpdatedIds;
import dev.ferry.core.soql.Soql;
import dev.ferry.salesforce.internal.CallKind;
import dev.ferry.salesforce.internal.Names;
import dev.ferry.salesforce.internal.SfRequest;
import dev.ferry.salesforce.transport.Transport;
import dev.ferry.salesforce.wire.Wire;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** REST reads: query/queryAll streams, COUNT(), getUpdated and getDeleted. */
public final class QueryCalls {
  /** The form jsforce sends: seconds precision, explicit +00:00 (URL-encoded as %2B00%3A00). */
  private static final DateTimeFormatter REPLICATION_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'+00:00'").withZone(ZoneOffset.UTC);

  /** Salesforce refuses longer request URIs with 414. */
  static final int MAX_URI_LENGTH = 16_384;

  private final Transport transport;
  private final String dataPath;
  private final int batchSize;

  public QueryCalls(Transport transport, String dataPath, int batchSize) {
    this.transport = transport;
    this.dataPath = dataPath;
    this.batchSize = batchSize;
  }

  public RecordStream query(Soql soql, boolean includeDeleted) {
    return new RestQueryStream(
        transport,
        target(soql, includeDeleted),
        soql.object(),
        batchSize,
        SelectList.fieldPaths(soql.text()).orElse(null));
  }

  public long count(Soql countSoql, boolean includeDeleted) {
    SfRequest request =
        SfRequest.get(target(countSoql, includeDeleted), CallKind.QUERY)
            .sobject(countSoql.object());
    return transport.read(request, in -> RestQueryStream.Page.parse(Wire.tree(in))).totalSize();
  }

  public UpdatedIds getUpdated(String sobject, Instant start, Instant end) {
    return transport.read(replication(sobject, "updated", start, end), Wire::updated);
  }

  public DeletedRecords getDeleted(String sobject, Instant start, Instant end) {
    return transport.read(replication(sobject, "deleted", start, end), Wire::deleted);
  }

  private SfRequest replication(String sobject, String kind, Instant start, Instant end) {
    Names.apiName(sobject, "sObject");
    if (!start.isBefore(end)) {
      throw new IllegalArgumentException(
          "get" + kind + " window for " + sobject + " is empty: start " + start + ", end " + end);
    }
    String target =
        dataPath
            + "/sobjects/"
            + sobject
            + "/"
            + kind
            + "/?start="
            + Names.query(REPLICATION_TIME.format(start.truncatedTo(ChronoUnit.SECONDS)))
            + "&end="
            + Names.query(REPLICATION_TIME.format(end.truncatedTo(ChronoUnit.SECONDS)));
    return SfRequest.get(target, CallKind.REPLICATION).sobject(sobject);
  }

  private String target(Soql soql, boolean includeDeleted) {
    String target =
        dataPath + (includeDeleted ? "/queryAll" : "/query") + "?q=" + Names.query(soql.text());
    if (target.length() > MAX_URI_LENGTH) {
      throw new IllegalArgumentException(
          "SOQL on "
              + soql.object()
              + " is too long for a query URL ("
              + target.length()
              + " characters encoded, Salesforce takes "
              + MAX_URI_LENGTH
              + "): split its IN lists");
    }
    return target;
  }
}
