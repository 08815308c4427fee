package dev.ferry.salesforce.bulk;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import de.siegmar.fastcsv.writer.QuoteStrategies;
import dev.ferry.core.sf.CsvSource;
import dev.ferry.core.sf.ExternalRef;
import dev.ferry.core.sf.IngestOperation;
import dev.ferry.core.sf.RecordHeader;
import dev.ferry.core.sf.SaveRequest;
import dev.ferry.salesforce.wire.CanonicalText;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Bulk ingest CSV from {@link SaveRequest}s, following the ingest CSV rules: RFC 4180 quoting, LF,
 * {@code #N/A} for null (clear the field), an empty cell for a field the record does not mention
 * (leave it unchanged), an {@code Id} column for update and delete (only {@code Id} for delete),
 * and an {@link ExternalRef} as a {@code Account.External_Id__c} column holding the parent's
 * external id. An empty Java string is sent as {@code #N/A} too: Salesforce stores no empty
 * strings.
 */
public final class SaveRequestCsv implements CsvSource {
  static final String NULL = "#N/A";

  private final RecordHeader header;
  private final List<String[]> rows;

  private SaveRequestCsv(RecordHeader header, List<String[]> rows) {
    this.header = header;
    this.rows = rows;
  }

  public static SaveRequestCsv of(IngestOperation operation, List<SaveRequest> records) {
    boolean idColumn =
        operation == IngestOperation.UPDATE
            || operation == IngestOperation.DELETE
            || operation == IngestOperation.HARD_DELETE;
    boolean onlyId =
        operation == IngestOperation.DELETE || operation == IngestOperation.HARD_DELETE;
    Map<String, Integer> columns = new LinkedHashMap<>();
    List<String> names = new ArrayList<>();
    if (idColumn) {
      columns.put("id", 0);
      names.add("Id");
    }
    List<Map<Integer, String>> cells = new ArrayList<>(records.size());
    for (int r = 0; r < records.size(); r++) {
      SaveRequest req = records.get(r);
      Map<Integer, String> row = new LinkedHashMap<>();
      if (idColumn) {
        if (req.id() == null) {
          throw new IllegalArgumentException(operation.wireName() + " row " + r + " has no Id");
        }
        row.put(0, req.id());
      }
      if (!onlyId) {
        for (Map.Entry<String, @Nullable Object> f : req.fields().entrySet()) {
          String column = column(f.getKey(), f.getValue());
          if (idColumn && column.equalsIgnoreCase("Id")) continue;
          int index =
              columns.computeIfAbsent(
                  column.toLowerCase(Locale.ROOT),
                  k -> {
                    names.add(column);
                    return names.size() - 1;
                  });
          row.put(index, text(f.getKey(), f.getValue()));
        }
      }
      cells.add(row);
    }
    List<String[]> rows = new ArrayList<>(cells.size());
    for (Map<Integer, String> row : cells) {
      String[] values = new String[names.size()];
      for (int i = 0; i < values.length; i++) values[i] = row.getOrDefault(i, "");
      rows.add(values);
    }
    return new SaveRequestCsv(new RecordHeader(names), rows);
  }

  private static String column(String key, @Nullable Object value) {
    return value instanceof ExternalRef ref ? ref.column() : key;
  }

  /** The CSV cell of a typed value. */
  static String text(String field, @Nullable Object value) {
    return switch (value) {
      case null -> NULL;
      case String s -> s.isEmpty() ? NULL : s;
      case Boolean b -> b ? "true" : "false";
      case Integer n -> n.toString();
      case Long n -> n.toString();
      case Short n -> n.toString();
      case BigDecimal d -> d.toPlainString();
      case Double d -> finite(field, d).toPlainString();
      case Float f -> finite(field, f.doubleValue()).toPlainString();
      case LocalDate d -> CanonicalText.date(d);
      case Instant i -> CanonicalText.datetime(i);
      case OffsetDateTime t -> CanonicalText.datetime(t.toInstant());
      case LocalTime t -> CanonicalText.time(t);
      case byte[] bytes -> Base64.getEncoder().encodeToString(bytes);
      case ExternalRef ref -> ref.value() == null || ref.value().isEmpty() ? NULL : ref.value();
      default ->
          throw new IllegalArgumentException(
              "field " + field + ": no CSV form for a " + value.getClass().getName() + " value");
    };
  }

  private static BigDecimal finite(String field, double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new IllegalArgumentException("field " + field + ": " + d + " cannot be sent");
    }
    return BigDecimal.valueOf(d);
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
    CsvWriter csv =
        CsvWriter.builder()
            .quoteStrategy(QuoteStrategies.REQUIRED)
            .lineDelimiter(LineDelimiter.LF)
            .build(out);
    for (int i = from; i < to; i++) csv.writeRecord(rows.get(i));
    csv.flush();
  }
}
