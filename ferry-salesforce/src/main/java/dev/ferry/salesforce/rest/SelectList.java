package dev.ferry.salesforce.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The field paths of a SOQL select list, in order. They fix the columns of a query's records up
 * front, so records whose parent lookup is empty ({@code "Account": null}) still have every column.
 * Anything but plain field paths (aggregates, aliases, subqueries, FIELDS(), TYPEOF) gives empty:
 * the columns are then taken from the records themselves.
 */
final class SelectList {
  private static final Pattern SELECT =
      Pattern.compile("^\\s*SELECT\\s+(.+?)\\s+FROM\\s", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern FIELD_PATH =
      Pattern.compile("[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*){0,4}");

  private SelectList() {}

  static Optional<List<String>> fieldPaths(String soql) {
    Matcher m = SELECT.matcher(soql);
    if (!m.find()) return Optional.empty();
    String list = m.group(1);
    if (list.indexOf('(') >= 0) return Optional.empty();
    List<String> paths = new ArrayList<>();
    for (String item : list.split(",")) {
      String path = item.strip();
      if (!FIELD_PATH.matcher(path).matches()) return Optional.empty();
      paths.add(path);
    }
    return Optional.of(paths);
  }
}
