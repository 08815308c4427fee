package dev.ferry.store;

import dev.ferry.core.model.Access;
import dev.ferry.core.model.MappingConfig;
import dev.ferry.core.model.TableDesigner;
import dev.ferry.core.model.TableSpec;
import dev.ferry.core.model.TypeMode;
import dev.ferry.testkit.sf.Describes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Mapping configs and table specs shared by the store tests. */
public final class Fixtures {
  private Fixtures() {}

  public static final List<String> CONTACT_FIELDS =
      List.of(
          "Id",
          "IsDeleted",
          "SystemModstamp",
          "CreatedDate",
          "FirstName",
          "LastName",
          "Name",
          "Email",
          "Phone",
          "Birthdate",
          "HasOptedOutOfEmail",
          "Score__c",
          "Level__c",
          "AccountId",
          "MailingAddress",
          "Contact_UUID__c",
          "Account__External_Id__c");

  public static MappingConfig contactConfig(Access access) {
    Map<String, Boolean> indexes = new LinkedHashMap<>();
    indexes.put("Id", true);
    indexes.put("SystemModstamp", false);
    indexes.put("Email", false);
    return MappingConfig.of(access, CONTACT_FIELDS)
        .withIndexes(indexes)
        .withUpsertField("Contact_UUID__c");
  }

  public static TableSpec contact(Access access) {
    return contact(access, TypeMode.HEROKU_CONNECT);
  }

  public static TableSpec contact(Access access, TypeMode mode) {
    return new TableDesigner(mode)
        .design(Describes.contact(), contactConfig(access), Map.of("Account", Describes.account()));
  }

  public static TableSpec account(Access access) {
    return TableDesigner.herokuConnect()
        .design(
            Describes.account(),
            MappingConfig.of(
                access,
                List.of(
                    "Id",
                    "IsDeleted",
                    "SystemModstamp",
                    "Name",
                    "AnnualRevenue",
                    "External_Id__c")),
            Map.of());
  }
}
