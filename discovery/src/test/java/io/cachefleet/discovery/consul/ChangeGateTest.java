package io.cachefleet.discovery.consul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachefleet.discovery.Member;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangeGateTest {

  private long now = 1_000_000_000L;
  private final ChangeGate gate = new ChangeGate(Duration.ofMillis(100), 0.5, Duration.ofSeconds(10), () -> now);

  private void advance(long millis) {
    now += millis * 1_000_000L;
  }

  private static List<Member> members(int... ids) {
    List<Member> list = new ArrayList<>();
    for (int id : ids) {
      list.add(Member.named("node-" + id, "127.0.0.1", 7000 + id, 1));
    }
    return list;
  }

  @Test
  void poll_firstAnswerWithMembers_isPublishedAtOnce() {
    gate.offer(members(1, 2, 3));
    assertThat(gate.poll()).isEqualTo(members(1, 2, 3));
    assertThat(gate.poll()).isNull();
  }

  @Test
  void poll_changesWithinTheWindow_areBatchedIntoOnePublication() {
    gate.offer(members(1, 2, 3));
    gate.poll();
    gate.offer(members(1, 2, 3, 4));
    assertThat(gate.poll()).isNull();
    advance(60);
    gate.offer(members(1, 2, 3, 4, 5));
    assertThat(gate.poll()).isNull();
    assertThat(gate.nextPollAt()).isEqualTo(now - 60_000_000L + 100_000_000L);
    advance(40);
    assertThat(gate.poll()).isEqualTo(members(1, 2, 3, 4, 5));
    assertThat(gate.nextPollAt()).isEqualTo(-1);
  }

  @Test
  void poll_answerEqualToThePublishedOne_publishesNothing() {
    gate.offer(members(1, 2));
    gate.poll();
    gate.offer(members(1, 2));
    advance(200);
    assertThat(gate.poll()).isNull();
  }

  @Test
  void poll_removingAFewMembers_isPublishedAfterTheWindow() {
    gate.offer(members(1, 2, 3, 4));
    gate.poll();
    gate.offer(members(1, 2, 3));
    advance(100);
    assertThat(gate.poll()).isEqualTo(members(1, 2, 3));
  }

  @Test
  void poll_removingMoreThanTheShare_isHeldForTheGraceThenPublishedIfItStands() {
    gate.offer(members(1, 2, 3, 4));
    gate.poll();
    gate.offer(members(1));
    advance(100);
    assertThat(gate.poll()).isNull();
    assertThat(gate.holding()).isTrue();
    assertThat(gate.nextPollAt()).isEqualTo(now - 100_000_000L + 10_000_000_000L);
    advance(9_899);
    assertThat(gate.poll()).isNull();
    advance(1);
    assertThat(gate.poll()).isEqualTo(members(1));
    assertThat(gate.holding()).isFalse();
  }

  @Test
  void poll_massRemovalThatRecovers_isNeverPublished() {
    gate.offer(members(1, 2, 3, 4));
    gate.poll();
    gate.offer(members(1));
    advance(100);
    assertThat(gate.poll()).isNull();
    gate.offer(members(1, 2, 3, 4));
    advance(20_000);
    assertThat(gate.poll()).isNull();
    assertThat(gate.holding()).isFalse();
    assertThat(gate.published()).isEqualTo(members(1, 2, 3, 4));
  }

  @Test
  void poll_whileSettling_anyRemovalIsHeld_andInstancesComingBackEndTheHold() {
    gate.offer(members(1, 2, 3));
    gate.poll();
    gate.settle();
    gate.offer(members(1, 2));
    advance(100);
    assertThat(gate.poll()).isNull();
    assertThat(gate.holding()).isTrue();
    gate.offer(members(1, 2, 3, 4));
    advance(100);
    assertThat(gate.poll()).isEqualTo(members(1, 2, 3, 4));
    assertThat(gate.holding()).isFalse();
  }

  @Test
  void poll_aRemovalThatStandsWhileSettling_isPublishedAfterTheGrace_andLaterOnesAsUsual() {
    gate.offer(members(1, 2, 3));
    gate.poll();
    gate.settle();
    gate.offer(members(1, 2));
    advance(10_000);
    assertThat(gate.poll()).isEqualTo(members(1, 2));
    gate.offer(members(1));
    advance(100);
    assertThat(gate.poll()).isEqualTo(members(1));
  }

  @Test
  void poll_emptyAnswer_isAlwaysHeld_evenBeforeAnyPublication() {
    gate.offer(List.of());
    assertThat(gate.poll()).isNull();
    advance(10_000);
    assertThat(gate.poll()).isEqualTo(List.of());

    ChangeGate fresh = new ChangeGate(Duration.ZERO, 1.0, Duration.ofSeconds(10), () -> now);
    fresh.offer(members(1));
    fresh.poll();
    fresh.offer(List.of());
    assertThat(fresh.poll()).isNull();
    assertThat(fresh.holding()).isTrue();
  }

  @Test
  void new_shareOutsideZeroToOne_isRefused() {
    assertThatThrownBy(() -> new ChangeGate(Duration.ZERO, 1.5, Duration.ZERO, () -> 0))
        .hasMessage("the share of members removed at once must be within 0..1 (was 1.5)");
  }
}
