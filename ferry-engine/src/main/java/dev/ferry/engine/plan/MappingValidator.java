package dev.ferry.engine.plan;

import dev.ferry.core.error.ConfigException;
import dev.ferry.core.error.SalesforceRequestException;
import dev.ferry.core.model.Access;
import dev.ferry.core.model.MappingConfig;
import dev.ferry.core.model.SalesforceNames;
import dev.ferry.core.model.TableDesigner;
import dev.ferry.core.model.TableSpec;
import dev.ferry.core.port.SalesforceApi;
import dev.ferry.core.sf.FieldDescribe;
import dev.ferry.core.sf.SObjectDescribe;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a mapping config against the object's describe before anything is applied: unknown object
 * or fields, missing Id/modstamp, fields Salesforce requires on insert missing from a read_write
 * mapping, bad upsert field or index, a polling interval below the minimum. Every problem is
 * reported at once in one {@link ConfigException}, each naming the mapping and the field.
 */
public final class MappingValidator {
  private final TableDesigner designer;
  private final int minPollSeconds;

  public MappingValidator(TableDesigner designer, int minPollSeconds) {
    this.designer = designer;
    this.minPollSeconds = minPollSeconds;
  }

  public MappingModel validate(SalesforceApi api, String objectName, MappingConfig config) {
    SObjectDescribe describe = describeObject(api, objectName);
    Map<String, SObjectDescribe> parents = describeParents(api, describe, config);
    List<String> problems = new ArrayList<>();
    // names Salesforce itself reports become table and column names too
    String described = SalesforceNames.problem("object", describe.name());
    if (described != null) problems.add("mapping " + objectName + ": described as " + described);
    for (FieldDescribe f : describe.fields()) {
      if (config.hasField(f.name())) {
        String field = SalesforceNames.problem("field", f.name());
        if (field != null) problems.add("mapping " + objectName + ": described field " + field);
      }
    }
    if (!describe.summary().queryable()) {
      problems.add("mapping " + objectName + ": " + describe.name() + " cannot be queried");
    }
    if (config.sfPollingSeconds() < minPollSeconds) {
      problems.add(
          "mapping "
              + objectName
              + ": sf_polling_seconds must be at least "
              + minPollSeconds
              + ", got "
              + config.sfPollingSeconds());
    }
    if (config.access() == Access.READ_WRITE) {
      List<String> missing =
          describe.fields().stream()
              .filter(FieldDescribe::requiredOnCreate)
              .map(FieldDescribe::name)
              .filter(n -> !config.hasField(n) && !n.equalsIgnoreCase("Id"))
              .toList();
      if (!missing.isEmpty()) {
        problems.add(
            "mapping "
                + objectName
                + ": a read_write mapping must map the fields Salesforce requires on insert: "
                + String.join(", ", missing));
      }
    }
    TableSpec spec = null;
    try {
      spec = designer.design(describe, config, parents);
    } catch (ConfigException e) {
      problems.addAll(e.problems());
    }
    if (!problems.isEmpty()) throw new ConfigException(problems);
    return MappingModel.of(describe, parents, spec);
  }

  /**
   * The model of a mapping already applied, against today's describe: only the table's own checks
   * (an unknown field means it was removed in Salesforce).
   */
  public MappingModel resolve(SalesforceApi api, String objectName, MappingConfig config) {
    SObjectDescribe describe = describeObject(api, objectName);
    Map<String, SObjectDescribe> parents = describeParents(api, describe, config);
    return MappingModel.of(describe, parents, designer.design(describe, config, parents));
  }

  private static SObjectDescribe describeObject(SalesforceApi api, String objectName) {
    // before the name reaches a URL, SOQL or SQL
    String problem = SalesforceNames.problem("object", objectName);
    if (problem != null) throw new ConfigException("mapping: object_name " + problem);
    try {
      return api.describe(objectName);
    } catch (SalesforceRequestException e) {
      String code = e.salesforceError().errorCode();
      if (e.salesforceError().httpStatus() == 404
          || "NOT_FOUND".equals(code)
          || "INVALID_TYPE".equals(code)) {
        throw new ConfigException(
            "mapping " + objectName + ": unknown object '" + objectName + "' in Salesforce");
      }
      throw e;
    }
  }

  private static Map<String, SObjectDescribe> describeParents(
      SalesforceApi api, SObjectDescribe describe, MappingConfig config) {
    Set<String> needed = TableDesigner.parentsNeeded(describe, config);
    Map<String, SObjectDescribe> parents = new LinkedHashMap<>();
    for (String parent : needed) {
      try {
        parents.put(parent, api.describe(parent));
      } catch (SalesforceRequestException e) {
        // the designer reports the field as unresolvable
      }
    }
    return parents;
  }
}
