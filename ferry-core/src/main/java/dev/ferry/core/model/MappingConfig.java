package dev.ferry.core.model;

import dev.ferry.core.error.ConfigException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The {@code config} object of a Heroku Connect mapping (export JSON §3.1), as a validated value.
 * Field names are Salesforce API names ({@code Id}, {@code SystemModstamp}, {@code Account__c},
 * relationship external-id pseudo-fields {@code Account__External_Id__c}, compound fields {@code
 * BillingAddress}). This checks the config on its own; checks against the object's describe happen
 * in {@link TableDesigner}.
 *
 * @param access {@code access}
 * @param fields keys of {@code fields}, in the config's order
 * @param indexes {@code indexes}: field name → {@code unique}
 * @param upsertField {@code upsert_field} (the "unique identifier"), or null
 * @param sfPollingSeconds {@code sf_polling_seconds}; Ferry allows down to 1 s
 * @param sfNotifyEnabled {@code sf_notify_enabled} (accelerated polling)
 * @param sfMaxDailyApiCalls {@code sf_max_daily_api_calls}
 * @param adoptExistingTable {@code ferry_adopt_existing_table} (a Ferry extension): a table of the
 *     object's name that the application created beforehand is taken over instead of refused; its
 *     rows are kept (see docs/postgres-contract.md, "Adopting an existing table")
 */
public record MappingConfig(
    Access access,
    List<String> fields,
    Map<String, Boolean> indexes,
    @Nullable String upsertField,
    int sfPollingSeconds,
    boolean sfNotifyEnabled,
    int sfMaxDailyApiCalls,
    boolean adoptExistingTable) {

  public static final int DEFAULT_POLLING_SECONDS = 600;
  public static final int DEFAULT_MAX_DAILY_API_CALLS = 30_000;
  public static final int MAX_POLLING_SECONDS = 86_400;

  /** Validates everything at once; throws {@link ConfigException} listing every problem. */
  public MappingConfig {
    List<String> problems = new ArrayList<>();
    if (access == null) problems.add("access is required (\"read_only\" or \"read_write\")");
    if (fields == null || fields.isEmpty()) {
      problems.add("fields must name at least Id and SystemModstamp");
      fields = List.of();
    }
    if (indexes == null) indexes = Map.of();
    Set<String> seen = new HashSet<>();
    for (String f : fields) {
      String problem = SalesforceNames.problem("field", f);
      if (problem != null) {
        problems.add("fields: " + problem);
      } else if (!seen.add(f.toLowerCase(Locale.ROOT))) {
        problems.add("fields: '" + f + "' is listed twice");
      }
    }
    for (Map.Entry<String, Boolean> e : indexes.entrySet()) {
      if (e.getKey() == null || !seen.contains(e.getKey().toLowerCase(Locale.ROOT))) {
        problems.add("indexes: '" + e.getKey() + "' is not one of the mapped fields");
      }
      if (e.getValue() == null) problems.add("indexes: '" + e.getKey() + "' needs \"unique\"");
    }
    if (upsertField != null && !seen.contains(upsertField.toLowerCase(Locale.ROOT))) {
      problems.add("upsert_field: '" + upsertField + "' is not one of the mapped fields");
    }
    if (sfPollingSeconds < 1 || sfPollingSeconds > MAX_POLLING_SECONDS) {
      problems.add(
          "sf_polling_seconds must be between 1 and "
              + MAX_POLLING_SECONDS
              + ", got "
              + sfPollingSeconds);
    }
    if (sfMaxDailyApiCalls < 0) {
      problems.add("sf_max_daily_api_calls must not be negative, got " + sfMaxDailyApiCalls);
    }
    if (!problems.isEmpty()) throw new ConfigException(problems);
    fields = List.copyOf(fields);
    indexes = Collections.unmodifiableMap(new LinkedHashMap<>(indexes));
  }

  /** A Heroku Connect config (no Ferry extension set). */
  public MappingConfig(
      Access access,
      List<String> fields,
      Map<String, Boolean> indexes,
      @Nullable String upsertField,
      int sfPollingSeconds,
      boolean sfNotifyEnabled,
      int sfMaxDailyApiCalls) {
    this(
        access,
        fields,
        indexes,
        upsertField,
        sfPollingSeconds,
        sfNotifyEnabled,
        sfMaxDailyApiCalls,
        false);
  }

  /** A config with Heroku Connect's defaults for polling and API budget, and no indexes. */
  public static MappingConfig of(Access access, List<String> fields) {
    return new MappingConfig(
        access,
        fields,
        Map.of(),
        null,
        DEFAULT_POLLING_SECONDS,
        false,
        DEFAULT_MAX_DAILY_API_CALLS);
  }

  public MappingConfig withIndexes(Map<String, Boolean> newIndexes) {
    return new MappingConfig(
        access,
        fields,
        newIndexes,
        upsertField,
        sfPollingSeconds,
        sfNotifyEnabled,
        sfMaxDailyApiCalls,
        adoptExistingTable);
  }

  public MappingConfig withUpsertField(@Nullable String field) {
    return new MappingConfig(
        access,
        fields,
        indexes,
        field,
        sfPollingSeconds,
        sfNotifyEnabled,
        sfMaxDailyApiCalls,
        adoptExistingTable);
  }

  public MappingConfig withAccess(Access newAccess) {
    return new MappingConfig(
        newAccess,
        fields,
        indexes,
        upsertField,
        sfPollingSeconds,
        sfNotifyEnabled,
        sfMaxDailyApiCalls,
        adoptExistingTable);
  }

  public MappingConfig withFields(List<String> newFields) {
    return new MappingConfig(
        access,
        newFields,
        indexes,
        upsertField,
        sfPollingSeconds,
        sfNotifyEnabled,
        sfMaxDailyApiCalls,
        adoptExistingTable);
  }

  public MappingConfig withPolling(int seconds, boolean notifyEnabled) {
    return new MappingConfig(
        access,
        fields,
        indexes,
        upsertField,
        seconds,
        notifyEnabled,
        sfMaxDailyApiCalls,
        adoptExistingTable);
  }

  public MappingConfig withMaxDailyApiCalls(int calls) {
    return new MappingConfig(
        access,
        fields,
        indexes,
        upsertField,
        sfPollingSeconds,
        sfNotifyEnabled,
        calls,
        adoptExistingTable);
  }

  /** The same config, asking (or not) to adopt a table the application created. */
  public MappingConfig withAdoptExistingTable(boolean adopt) {
    return new MappingConfig(
        access,
        fields,
        indexes,
        upsertField,
        sfPollingSeconds,
        sfNotifyEnabled,
        sfMaxDailyApiCalls,
        adopt);
  }

  /** True when {@code name} is one of the mapped fields (case-insensitive, as in Salesforce). */
  public boolean hasField(String name) {
    return fields.stream().anyMatch(f -> f.equalsIgnoreCase(name));
  }
}
