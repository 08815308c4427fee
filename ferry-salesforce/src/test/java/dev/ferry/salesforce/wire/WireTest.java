package dev.ferry.salesforce.wire;

import static dev.ferry.salesforce.testing.Fixtures.stream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.sf.BulkJob;
import dev.ferry.core.sf.BulkJobState;
import dev.ferry.core.sf.DeletedRecords;
import dev.ferry.core.sf.FieldDescribe;
import dev.ferry.core.sf.FieldType;
import dev.ferry.core.sf.OrgLimits;
import dev.ferry.core.sf.PicklistValue;
import dev.ferry.core.sf.RecordError;
import dev.ferry.core.sf.SObjectDescribe;
import dev.ferry.core.sf.SObjectSummary;
import dev.ferry.core.sf.SaveResult;
import dev.ferry.core.sf.UpdatedIds;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing the golden JSON of salesforce-api.md's examples. */
class WireTest {
  @Test
  void tokenResponse() {
    TokenResponse t = Wire.token(stream("token-password.json"));
    assertThat(t.accessToken()).startsWith("00D50000000IZ3Z!");
    assertThat(t.instanceUrl()).isEqualTo("https://na1.salesforce.com");
    assertThat(t.id()).endsWith("/00D50000000IZ3ZEAW/00550000001fg5OAAQ");
    assertThat(t.refreshToken()).isNull();
    assertThat(t.toString()).doesNotContain("AQgAQ");
  }

  @Test
  void tokenResponseWithoutInstanceUrlIsRefused() {
    assertThatThrownBy(() -> Wire.token(json("{\"access_token\":\"x\"}")))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("instance_url");
  }

  @Test
  void describeGlobal() {
    List<SObjectSummary> all = Wire.describeGlobal(stream("describe-global.json"));
    assertThat(all)
        .containsExactly(
            new SObjectSummary("Account", "Account", "001", false, true, true, true, true, true));
  }

  @Test
  void describeWithFullFieldMetadata() {
    SObjectDescribe d = Wire.describe(stream("describe-contact.json"));
    assertThat(d.name()).isEqualTo("Contact");
    assertThat(d.summary().keyPrefix()).isEqualTo("003");

    FieldDescribe owner = d.field("ownerid").orElseThrow();
    assertThat(owner.type()).isEqualTo(FieldType.REFERENCE);
    assertThat(owner.referenceTo()).containsExactly("Account");
    assertThat(owner.relationshipName()).isEqualTo("Account");
    assertThat(owner.length()).isEqualTo(18);
    assertThat(owner.nillable()).isFalse();
    assertThat(owner.defaultedOnCreate()).isTrue();
    assertThat(owner.requiredOnCreate()).isFalse();
    assertThat(d.referenceByRelationship("account")).contains(owner);

    FieldDescribe source = d.field("LeadSource").orElseThrow();
    assertThat(source.type()).isEqualTo(FieldType.PICKLIST);
    assertThat(source.picklistValues())
        .containsExactly(
            new PicklistValue("Web", "Web", true, false),
            new PicklistValue("Phone Inquiry", "Phone Inquiry", false, true));

    FieldDescribe amount = d.field("Amount__c").orElseThrow();
    assertThat(amount.type()).isEqualTo(FieldType.CURRENCY);
    assertThat(amount.precision()).isEqualTo(18);
    assertThat(amount.scale()).isEqualTo(2);

    FieldDescribe ext = d.field("External_Id__c").orElseThrow();
    assertThat(ext.externalId()).isTrue();
    assertThat(ext.idLookup()).isTrue();
    assertThat(ext.unique()).isTrue();

    assertThat(d.field("MailingAddress").orElseThrow().type().isCompound()).isTrue();
    assertThat(d.field("MailingCity").orElseThrow().compoundFieldName())
        .isEqualTo("MailingAddress");
    assertThat(d.field("Weird__c").orElseThrow().type()).isEqualTo(FieldType.OTHER);
    assertThat(d.modstampField()).isEqualTo("SystemModstamp");
    assertThat(d.childRelationships()).hasSize(1);
    assertThat(d.childRelationships().get(0).relationshipName()).isEqualTo("Cases");
  }

  @Test
  void limitsIgnorePerAppEntries() {
    OrgLimits limits = Wire.limits(stream("limits.json"));
    assertThat(limits.dailyApiRequests()).contains(new OrgLimits.Limit(15000, 14998));
    assertThat(limits.limits())
        .containsOnlyKeys("DailyApiRequests", "DailyBulkV2QueryJobs", "DataStorageMB");
  }

  @Test
  void ingestJobInfo() {
    BulkJob created = Wire.bulkJob(stream("job-ingest-created.json"));
    assertThat(created.id()).isEqualTo("7505fEXAMPLE4C2AAM");
    assertThat(created.state()).isEqualTo(BulkJobState.Open);
    assertThat(created.apiVersion()).isEqualTo("66.0");
    assertThat(created.isQuery()).isFalse();

    BulkJob done = Wire.bulkJob(stream("job-ingest-complete.json"));
    assertThat(done.state()).isEqualTo(BulkJobState.JobComplete);
    assertThat(done.numberRecordsProcessed()).isEqualTo(7);
    assertThat(done.numberRecordsFailed()).isZero();
  }

  @Test
  void queryJobInfo() {
    BulkJob job = Wire.bulkJob(stream("job-query-created.json"));
    assertThat(job.state()).isEqualTo(BulkJobState.UploadComplete);
    assertThat(job.object()).isEqualTo("Account");
    assertThat(job.isQuery()).isTrue();
    assertThat(job.apiVersion()).isEqualTo("46.0");
  }

  @Test
  void unknownJobStateIsAnError() {
    assertThatThrownBy(() ->
            Wire.bulkJob(json("{\"id\":\"750x\",\"operation\":\"query\",\"state\":\"Weird\"}")))
        .hasMessageContaining("unknown state 'Weird'");
  }

  @Test
  void updatedAndDeleted() {
    UpdatedIds u = Wire.updated(stream("updated.json"));
    assertThat(u.ids()).containsExactly("001D000000INjVeIAL", "001D000000ISUr3IAH");
    assertThat(u.latestDateCovered()).isEqualTo(Instant.parse("2013-05-08T21:20:00Z"));

    DeletedRecords d = Wire.deleted(stream("deleted.json"));
    assertThat(d.deleted())
        .containsExactly(
            new DeletedRecords.Deleted(
                "a00D0000008pQRAIA2", Instant.parse("2013-05-07T22:07:19Z")));
    assertThat(d.earliestDateAvailable()).isEqualTo(Instant.parse("2013-05-03T15:57:00Z"));
  }

  @Test
  void collectionResultsInRequestOrderWithStatusCodes() {
    List<SaveResult> r = Wire.saveResults(stream("collections-create-result.json"));
    assertThat(r).hasSize(3);
    assertThat(r.get(0)).isEqualTo(SaveResult.ok("001RM000003oLnnYAE", false));
    assertThat(r.get(1).success()).isFalse();
    assertThat(r.get(1).id()).isNull();
    assertThat(r.get(1).firstError())
        .isEqualTo(
            new RecordError(
                "REQUIRED_FIELD_MISSING", "Required fields are missing: [Name]", List.of("Name")));
    assertThat(r.get(2).firstError().statusCode()).isEqualTo("ALL_OR_NONE_OPERATION_ROLLED_BACK");

    List<SaveResult> upsert = Wire.saveResults(stream("collections-upsert-result.json"));
    assertThat(upsert)
        .containsExactly(
            SaveResult.ok("001RM000003oLnnYAE", true), SaveResult.ok("001RM000003oLnoYAE", false));
  }

  @Test
  void errorBodies() {
    assertThat(
            Wire.errors(
                "[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]"))
        .containsExactly(
            new ApiError("INVALID_SESSION_ID", "Session expired or invalid", List.of()));
    assertThat(
            Wire.errors(
                "[{\"message\":\"No such column 'Foo' on entity 'Account'.\",\"errorCode\":\"INVALID_FIELD\",\"fields\":[]}]"))
        .extracting(ApiError::code)
        .containsExactly("INVALID_FIELD");
    assertThat(
            Wire.errors(
                "{\"error\":\"invalid_grant\",\"error_description\":\"authentication failure\"}"))
        .containsExactly(new ApiError("invalid_grant", "authentication failure", List.of()));
    assertThat(
            Wire.errors(
                "[{\"errorCode\":\"INVALIDJOBSTATE\",\"message\":\"Aborting already Completed Job not allowed\"}]"))
        .extracting(ApiError::message)
        .containsExactly("Aborting already Completed Job not allowed");
    assertThat(Wire.errors("<html>Service Unavailable</html>")).isEmpty();
    assertThat(Wire.errors("")).isEmpty();
  }

  private static ByteArrayInputStream json(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }
}
