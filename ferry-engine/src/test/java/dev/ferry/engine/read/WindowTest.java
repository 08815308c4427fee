package dev.ferry.engine.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WindowTest {
  private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

  @Test
  void boundsAreCutToWholeSeconds() {
    Window w = Window.of(T0.plusMillis(1500), T0.plusMillis(9900));
    assertThat(w.lower()).isEqualTo(T0.plusSeconds(1));
    assertThat(w.upper()).isEqualTo(T0.plusSeconds(9));
  }

  @Test
  void conditionIsHalfOpenOnTheStampField() {
    assertThat(Window.of(T0, T0.plusSeconds(60)).condition("SystemModstamp").render())
        .isEqualTo(
            "SystemModstamp >= 2024-05-01T10:00:00Z AND SystemModstamp < 2024-05-01T10:01:00Z");
    assertThat(Window.until(T0).condition("LastModifiedDate").render())
        .isEqualTo("LastModifiedDate < 2024-05-01T10:00:00Z");
  }

  @Test
  void halvesMeetOnAWholeSecondAndCoverTheWindow() {
    Window[] h = Window.of(T0, T0.plusSeconds(7)).halves();
    assertThat(h[0]).isEqualTo(new Window(T0, T0.plusSeconds(3)));
    assertThat(h[1]).isEqualTo(new Window(T0.plusSeconds(3), T0.plusSeconds(7)));
  }

  @Test
  void aWindowNarrowerThanTwiceTheMinimumIsNotHalved() {
    assertThat(Window.of(T0, T0.plusSeconds(1)).canHalve(Duration.ofSeconds(1))).isFalse();
    assertThat(Window.of(T0, T0.plusSeconds(2)).canHalve(Duration.ofSeconds(1))).isTrue();
    assertThat(Window.until(T0).canHalve(Duration.ofSeconds(1))).isFalse();
  }

  @Test
  void slicesAreContiguousAndNeverFinerThanASecond() {
    Window w = Window.of(T0, T0.plusSeconds(100));
    Window[] s = w.slices(7);
    assertThat(s).hasSize(7);
    assertThat(s[0].lower()).isEqualTo(T0);
    assertThat(s[6].upper()).isEqualTo(T0.plusSeconds(100));
    for (int i = 1; i < s.length; i++) assertThat(s[i].lower()).isEqualTo(s[i - 1].upper());
    assertThat(Window.of(T0, T0.plusSeconds(3)).slices(10)).hasSize(3);
    assertThat(Arrays.stream(w.slices(1))).containsExactly(w);
  }

  @Test
  void containsIsHalfOpen() {
    Window w = Window.of(T0, T0.plusSeconds(10));
    assertThat(w.contains(T0)).isTrue();
    assertThat(w.contains(T0.plusSeconds(10))).isFalse();
    assertThat(Window.until(T0).contains(Instant.EPOCH)).isTrue();
  }

  @Test
  void emptyAndInvertedWindows() {
    assertThat(Window.of(T0, T0).isEmpty()).isTrue();
    assertThatThrownBy(() -> Window.of(T0, T0.minusSeconds(1)))
        .hasMessageContaining("is before lower");
  }
}
