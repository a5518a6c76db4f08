package dev.ctrlstore.store.instance;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static dev.ctrlstore.store.instance.InstanceState.DESTROYED;
import static dev.ctrlstore.store.instance.InstanceState.DESTROYING;
import static dev.ctrlstore.store.instance.InstanceState.FAILED;
import static dev.ctrlstore.store.instance.InstanceState.PROVISIONING;
import static dev.ctrlstore.store.instance.InstanceState.RUNNING;
import static dev.ctrlstore.store.instance.InstanceState.STARTING;
import static dev.ctrlstore.store.instance.InstanceState.STOPPED;
import static dev.ctrlstore.store.instance.InstanceState.STOPPING;
import static org.assertj.core.api.Assertions.assertThat;

class InstanceStateTest {

    /** ctrlplane spec §5.8. */
    private static final Map<InstanceState, Set<InstanceState>> ALLOWED = Map.of(
            PROVISIONING, EnumSet.of(STARTING, FAILED, DESTROYING),
            STARTING, EnumSet.of(RUNNING, FAILED),
            RUNNING, EnumSet.of(STOPPING, FAILED, DESTROYING),
            STOPPING, EnumSet.of(STOPPED, FAILED),
            STOPPED, EnumSet.of(STARTING, DESTROYING),
            FAILED, EnumSet.of(STARTING, DESTROYING),
            DESTROYING, EnumSet.of(DESTROYED, FAILED),
            DESTROYED, EnumSet.noneOf(InstanceState.class));

    @Test
    @DisplayName("canTransitionTo matches the spec's table for all 64 pairs; no state moves to itself")
    void transitionTable() {
        assertThat(ALLOWED).containsOnlyKeys(InstanceState.values());
        for (InstanceState from : InstanceState.values()) {
            for (InstanceState to : InstanceState.values()) {
                assertThat(from.canTransitionTo(to)).as("%s -> %s", from.wire(), to.wire())
                        .isEqualTo(ALLOWED.get(from).contains(to));
            }
            assertThat(from.allowedTargets()).isEqualTo(ALLOWED.get(from));
            assertThat(from.canTransitionTo(from)).isFalse();
        }
        assertThat(DESTROYED.allowedTargets()).isEmpty();
    }

    @Test
    @DisplayName("allowedTargets returns a fresh set each call, so a caller cannot change the table")
    void allowedTargetsNotShared() {
        RUNNING.allowedTargets().clear();

        assertThat(RUNNING.canTransitionTo(STOPPING)).isTrue();
    }
}
