package dev.ferry.salesforce.bulk;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import de.siegmar.fastcsv.writer.QuoteStrategies;
import dev.ferry.core.sf.CsvSource;
import dev.ferry.core.sf.ExternalRef;
import dev.ferry.core.sf.IngestOperation;
import dev.ferry.core.sf.RecordHeader;
import dev.ferry.core.sf.SaveRequest;
import dev.ferry.core.sf.SfValueText;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
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
    // two passes: the columns (in order of first appearance, case-insensitive), then the cells
    Map<String, Integer> columns = new HashMap<>();
    List<String> names = new ArrayList<>();
    if (idColumn) {
      columns.put("id", 0);
      names.add("Id");
    }
    if (!onlyId) {
      for (SaveRequest req : records) {
        for (Map.Entry<String, @Nullable Object> f : req.fields().entrySet()) {
          String column = column(f.getKey(), f.getValue());
          if (idColumn && column.equalsIgnoreCase("Id")) continue;
          columns.computeIfAbsent(
              column.toLowerCase(Locale.ROOT),
              k -> {
                names.add(column);
                return names.size() - 1;
              });
        }
      }
    }
    List<String[]> rows = new ArrayList<>(records.size());
    for (int r = 0; r < records.size(); r++) {
      SaveRequest req = records.get(r);
      String[] cells = new String[names.size()];
      Arrays.fill(cells, "");
      if (idColumn) {
        if (req.id() == null) {
          throw new IllegalArgumentException(operation.wireName() + " row " + r + " has no Id");
        }
        cells[0] = req.id();
      }
      if (!onlyId) {
        for (Map.Entry<String, @Nullable Object> f : req.fields().entrySet()) {
          String column = column(f.getKey(), f.getValue());
          if (idColumn && column.equalsIgnoreCase("Id")) continue;
          cells[columns.get(column.toLowerCase(Locale.ROOT))] = text(f.getKey(), f.getValue());
        }
      }
      rows.add(cells);
    }
    return new SaveRequestCsv(new RecordHeader(names), rows);
  }

  private static String column(String key, @Nullable Object value) {
    return value instanceof ExternalRef ref ? ref.column() : key;
  }

  /**
   * The CSV cell of a typed value: {@link SfValueText}'s form, with {@code #N/A} for null, an empty
   * string and an empty external-id reference (Salesforce stores no empty strings).
   */
  static String text(String field, @Nullable Object value) {
    if (value == null) return NULL;
    String text = SfValueText.of(field, value);
    return text == null || text.isEmpty() ? NULL : text;
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
