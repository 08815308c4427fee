package dev.ferry.core.sf;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The column names shared by every record of one result (a query page, a Bulk CSV, an ingest
 * result). Names are field paths as Salesforce spells them ({@code Id}, {@code
 * Account.External_Id__c}); lookups are case-insensitive.
 */
public final class RecordHeader {
  private final List<String> names;
  private final Map<String, Integer> index = new HashMap<>();

  public RecordHeader(List<String> names) {
    this.names = List.copyOf(names);
    for (int i = 0; i < this.names.size(); i++) {
      index.putIfAbsent(this.names.get(i).toLowerCase(Locale.ROOT), i);
    }
  }

  public static RecordHeader of(String... names) {
    return new RecordHeader(List.of(names));
  }

  public List<String> names() {
    return names;
  }

  public int size() {
    return names.size();
  }

  /** Index of the column, or -1. */
  public int indexOf(String name) {
    Integer i = index.get(name.toLowerCase(Locale.ROOT));
    return i == null ? -1 : i;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RecordHeader h && h.names.equals(names);
  }

  @Override
  public int hashCode() {
    return names.hashCode();
  }

  @Override
  public String toString() {
    return names.toString();
  }
}
