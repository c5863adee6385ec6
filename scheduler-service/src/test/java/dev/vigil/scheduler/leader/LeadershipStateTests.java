package dev.vigil.scheduler.leader;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeadershipStateTests {

    @Test
    void listenersHearEachChangeOnceAndEachWinStartsANewTerm() {
        LeadershipState state = new LeadershipState();
        List<Boolean> heard = new ArrayList<>();
        state.addListener(heard::add);
        state.addListener(leader -> {
            throw new IllegalStateException("a broken listener must not stop the others");
        });

        state.update(true);
        state.update(true);
        long first = state.term();
        state.update(false);
        state.update(true);

        assertThat(heard).containsExactly(true, false, true);
        assertThat(state.isLeader()).isTrue();
        assertThat(first).isEqualTo(1);
        assertThat(state.term()).isEqualTo(2);
    }
}
