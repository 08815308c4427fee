package dev.ferry.emulator.rest;

import dev.ferry.emulator.org.ApiVersion;
import dev.ferry.emulator.org.ChildRelationshipDef;
import dev.ferry.emulator.org.FieldDef;
import dev.ferry.emulator.org.FieldType;
import dev.ferry.emulator.org.ObjectDef;
import dev.ferry.emulator.org.ObjectProps;
import dev.ferry.emulator.org.PicklistEntry;
import dev.ferry.emulator.org.SfFormats;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** describeGlobal and describe bodies, with every key real orgs send. */
public final class DescribeJson {
  private DescribeJson() {}

  /** One entry of describeGlobal's {@code sobjects}. */
  public static Map<String, Object> globalEntry(ObjectDef def, ApiVersion v) {
    ObjectProps p = def.props();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("activateable", p.activateable());
    m.put("associateEntityType", null);
    m.put("associateParentEntity", null);
    m.put("createable", p.createable());
    m.put("custom", p.custom());
    m.put("customSetting", p.customSetting());
    m.put("deepCloneable", false);
    m.put("deletable", p.deletable());
    m.put("deprecatedAndHidden", false);
    m.put("feedEnabled", p.feedEnabled());
    m.put("hasSubtypes", false);
    m.put("isInterface", false);
    m.put("isSubtype", false);
    m.put("keyPrefix", p.keyPrefix());
    m.put("label", p.label());
    m.put("labelPlural", p.labelPlural());
    m.put("layoutable", p.layoutable());
    m.put("mergeable", p.mergeable());
    m.put("mruEnabled", p.mruEnabled());
    m.put("name", p.name());
    m.put("queryable", p.queryable());
    m.put("replicateable", p.replicateable());
    m.put("retrieveable", p.retrieveable());
    m.put("searchable", p.searchable());
    m.put("triggerable", p.triggerable());
    m.put("undeletable", p.undeletable());
    m.put("updateable", p.updateable());
    m.put("urls", urls(def, v, false));
    return m;
  }

  static Map<String, Object> urls(ObjectDef def, ApiVersion v, boolean full) {
    String base = v.base() + "/sobjects/" + def.name();
    Map<String, Object> u = new LinkedHashMap<>();
    if (full) {
      u.put("compactLayouts", base + "/describe/compactLayouts");
      u.put("rowTemplate", base + "/{ID}");
      u.put("approvalLayouts", base + "/describe/approvalLayouts");
      u.put("defaultValues", base + "/defaultValues?recordTypeId&fields");
      u.put("listviews", base + "/listviews");
      u.put("describe", base + "/describe");
      u.put("quickActions", base + "/quickActions");
      u.put("layouts", base + "/describe/layouts");
      u.put("sobject", base);
    } else {
      u.put("rowTemplate", base + "/{ID}");
      u.put("defaultValues", base + "/defaultValues?recordTypeId&fields");
      u.put("describe", base + "/describe");
      u.put("sobject", base);
    }
    return u;
  }

  /** The full describe of one object. */
  public static Map<String, Object> describe(ObjectDef def, ApiVersion v) {
    Map<String, Object> m = new LinkedHashMap<>(globalEntry(def, v));
    m.put("actionOverrides", List.of());
    List<Map<String, Object>> children = new ArrayList<>();
    for (ChildRelationshipDef c : def.childRelationshipDefs()) {
      Map<String, Object> cr = new LinkedHashMap<>();
      cr.put("cascadeDelete", c.cascadeDelete());
      cr.put("childSObject", c.childSObject());
      cr.put("deprecatedAndHidden", false);
      cr.put("field", c.field());
      cr.put("junctionIdListNames", List.of());
      cr.put("junctionReferenceTo", List.of());
      cr.put("relationshipName", c.relationshipName());
      cr.put("restrictedDelete", c.restrictedDelete());
      children.add(cr);
    }
    m.put("childRelationships", children);
    m.put("compactLayoutable", def.props().layoutable());
    m.put("defaultImplementation", def.props().defaultImplementation());
    m.put("extendedBy", null);
    m.put("extendsInterfaces", null);
    List<Map<String, Object>> fields = new ArrayList<>();
    for (FieldDef f : def.fieldDefs()) {
      fields.add(field(f));
    }
    m.put("fields", fields);
    m.put("implementedBy", null);
    m.put("implementsInterfaces", null);
    m.put("listviewable", null);
    m.put("lookupLayoutable", null);
    m.put("namedLayoutInfos", List.of());
    m.put("networkScopeFieldName", null);
    Map<String, Object> master = new LinkedHashMap<>();
    master.put("active", true);
    master.put("available", true);
    master.put("defaultRecordTypeMapping", true);
    master.put("developerName", "Master");
    master.put("master", true);
    master.put("name", "Master");
    master.put("recordTypeId", "012000000000000AAA");
    master.put(
        "urls",
        Map.of(
            "layout",
            v.base() + "/sobjects/" + def.name() + "/describe/layouts/012000000000000AAA"));
    m.put("recordTypeInfos", def.props().layoutable() ? List.of(master) : List.of());
    m.put("searchLayoutable", def.props().searchable());
    m.put("sobjectDescribeOption", "FULL");
    m.put(
        "supportedScopes",
        List.of(Map.of("label", "All " + def.props().labelPlural(), "name", "everything")));
    m.put("urls", urls(def, v, true));
    // keys are sorted alphabetically in real describes; keep that order
    Map<String, Object> sorted = new java.util.TreeMap<>(m);
    return new LinkedHashMap<>(sorted);
  }

  /** One field entry with the full key set. */
  public static Map<String, Object> field(FieldDef f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("aggregatable", f.aggregatable());
    m.put("aiPredictionField", false);
    m.put("autoNumber", f.autoNumber());
    m.put("byteLength", f.byteLength());
    m.put("calculated", f.calculated());
    m.put("calculatedFormula", f.calculatedFormula());
    m.put("cascadeDelete", f.cascadeDelete());
    m.put("caseSensitive", f.caseSensitive());
    m.put("compoundFieldName", f.compoundFieldName());
    m.put("controllerName", f.controllerName());
    m.put("createable", f.createable());
    m.put("custom", f.custom());
    m.put("defaultValue", defaultValue(f));
    m.put("defaultValueFormula", f.defaultValueFormula());
    m.put("defaultedOnCreate", f.defaultedOnCreate());
    m.put("dependentPicklist", f.dependentPicklist());
    m.put("deprecatedAndHidden", false);
    m.put("digits", f.digits());
    m.put("displayLocationInDecimal", f.type() == FieldType.LOCATION);
    m.put("encrypted", f.encrypted());
    m.put("externalId", f.externalId());
    m.put("extraTypeInfo", f.extraTypeInfo());
    m.put("filterable", f.filterable());
    m.put("filteredLookupInfo", null);
    m.put("formulaTreatNullNumberAsZero", false);
    m.put("groupable", f.groupable());
    m.put("highScaleNumber", false);
    m.put("htmlFormatted", f.htmlFormatted());
    m.put("idLookup", f.idLookup());
    m.put("inlineHelpText", f.inlineHelpText());
    m.put("label", f.label());
    m.put("length", f.length());
    m.put("mask", null);
    m.put("maskType", null);
    m.put("name", f.name());
    m.put("nameField", f.nameField());
    m.put("namePointing", f.namePointing() || f.isPolymorphic());
    m.put("nillable", f.nillable());
    m.put("permissionable", f.permissionable());
    List<Map<String, Object>> picks = new ArrayList<>();
    for (PicklistEntry p : f.picklistValues()) {
      Map<String, Object> pm = new LinkedHashMap<>();
      pm.put("active", p.active());
      pm.put("defaultValue", p.defaultValue());
      pm.put("label", p.label());
      pm.put("validFor", null);
      pm.put("value", p.value());
      picks.add(pm);
    }
    m.put("picklistValues", picks);
    m.put("polymorphicForeignKey", f.isPolymorphic());
    m.put("precision", f.precision());
    m.put("queryByDistance", false);
    m.put("referenceTargetField", null);
    m.put("referenceTo", f.referenceTo());
    m.put("relationshipName", f.relationshipName());
    m.put("relationshipOrder", f.relationshipOrder());
    m.put("restrictedDelete", f.restrictedDelete());
    m.put("restrictedPicklist", f.restrictedPicklist());
    m.put("scale", f.scale());
    m.put("searchPrefilterable", false);
    m.put("soapType", f.type().soapType());
    m.put("sortable", f.sortable());
    m.put("type", f.type().apiName());
    m.put("unique", f.unique());
    m.put("updateable", f.updateable());
    m.put("writeRequiresMasterRead", f.writeRequiresMasterRead());
    return m;
  }

  private static Object defaultValue(FieldDef f) {
    Object v = f.defaultValue();
    if (v == null) {
      if (f.type() == FieldType.PICKLIST) {
        for (PicklistEntry p : f.picklistValues()) {
          if (p.defaultValue()) {
            return p.value();
          }
        }
      }
      return null;
    }
    if (v instanceof BigDecimal b) {
      return Double.valueOf(SfFormats.decimal(b));
    }
    return v;
  }
}
