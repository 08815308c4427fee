package dev.ferry.emulator.org;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The fields every object has, which the server sets. */
public final class SystemFields {
  public static final String ID = "Id";
  public static final String IS_DELETED = "IsDeleted";
  public static final String CREATED_DATE = "CreatedDate";
  public static final String CREATED_BY_ID = "CreatedById";
  public static final String LAST_MODIFIED_DATE = "LastModifiedDate";
  public static final String LAST_MODIFIED_BY_ID = "LastModifiedById";
  public static final String SYSTEM_MODSTAMP = "SystemModstamp";
  public static final String OWNER_ID = "OwnerId";

  public static final Set<String> AUDIT =
      Set.of(CREATED_DATE, CREATED_BY_ID, LAST_MODIFIED_DATE, LAST_MODIFIED_BY_ID, SYSTEM_MODSTAMP);

  private SystemFields() {}

  /** Id, as describe shows it. */
  public static FieldDef.Builder id() {
    return FieldDef.builder(ID, FieldType.ID)
        .label("Record ID")
        .system(true)
        .idLookup(true)
        .nillable(false)
        .defaultedOnCreate(true);
  }

  public static FieldDef.Builder isDeleted() {
    return FieldDef.builder(IS_DELETED, FieldType.BOOLEAN)
        .label("Deleted")
        .system(true)
        .nillable(false)
        .defaultedOnCreate(true)
        .defaultValue(null);
  }

  /** The audit fields, in the order real describes list them. */
  public static List<FieldDef.Builder> audit() {
    List<FieldDef.Builder> out = new ArrayList<>();
    out.add(
        FieldDef.builder(CREATED_DATE, FieldType.DATETIME)
            .label("Created Date")
            .system(true)
            .nillable(false)
            .defaultedOnCreate(true));
    out.add(
        FieldDef.builder(CREATED_BY_ID, FieldType.REFERENCE)
            .label("Created By ID")
            .referenceTo(List.of("User"))
            .relationshipName("CreatedBy")
            .system(true)
            .nillable(false)
            .defaultedOnCreate(true));
    out.add(
        FieldDef.builder(LAST_MODIFIED_DATE, FieldType.DATETIME)
            .label("Last Modified Date")
            .system(true)
            .nillable(false)
            .defaultedOnCreate(true));
    out.add(
        FieldDef.builder(LAST_MODIFIED_BY_ID, FieldType.REFERENCE)
            .label("Last Modified By ID")
            .referenceTo(List.of("User"))
            .relationshipName("LastModifiedBy")
            .system(true)
            .nillable(false)
            .defaultedOnCreate(true));
    out.add(
        FieldDef.builder(SYSTEM_MODSTAMP, FieldType.DATETIME)
            .label("System Modstamp")
            .system(true)
            .nillable(false)
            .defaultedOnCreate(true));
    return out;
  }
}
