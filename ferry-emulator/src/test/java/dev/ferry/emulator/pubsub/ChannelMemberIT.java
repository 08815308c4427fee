package dev.ferry.emulator.pubsub;

import static dev.ferry.emulator.pubsub.ChangeEventsIT.awaitSubscriptions;
import static dev.ferry.emulator.pubsub.ChangeEventsIT.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.emulator.TestOrg;
import dev.ferry.emulator.TestOrg.Res;
import dev.ferry.emulator.pubsub.PubSubTestClient.Stream;
import dev.ferry.emulator.pubsub.proto.ReplayPreset;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Entity selection through the Tooling API's {@code PlatformEventChannelMember}, as Salesforce does
 * it: only selected entities publish.
 */
class ChannelMemberIT {
  private static final String TOOLING = TestOrg.V + "/tooling";
  private static final String MEMBER = TOOLING + "/sobjects/PlatformEventChannelMember";

  @Test
  void aChannelMemberSelectsAnEntityAndDeletingItDeselects() {
    try (TestOrg org = TestOrg.start();
        PubSubTestClient client = new PubSubTestClient(org)) {
      Stream s = client.subscribe("/data/ChangeEvents", ReplayPreset.LATEST, null, 100);
      awaitSubscriptions(org, 1);
      org.post(TestOrg.V + "/sobjects/Invoice__c", "{\"Name\":\"before\"}");

      Res created =
          org.post(
              MEMBER,
              "{\"FullName\":\"ChangeEvents_Invoice__ChangeEvent\",\"Metadata\":{\"eventChannel\":\"ChangeEvents\",\"selectedEntity\":\"Invoice__ChangeEvent\"}}");
      assertThat(created.status()).as(created.text()).isEqualTo(201);
      String id = created.json().path("id").asString();
      assertThat(id).startsWith("0v8").hasSize(18);
      assertThat(
              org.post(
                      MEMBER,
                      "{\"Metadata\":{\"eventChannel\":\"ChangeEvents\",\"selectedEntity\":\"Invoice__ChangeEvent\"}}")
                  .errorCode())
          .isEqualTo("DUPLICATE_DEVELOPER_NAME");
      assertThat(
              org.post(
                      MEMBER,
                      "{\"Metadata\":{\"eventChannel\":\"Mine__chn\",\"selectedEntity\":\"AccountChangeEvent\"}}")
                  .errorCode())
          .isEqualTo("FIELD_INTEGRITY_EXCEPTION");

      JsonNode q =
          org.get(
                  TOOLING
                      + "/query?q="
                      + TestOrg.enc(
                          "SELECT Id, DeveloperName, EventChannel, SelectedEntity FROM PlatformEventChannelMember WHERE SelectedEntity = 'Invoice__ChangeEvent'"))
              .json();
      assertThat(q.path("totalSize").asInt()).isEqualTo(1);
      JsonNode rec = q.path("records").get(0);
      assertThat(rec.path("Id").asString()).isEqualTo(id);
      assertThat(rec.path("DeveloperName").asString())
          .isEqualTo("ChangeEvents_Invoice__ChangeEvent");
      assertThat(rec.path("EventChannel").asString()).isEqualTo("ChangeEvents");
      JsonNode one = org.get(MEMBER + "/" + id).json();
      assertThat(one.path("Metadata").path("selectedEntity").asString())
          .isEqualTo("Invoice__ChangeEvent");

      org.post(TestOrg.V + "/sobjects/Invoice__c", "{\"Name\":\"after\"}");
      var ev = client.decode(s.awaitEvents(1).get(0));
      assertThat(header(ev).get("entityName").toString()).isEqualTo("Invoice__c");
      assertThat(ev.get("Name").toString())
          .as("the change before selection published nothing")
          .isEqualTo("after");

      assertThat(org.delete(MEMBER + "/" + id).status()).isEqualTo(204);
      assertThat(
              org.get(
                      TOOLING
                          + "/query?q="
                          + TestOrg.enc("SELECT Id FROM PlatformEventChannelMember"))
                  .json()
                  .path("totalSize")
                  .asInt())
          .isZero();
      assertThat(
              org.control("GET", "/pubsub/entities", null).json().path("selectedEntities").size())
          .isZero();
      s.cancel();
    }
  }

  @Test
  void startingWithAnUnknownEntitySelectedIsAClearError() {
    assertThatThrownBy(() -> TestOrg.start(b -> b.changeEventEntities(Set.of("NopeChangeEvent"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot select NopeChangeEvent");
  }
}
