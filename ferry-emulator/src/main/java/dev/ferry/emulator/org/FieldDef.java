package dev.ferry.emulator.org;

import dev.ferry.emulator.soql.SoqlField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A field with its full describe metadata, plus what the emulator needs to store and compute it.
 * Immutable; build with {@link #builder}.
 */
public final class FieldDef {
  private final String name;
  private final String label;
  private final FieldType type;
  private final int length;
  private final int precision;
  private final int scale;
  private final int digits;
  private final boolean nillable;
  private final boolean createable;
  private final boolean updateable;
  private final boolean defaultedOnCreate;
  private final boolean unique;
  private final boolean externalId;
  private final boolean idLookup;
  private final boolean caseSensitive;
  private final boolean calculated;
  private final @Nullable String calculatedFormula;
  private final @Nullable String emulatorFormula;
  private final boolean autoNumber;
  private final @Nullable String autoNumberFormat;
  private final List<String> referenceTo;
  private final @Nullable String relationshipName;
  private final @Nullable String childRelationshipName;
  private final @Nullable Integer relationshipOrder;
  private final boolean cascadeDelete;
  private final boolean restrictedDelete;
  private final List<PicklistEntry> picklistValues;
  private final boolean restrictedPicklist;
  private final @Nullable Object defaultValue;
  private final @Nullable String defaultValueFormula;
  private final @Nullable String compoundFieldName;
  private final boolean custom;
  private final boolean filterable;
  private final boolean sortable;
  private final boolean groupable;
  private final boolean aggregatable;
  private final boolean nameField;
  private final boolean namePointing;
  private final @Nullable String extraTypeInfo;
  private final boolean htmlFormatted;
  private final @Nullable String inlineHelpText;
  private final boolean encrypted;
  private final boolean dependentPicklist;
  private final @Nullable String controllerName;
  private final boolean permissionable;
  private final boolean writeRequiresMasterRead;
  private final boolean system;
  private final int slot;
  private final SoqlField soqlField;

  private FieldDef(Builder b, int slot) {
    this.name = b.name;
    this.type = b.type;
    this.label = b.label != null ? b.label : labelFromName(b.name);
    this.length = b.length != null ? b.length : defaultLength(b.type);
    this.precision = b.precision != null ? b.precision : defaultPrecision(b.type);
    this.scale = b.scale != null ? b.scale : defaultScale(b.type);
    this.digits = b.digits != null ? b.digits : defaultDigits(b.type);
    this.calculated = b.calculated;
    this.calculatedFormula = b.calculatedFormula;
    this.emulatorFormula = b.emulatorFormula;
    this.autoNumber = b.autoNumber;
    this.autoNumberFormat = b.autoNumberFormat;
    this.system = b.system;
    boolean derived = b.calculated || b.autoNumber || b.type == FieldType.ID || b.system;
    this.nillable =
        b.nillable != null
            ? b.nillable
            : !(b.type == FieldType.ID || b.type == FieldType.BOOLEAN || b.system);
    this.createable = b.createable != null ? b.createable : !derived && !b.type.isCompound();
    this.updateable = b.updateable != null ? b.updateable : !derived && !b.type.isCompound();
    this.defaultedOnCreate =
        b.defaultedOnCreate != null
            ? b.defaultedOnCreate
            : b.type == FieldType.ID
                || b.type == FieldType.BOOLEAN
                || b.system
                || b.autoNumber
                || b.defaultValue != null;
    this.externalId = b.externalId;
    this.unique = b.unique;
    this.caseSensitive = b.caseSensitive;
    this.idLookup =
        b.idLookup != null ? b.idLookup : b.type == FieldType.ID || b.externalId || b.autoNumber;
    this.referenceTo = List.copyOf(b.referenceTo);
    this.relationshipName = b.relationshipName;
    this.childRelationshipName = b.childRelationshipName;
    this.relationshipOrder = b.relationshipOrder;
    this.cascadeDelete = b.cascadeDelete;
    this.restrictedDelete = b.restrictedDelete;
    this.picklistValues = List.copyOf(b.picklistValues);
    this.restrictedPicklist = b.restrictedPicklist;
    this.defaultValue =
        b.defaultValue != null
            ? b.defaultValue
            : b.type == FieldType.BOOLEAN && !b.system && !b.calculated ? Boolean.FALSE : null;
    this.defaultValueFormula = b.defaultValueFormula;
    this.compoundFieldName = b.compoundFieldName;
    this.custom = b.custom != null ? b.custom : b.name.endsWith("__c") || b.name.endsWith("__s");
    boolean longText = b.type == FieldType.TEXTAREA && this.length > 255;
    this.filterable =
        b.filterable != null
            ? b.filterable
            : !longText && !b.type.isCompound() && b.type != FieldType.BASE64;
    this.sortable =
        b.sortable != null
            ? b.sortable
            : !longText
                && !b.type.isCompound()
                && b.type != FieldType.MULTIPICKLIST
                && b.type != FieldType.BASE64;
    this.groupable =
        b.groupable != null
            ? b.groupable
            : !longText
                && switch (b.type) {
                  case DOUBLE,
                      CURRENCY,
                      PERCENT,
                      DATETIME,
                      MULTIPICKLIST,
                      ADDRESS,
                      LOCATION,
                      BASE64,
                      TIME,
                      ANYTYPE,
                      ENCRYPTEDSTRING ->
                      false;
                  default -> true;
                };
    this.aggregatable =
        b.aggregatable != null
            ? b.aggregatable
            : !longText && !b.type.isCompound() && b.type != FieldType.BASE64;
    this.nameField = b.nameField;
    this.namePointing = b.namePointing;
    this.extraTypeInfo =
        b.extraTypeInfo != null
            ? b.extraTypeInfo
            : b.type == FieldType.TEXTAREA
                ? (b.htmlFormatted ? "richtextarea" : "plaintextarea")
                : null;
    this.htmlFormatted = b.htmlFormatted;
    this.inlineHelpText = b.inlineHelpText;
    this.encrypted = b.type == FieldType.ENCRYPTEDSTRING;
    this.dependentPicklist = b.controllerName != null;
    this.controllerName = b.controllerName;
    this.permissionable =
        b.permissionable != null ? b.permissionable : this.custom && this.nillable;
    this.writeRequiresMasterRead = b.writeRequiresMasterRead;
    this.slot = slot;
    this.soqlField =
        new SoqlField(name, type.soqlType(), referenceTo, relationshipName, filterable, sortable);
  }

  public static Builder builder(String name, FieldType type) {
    return new Builder(name, type);
  }

  /** A copy with another storage slot (slots are assigned by {@link ObjectDef}). */
  FieldDef withSlot(int newSlot) {
    return toBuilder().build(newSlot);
  }

  public Builder toBuilder() {
    Builder b = new Builder(name, type);
    b.label = label;
    b.length = length;
    b.precision = precision;
    b.scale = scale;
    b.digits = digits;
    b.nillable = nillable;
    b.createable = createable;
    b.updateable = updateable;
    b.defaultedOnCreate = defaultedOnCreate;
    b.unique = unique;
    b.externalId = externalId;
    b.idLookup = idLookup;
    b.caseSensitive = caseSensitive;
    b.calculated = calculated;
    b.calculatedFormula = calculatedFormula;
    b.emulatorFormula = emulatorFormula;
    b.autoNumber = autoNumber;
    b.autoNumberFormat = autoNumberFormat;
    b.referenceTo = new ArrayList<>(referenceTo);
    b.relationshipName = relationshipName;
    b.childRelationshipName = childRelationshipName;
    b.relationshipOrder = relationshipOrder;
    b.cascadeDelete = cascadeDelete;
    b.restrictedDelete = restrictedDelete;
    b.picklistValues = new ArrayList<>(picklistValues);
    b.restrictedPicklist = restrictedPicklist;
    b.defaultValue = defaultValue;
    b.defaultValueFormula = defaultValueFormula;
    b.compoundFieldName = compoundFieldName;
    b.custom = custom;
    b.filterable = filterable;
    b.sortable = sortable;
    b.groupable = groupable;
    b.aggregatable = aggregatable;
    b.nameField = nameField;
    b.namePointing = namePointing;
    b.extraTypeInfo = extraTypeInfo;
    b.htmlFormatted = htmlFormatted;
    b.inlineHelpText = inlineHelpText;
    b.controllerName = controllerName;
    b.permissionable = permissionable;
    b.writeRequiresMasterRead = writeRequiresMasterRead;
    b.system = system;
    return b;
  }

  // --- what the emulator needs -------------------------------------------------------------

  /** Index into a record's value array, or -1 for a value computed on read. */
  public int slot() {
    return slot;
  }

  /** True when the value is computed on read (formula, compound, derived name). */
  public boolean isDerived() {
    return calculated || emulatorFormula != null || type.isCompound();
  }

  /** True for fields the server sets (Id, IsDeleted, audit fields). */
  public boolean isSystem() {
    return system;
  }

  /** Required on insert: createable, not nillable, no default. */
  public boolean isRequired() {
    return createable && !nillable && !defaultedOnCreate;
  }

  /** The formula evaluated on read: the describe formula, or the emulator's own derivation. */
  public @Nullable String formula() {
    return calculatedFormula != null ? calculatedFormula : emulatorFormula;
  }

  public @Nullable String emulatorFormula() {
    return emulatorFormula;
  }

  public @Nullable String autoNumberFormat() {
    return autoNumberFormat;
  }

  public @Nullable String childRelationshipName() {
    return childRelationshipName;
  }

  public SoqlField soqlField() {
    return soqlField;
  }

  public boolean isPolymorphic() {
    return referenceTo.size() > 1;
  }

  public boolean isLookupKey() {
    return externalId || idLookup;
  }

  // --- describe properties ----------------------------------------------------------------

  public String name() {
    return name;
  }

  public String label() {
    return label;
  }

  public FieldType type() {
    return type;
  }

  public int length() {
    return length;
  }

  public int byteLength() {
    if (type.isText()) {
      return length * 3;
    }
    return type == FieldType.ID || type == FieldType.REFERENCE ? 18 : 0;
  }

  public int precision() {
    return precision;
  }

  public int scale() {
    return scale;
  }

  public int digits() {
    return digits;
  }

  public boolean nillable() {
    return nillable;
  }

  public boolean createable() {
    return createable;
  }

  public boolean updateable() {
    return updateable;
  }

  public boolean defaultedOnCreate() {
    return defaultedOnCreate;
  }

  public boolean unique() {
    return unique;
  }

  public boolean externalId() {
    return externalId;
  }

  public boolean idLookup() {
    return idLookup;
  }

  public boolean caseSensitive() {
    return caseSensitive;
  }

  public boolean calculated() {
    return calculated;
  }

  public @Nullable String calculatedFormula() {
    return calculatedFormula;
  }

  public boolean autoNumber() {
    return autoNumber;
  }

  public List<String> referenceTo() {
    return referenceTo;
  }

  public @Nullable String relationshipName() {
    return relationshipName;
  }

  public @Nullable Integer relationshipOrder() {
    return relationshipOrder;
  }

  public boolean cascadeDelete() {
    return cascadeDelete;
  }

  public boolean restrictedDelete() {
    return restrictedDelete;
  }

  public List<PicklistEntry> picklistValues() {
    return picklistValues;
  }

  public boolean restrictedPicklist() {
    return restrictedPicklist;
  }

  public @Nullable Object defaultValue() {
    return defaultValue;
  }

  public @Nullable String defaultValueFormula() {
    return defaultValueFormula;
  }

  public @Nullable String compoundFieldName() {
    return compoundFieldName;
  }

  public boolean custom() {
    return custom;
  }

  public boolean filterable() {
    return filterable;
  }

  public boolean sortable() {
    return sortable;
  }

  public boolean groupable() {
    return groupable;
  }

  public boolean aggregatable() {
    return aggregatable;
  }

  public boolean nameField() {
    return nameField;
  }

  public boolean namePointing() {
    return namePointing;
  }

  public @Nullable String extraTypeInfo() {
    return extraTypeInfo;
  }

  public boolean htmlFormatted() {
    return htmlFormatted;
  }

  public @Nullable String inlineHelpText() {
    return inlineHelpText;
  }

  public boolean encrypted() {
    return encrypted;
  }

  public boolean dependentPicklist() {
    return dependentPicklist;
  }

  public @Nullable String controllerName() {
    return controllerName;
  }

  public boolean permissionable() {
    return permissionable;
  }

  public boolean writeRequiresMasterRead() {
    return writeRequiresMasterRead;
  }

  @Override
  public String toString() {
    return name + ":" + type.apiName();
  }

  // --- defaults ---------------------------------------------------------------------------

  static String labelFromName(String name) {
    String base = name;
    for (String suffix : List.of("__c", "__s", "__r")) {
      if (base.endsWith(suffix)) {
        base = base.substring(0, base.length() - suffix.length());
      }
    }
    if (base.endsWith("Id") && base.length() > 2) {
      base = base.substring(0, base.length() - 2) + " ID";
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < base.length(); i++) {
      char c = base.charAt(i);
      if (c == '_') {
        sb.append(' ');
        continue;
      }
      if (i > 0
          && Character.isUpperCase(c)
          && Character.isLowerCase(base.charAt(i - 1))
          && sb.charAt(sb.length() - 1) != ' ') {
        sb.append(' ');
      }
      sb.append(c);
    }
    return sb.toString().replace("  ", " ").trim();
  }

  private static int defaultLength(FieldType type) {
    return switch (type) {
      case ID, REFERENCE -> 18;
      case STRING, TEXTAREA, PICKLIST, COMBOBOX, URL -> 255;
      case MULTIPICKLIST -> 4099;
      case EMAIL -> 80;
      case PHONE -> 40;
      case ENCRYPTEDSTRING -> 175;
      default -> 0;
    };
  }

  private static int defaultPrecision(FieldType type) {
    return switch (type) {
      case DOUBLE, CURRENCY -> 18;
      case PERCENT -> 5;
      default -> 0;
    };
  }

  private static int defaultScale(FieldType type) {
    return switch (type) {
      case CURRENCY, PERCENT -> 2;
      default -> 0;
    };
  }

  private static int defaultDigits(FieldType type) {
    return switch (type) {
      case INT -> 9;
      case LONG -> 18;
      default -> 0;
    };
  }

  /** Mutable builder; unset properties take the defaults describe shows for the type. */
  public static final class Builder {
    private final String name;
    private final FieldType type;
    private @Nullable String label;
    private @Nullable Integer length;
    private @Nullable Integer precision;
    private @Nullable Integer scale;
    private @Nullable Integer digits;
    private @Nullable Boolean nillable;
    private @Nullable Boolean createable;
    private @Nullable Boolean updateable;
    private @Nullable Boolean defaultedOnCreate;
    private boolean unique;
    private boolean externalId;
    private @Nullable Boolean idLookup;
    private boolean caseSensitive;
    private boolean calculated;
    private @Nullable String calculatedFormula;
    private @Nullable String emulatorFormula;
    private boolean autoNumber;
    private @Nullable String autoNumberFormat;
    private List<String> referenceTo = new ArrayList<>();
    private @Nullable String relationshipName;
    private @Nullable String childRelationshipName;
    private @Nullable Integer relationshipOrder;
    private boolean cascadeDelete;
    private boolean restrictedDelete;
    private List<PicklistEntry> picklistValues = new ArrayList<>();
    private boolean restrictedPicklist;
    private @Nullable Object defaultValue;
    private @Nullable String defaultValueFormula;
    private @Nullable String compoundFieldName;
    private @Nullable Boolean custom;
    private @Nullable Boolean filterable;
    private @Nullable Boolean sortable;
    private @Nullable Boolean groupable;
    private @Nullable Boolean aggregatable;
    private boolean nameField;
    private boolean namePointing;
    private @Nullable String extraTypeInfo;
    private boolean htmlFormatted;
    private @Nullable String inlineHelpText;
    private @Nullable String controllerName;
    private @Nullable Boolean permissionable;
    private boolean writeRequiresMasterRead;
    private boolean system;

    private Builder(String name, FieldType type) {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("a field needs a name");
      }
      this.name = name;
      this.type = type;
    }

    public String name() {
      return name;
    }

    public FieldType type() {
      return type;
    }

    public Builder label(@Nullable String v) {
      label = v;
      return this;
    }

    public Builder length(@Nullable Integer v) {
      length = v;
      return this;
    }

    public Builder precision(@Nullable Integer v) {
      precision = v;
      return this;
    }

    public Builder scale(@Nullable Integer v) {
      scale = v;
      return this;
    }

    public Builder digits(@Nullable Integer v) {
      digits = v;
      return this;
    }

    public Builder nillable(@Nullable Boolean v) {
      nillable = v;
      return this;
    }

    public Builder createable(@Nullable Boolean v) {
      createable = v;
      return this;
    }

    public Builder updateable(@Nullable Boolean v) {
      updateable = v;
      return this;
    }

    public Builder defaultedOnCreate(@Nullable Boolean v) {
      defaultedOnCreate = v;
      return this;
    }

    public Builder unique(boolean v) {
      unique = v;
      return this;
    }

    public Builder externalId(boolean v) {
      externalId = v;
      return this;
    }

    public Builder idLookup(@Nullable Boolean v) {
      idLookup = v;
      return this;
    }

    public Builder caseSensitive(boolean v) {
      caseSensitive = v;
      return this;
    }

    public Builder calculated(boolean v) {
      calculated = v;
      return this;
    }

    public Builder calculatedFormula(@Nullable String v) {
      calculatedFormula = v;
      return this;
    }

    public Builder emulatorFormula(@Nullable String v) {
      emulatorFormula = v;
      return this;
    }

    public Builder autoNumber(boolean v) {
      autoNumber = v;
      return this;
    }

    public Builder autoNumberFormat(@Nullable String v) {
      autoNumberFormat = v;
      return this;
    }

    public Builder referenceTo(List<String> v) {
      referenceTo = new ArrayList<>(v);
      return this;
    }

    public Builder relationshipName(@Nullable String v) {
      relationshipName = v;
      return this;
    }

    public Builder childRelationshipName(@Nullable String v) {
      childRelationshipName = v;
      return this;
    }

    public Builder relationshipOrder(@Nullable Integer v) {
      relationshipOrder = v;
      return this;
    }

    public Builder cascadeDelete(boolean v) {
      cascadeDelete = v;
      return this;
    }

    public Builder restrictedDelete(boolean v) {
      restrictedDelete = v;
      return this;
    }

    public Builder picklistValues(List<PicklistEntry> v) {
      picklistValues = new ArrayList<>(v);
      return this;
    }

    public Builder restrictedPicklist(boolean v) {
      restrictedPicklist = v;
      return this;
    }

    public Builder defaultValue(@Nullable Object v) {
      defaultValue = v;
      return this;
    }

    public Builder defaultValueFormula(@Nullable String v) {
      defaultValueFormula = v;
      return this;
    }

    public Builder compoundFieldName(@Nullable String v) {
      compoundFieldName = v;
      return this;
    }

    public Builder custom(@Nullable Boolean v) {
      custom = v;
      return this;
    }

    public Builder filterable(@Nullable Boolean v) {
      filterable = v;
      return this;
    }

    public Builder sortable(@Nullable Boolean v) {
      sortable = v;
      return this;
    }

    public Builder groupable(@Nullable Boolean v) {
      groupable = v;
      return this;
    }

    public Builder aggregatable(@Nullable Boolean v) {
      aggregatable = v;
      return this;
    }

    public Builder nameField(boolean v) {
      nameField = v;
      return this;
    }

    public Builder namePointing(boolean v) {
      namePointing = v;
      return this;
    }

    public Builder extraTypeInfo(@Nullable String v) {
      extraTypeInfo = v;
      return this;
    }

    public Builder htmlFormatted(boolean v) {
      htmlFormatted = v;
      return this;
    }

    public Builder inlineHelpText(@Nullable String v) {
      inlineHelpText = v;
      return this;
    }

    public Builder controllerName(@Nullable String v) {
      controllerName = v;
      return this;
    }

    public Builder permissionable(@Nullable Boolean v) {
      permissionable = v;
      return this;
    }

    public Builder writeRequiresMasterRead(boolean v) {
      writeRequiresMasterRead = v;
      return this;
    }

    /** Marks a server-set field (Id, IsDeleted, audit fields): not createable or updateable. */
    public Builder system(boolean v) {
      system = v;
      return this;
    }

    /** Builds with slot -1; {@link ObjectDef} assigns real slots. */
    public FieldDef build() {
      return build(-1);
    }

    FieldDef build(int slot) {
      validate();
      return new FieldDef(this, slot);
    }

    private void validate() {
      String where = "field " + name + ": ";
      if (type == FieldType.REFERENCE && referenceTo.isEmpty()) {
        throw new IllegalArgumentException(where + "a reference field needs referenceTo");
      }
      if (type != FieldType.REFERENCE && !referenceTo.isEmpty()) {
        throw new IllegalArgumentException(where + "only reference fields have referenceTo");
      }
      if ((unique || externalId)
          && !(type.isText() || type.isNumber() || type == FieldType.ID)
          && !autoNumber) {
        throw new IllegalArgumentException(
            where + "external id / unique fields must be text, email or number fields");
      }
      if (length != null && length < 0) {
        throw new IllegalArgumentException(where + "length must not be negative");
      }
      if ((type == FieldType.PICKLIST || type == FieldType.MULTIPICKLIST)
          && restrictedPicklist
          && picklistValues.isEmpty()) {
        throw new IllegalArgumentException(where + "a restricted picklist needs picklistValues");
      }
      String n = name.toLowerCase(Locale.ROOT);
      if (!n.matches("[a-z][a-z0-9_]*")) {
        throw new IllegalArgumentException(
            where + "names start with a letter and hold only letters, digits and _");
      }
    }
  }
}
