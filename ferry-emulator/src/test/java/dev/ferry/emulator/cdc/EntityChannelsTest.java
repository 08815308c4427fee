package dev.ferry.emulator.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EntityChannelsTest {
  @Test
  void standardAndCustomObjectsMapToTheirChangeEventEntities() {
    assertThat(EntityChannels.channelOf("Account")).isEqualTo("AccountChangeEvent");
    assertThat(EntityChannels.channelOf("Invoice__c")).isEqualTo("Invoice__ChangeEvent");
    assertThat(EntityChannels.objectOf("Invoice__ChangeEvent")).isEqualTo("Invoice__c");
    assertThat(EntityChannels.objectOf("AccountChangeEvent")).isEqualTo("Account");
    assertThat(EntityChannels.objectOf("ChangeEvent")).isNull();
    assertThat(EntityChannels.entityOfTopic("/data/AccountChangeEvent"))
        .isEqualTo("AccountChangeEvent");
    assertThat(EntityChannels.entityOfTopic("/data/ChangeEvents")).isNull();
    assertThat(EntityChannels.entityOfTopic("/event/Order_Event__e")).isNull();
  }
}
