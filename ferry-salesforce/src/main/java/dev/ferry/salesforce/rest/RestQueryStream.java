package dev.ferry.salesforce.rest;

import dev.ferry.core.sf.RecordHeader;
import dev.ferry.core.sf.RecordStream;
import dev.ferry.core.sf.SfRecord;
import dev.ferry.salesforce.internal.CallKind;
import dev.ferry.salesforce.internal.SfRequest;
import dev.ferry.salesforce.rest.RecordFlattener.Cell;
import dev.ferry.salesforce.transport.Transport;
import dev.ferry.salesforce.wire.Wire;
import dev.ferry.salesforce.wire.WireFormatException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A REST query ({@code /query} or {@code /queryAll}) read page by page: the next page is fetched
 * only when the current one is used up, following {@code nextRecordsUrl}. Each page is parsed whole
 * (at most batchSize records), so memory stays bounded by one page. A session that expires between
 * pages is renewed by the transport and the stream carries on.
 */
final class RestQueryStream implements RecordStream {
  private final Transport transport;
  private final String sobject;
  private final int batchSize;
  private final @Nullable List<String> selectPaths;

  private @Nullable String nextTarget;
  private boolean started;
  private boolean closed;
  private RecordHeader header = new RecordHeader(List.of());
  private List<String> headerKeys = List.of();
  private long totalSize = -1;
  private Iterator<JsonNode> page = Collections.emptyIterator();

  RestQueryStream(
      Transport transport,
      String firstTarget,
      String sobject,
      int batchSize,
      @Nullable List<String> selectPaths) {
    this.transport = transport;
    this.nextTarget = firstTarget;
    this.sobject = sobject;
    this.batchSize = batchSize;
    this.selectPaths = selectPaths;
  }

  @Override
  public RecordHeader header() {
    start();
    return header;
  }

  @Override
  public long totalSize() {
    start();
    return totalSize;
  }

  @Override
  public boolean hasNext() {
    if (closed) return false;
    start();
    while (!page.hasNext() && nextTarget != null) fetch();
    return page.hasNext();
  }

  @Override
  public SfRecord next() {
    if (!hasNext()) throw new NoSuchElementException("query stream for " + sobject + " is done");
    Map<String, Cell> cells = RecordFlattener.flatten(page.next());
    String[] values = new String[headerKeys.size()];
    for (int i = 0; i < values.length; i++) {
      Cell c = cells.get(headerKeys.get(i));
      values[i] = c == null ? null : c.value();
    }
    return new SfRecord(header, values);
  }

  @Override
  public void close() {
    closed = true;
    nextTarget = null;
    page = Collections.emptyIterator();
  }

  private void start() {
    if (started || closed) return;
    started = true;
    List<JsonNode> first = fetch();
    buildHeader(first);
  }

  private List<JsonNode> fetch() {
    SfRequest request =
        SfRequest.get(nextTarget, CallKind.QUERY)
            .header("Sforce-Query-Options", "batchSize=" + batchSize)
            .sobject(sobject);
    Page p = transport.read(request, in -> Page.parse(Wire.tree(in)));
    if (totalSize < 0) totalSize = p.totalSize();
    nextTarget = p.next();
    page = p.records().iterator();
    return p.records();
  }

  /** One response of /query: its records, totalSize, and the next page's URL (null when done). */
  record Page(List<JsonNode> records, long totalSize, @Nullable String next) {
    static Page parse(JsonNode body) {
      JsonNode records = body.get("records");
      if (records == null || !records.isArray()) {
        throw new WireFormatException("query response lacks records");
      }
      JsonNode done = body.get("done");
      JsonNode next = body.get("nextRecordsUrl");
      boolean finished = done == null || done.asBoolean() || next == null || next.isNull();
      List<JsonNode> list = new ArrayList<>(records.size());
      records.forEach(list::add);
      long total = body.has("totalSize") ? body.get("totalSize").asLong() : -1;
      return new Page(list, total, finished ? null : next.asString());
    }
  }

  /**
   * Columns: the select list when it is plain field paths (spelled as Salesforce spells them in the
   * first page), else every path of the first page's records. A compound address or location value
   * reads as null: its components are fields of their own.
   */
  private void buildHeader(List<JsonNode> firstPage) {
    Map<String, String> spelled = new LinkedHashMap<>();
    for (JsonNode record : firstPage) {
      for (Map.Entry<String, Cell> e : RecordFlattener.flatten(record).entrySet()) {
        spelled.putIfAbsent(e.getKey(), e.getValue().path());
      }
    }
    List<String> names = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    if (selectPaths != null) {
      for (String path : selectPaths) {
        String key = RecordFlattener.lower(path);
        names.add(spelled.getOrDefault(key, path));
        keys.add(key);
      }
    } else {
      for (Map.Entry<String, String> e : spelled.entrySet()) {
        names.add(e.getValue());
        keys.add(e.getKey());
      }
    }
    header = new RecordHeader(names);
    headerKeys = List.copyOf(keys);
  }
}
