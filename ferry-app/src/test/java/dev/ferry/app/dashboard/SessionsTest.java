package dev.ferry.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.MutableInstantSource;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SessionsTest {
  final MutableInstantSource clock =
      new MutableInstantSource(Instant.parse("2026-03-01T10:00:00Z"));
  final Sessions sessions = new Sessions(clock, Duration.ofHours(1), Duration.ofHours(3), 3);

  @Test
  void eachLoginGetsItsOwnRandomIdAndCsrfToken() {
    Sessions.Session a = sessions.create();
    Sessions.Session b = sessions.create();
    assertThat(a.id()).hasSize(43).isNotEqualTo(b.id()).isNotEqualTo(a.csrf());
    assertThat(a.csrf()).hasSize(43).isNotEqualTo(b.csrf());
    assertThat(sessions.find(a.id())).containsSame(a);
    assertThat(sessions.find("not-a-session")).isEmpty();
    assertThat(sessions.find(null)).isEmpty();
    assertThat(a.toString()).doesNotContain(a.id()).doesNotContain(a.csrf());
  }

  @Test
  void aSessionEndsAfterAnIdleHourOrThreeHoursInAll() {
    Sessions.Session s = sessions.create();
    clock.advance(Duration.ofMinutes(59));
    assertThat(sessions.find(s.id())).isPresent(); // and the idle hour starts again
    clock.advance(Duration.ofMinutes(59));
    assertThat(sessions.find(s.id())).isPresent();
    clock.advance(Duration.ofMinutes(60));
    assertThat(sessions.find(s.id())).as("idle for an hour").isEmpty();

    Sessions.Session busy = sessions.create();
    for (int i = 0; i < 5; i++) {
      clock.advance(Duration.ofMinutes(35));
      assertThat(sessions.find(busy.id())).isPresent();
    }
    clock.advance(Duration.ofMinutes(10));
    assertThat(sessions.find(busy.id())).as("three hours after login").isEmpty();
  }

  @Test
  void logoutEndsTheSessionAndTheOldestGoesWhenTooManyAreOpen() {
    Sessions.Session first = sessions.create();
    Sessions.Session second = sessions.create();
    sessions.remove(second.id());
    assertThat(sessions.find(second.id())).isEmpty();
    sessions.create();
    sessions.create();
    sessions.create();
    assertThat(sessions.size()).isEqualTo(3);
    assertThat(sessions.find(first.id())).as("the oldest made room").isEmpty();
  }

  @Test
  void aFlashMessageIsShownOnce() {
    Sessions.Session s = sessions.create();
    assertThat(s.takeFlash()).isNull();
    s.flash(new Model.Flash("ok", "Reload requested"));
    assertThat(s.takeFlash()).isEqualTo(new Model.Flash("ok", "Reload requested"));
    assertThat(s.takeFlash()).isNull();
  }
}
