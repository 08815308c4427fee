package dev.ferry.engine.write;

import dev.ferry.core.sf.CsvSource;
import dev.ferry.core.sf.ExternalRef;
import dev.ferry.core.sf.RecordHeader;
import dev.ferry.core.sf.SaveOperation;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A Bulk API 2.0 ingest CSV of writes (the ingest rules of salesforce-api.md §6.4): header of field
 * names ({@code Id} first for update and delete, {@code Account.External_Id__c} for references),
 * RFC 4180 quoting, LF, {@code #N/A} to clear a field, an empty cell to leave it as it is.
 */
final class IngestCsv implements CsvSource {
  static final String NULL = "#N/A";
  private static final DateTimeFormatter DATETIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS'Z'");

  private final RecordHeader header;
  private final List<String[]> rows;

  private IngestCsv(RecordHeader header, List<String[]> rows) {
    this.header = header;
    this.rows = rows;
  }

  static IngestCsv of(SaveOperation op, List<Write> writes) {
    boolean byId = op == SaveOperation.UPDATE || op == SaveOperation.DELETE;
    Map<String, Integer> index = new LinkedHashMap<>();
    List<String> names = new ArrayList<>();
    if (byId) {
      names.add("Id");
      index.put("id", 0);
    }
    if (op != SaveOperation.DELETE) {
      for (Write w : writes) {
        for (String f : w.fields().keySet()) {
          index.computeIfAbsent(
              f.toLowerCase(Locale.ROOT),
              k -> {
                names.add(f);
                return names.size() - 1;
              });
        }
      }
    }
    List<String[]> rows = new ArrayList<>(writes.size());
    for (Write w : writes) {
      String[] cells = new String[names.size()];
      java.util.Arrays.fill(cells, "");
      if (byId) cells[0] = w.sfid();
      if (op != SaveOperation.DELETE) {
        for (Map.Entry<String, @Nullable Object> f : w.fields().entrySet()) {
          Object v = f.getValue();
          cells[index.get(f.getKey().toLowerCase(Locale.ROOT))] = v == null ? NULL : text(v);
        }
      }
      rows.add(cells);
    }
    return new IngestCsv(new RecordHeader(names), rows);
  }

  /** A typed value as Salesforce's CSV (and its results) spell it. */
  static String text(Object v) {
    return switch (v) {
      case String s -> s.isEmpty() ? NULL : s;
      case Boolean b -> b ? "true" : "false";
      case BigDecimal d -> d.toPlainString();
      case Integer n -> n.toString();
      case Long n -> n.toString();
      case LocalDate d -> d.toString();
      case Instant i -> DATETIME.format(i);
      case LocalTime t -> TIME.format(t);
      case ExternalRef r -> r.value();
      default -> v.toString();
    };
  }

  @Override
  public RecordHeader header() {
    return header;
  }

  @Override
  public int rowCount() {
    return rows.size();
  }

  @Override
  public void writeRows(int from, int to, Writer out) throws IOException {
    if (from < 0 || to > rows.size() || from > to) {
      throw new IndexOutOfBoundsException("rows [" + from + ", " + to + ") of " + rows.size());
    }
    StringBuilder line = new StringBuilder(256);
    for (int r = from; r < to; r++) {
      line.setLength(0);
      String[] cells = rows.get(r);
      for (int i = 0; i < cells.length; i++) {
        if (i > 0) line.append(',');
        quote(line, cells[i]);
      }
      line.append('\n');
      out.append(line);
    }
  }

  private static void quote(StringBuilder b, String cell) {
    boolean needs = false;
    for (int i = 0; i < cell.length() && !needs; i++) {
      char c = cell.charAt(i);
      needs = c == ',' || c == '"' || c == '\n' || c == '\r';
    }
    if (!needs) {
      b.append(cell);
      return;
    }
    b.append('"');
    for (int i = 0; i < cell.length(); i++) {
      char c = cell.charAt(i);
      if (c == '"') b.append('"');
      b.append(c);
    }
    b.append('"');
  }
}
