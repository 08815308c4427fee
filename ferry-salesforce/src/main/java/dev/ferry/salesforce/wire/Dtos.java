package dev.ferry.salesforce.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The client's own wire model: the JSON shapes of salesforce-api.md, written independently of the
 * emulator's, so a misunderstanding cannot be symmetric. Package-private; {@link Wire} maps them to
 * the domain types of {@code dev.ferry.core.sf}.
 */
final class Dtos {
  private Dtos() {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Token(
      @JsonProperty("access_token") @Nullable String accessToken,
      @JsonProperty("instance_url") @Nullable String instanceUrl,
      @Nullable String id,
      @JsonProperty("refresh_token") @Nullable String refreshToken) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record UserInfoDto(
      @JsonProperty("user_id") @Nullable String userId,
      @JsonProperty("organization_id") @Nullable String organizationId,
      @JsonProperty("preferred_username") @Nullable String preferredUsername) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record DescribeGlobal(@Nullable List<SObject> sobjects) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record SObject(
      @Nullable String name,
      @Nullable String label,
      @Nullable String keyPrefix,
      boolean custom,
      boolean queryable,
      boolean replicateable,
      boolean createable,
      boolean updateable,
      boolean deletable) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Describe(
      @Nullable String name,
      @Nullable String label,
      @Nullable String keyPrefix,
      boolean custom,
      boolean queryable,
      boolean replicateable,
      boolean createable,
      boolean updateable,
      boolean deletable,
      @Nullable List<Field> fields,
      @Nullable List<ChildRel> childRelationships) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Field(
      @Nullable String name,
      @Nullable String label,
      @Nullable String type,
      int length,
      int precision,
      int scale,
      int digits,
      boolean nillable,
      boolean createable,
      boolean updateable,
      boolean defaultedOnCreate,
      boolean externalId,
      boolean idLookup,
      boolean unique,
      boolean calculated,
      boolean autoNumber,
      @Nullable List<String> referenceTo,
      @Nullable String relationshipName,
      @Nullable String compoundFieldName,
      @Nullable String extraTypeInfo,
      @Nullable List<Picklist> picklistValues) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Picklist(
      @Nullable String value, @Nullable String label, boolean active, boolean defaultValue) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record ChildRel(
      @Nullable String childSObject, @Nullable String field, @Nullable String relationshipName) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record JobInfo(
      @Nullable String id,
      @Nullable String operation,
      @Nullable String object,
      @Nullable String state,
      long numberRecordsProcessed,
      long numberRecordsFailed,
      int retries,
      @Nullable String errorMessage,
      @Nullable JsonNode apiVersion) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Updated(@Nullable List<String> ids, @Nullable String latestDateCovered) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Deleted(
      @Nullable List<DeletedRecord> deletedRecords,
      @Nullable String earliestDateAvailable,
      @Nullable String latestDateCovered) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record DeletedRecord(@Nullable String id, @Nullable String deletedDate) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record SaveResultDto(
      @Nullable String id, boolean success, @Nullable List<SaveError> errors, boolean created) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record SaveError(
      @Nullable String statusCode,
      @Nullable String errorCode,
      @Nullable String message,
      @Nullable List<String> fields) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Limit(@JsonProperty("Max") long max, @JsonProperty("Remaining") long remaining) {}
}
