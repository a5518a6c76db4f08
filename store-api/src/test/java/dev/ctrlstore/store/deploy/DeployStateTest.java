package dev.ctrlstore.store.deploy;

import dev.ctrlstore.store.InvalidArgumentException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeployStateTest {

    @Test
    void wireValuesAreTheSpecsStrings() {
        assertThat(Arrays.stream(DeployState.values()).map(DeployState::wire))
                .containsExactly("pending", "running", "succeeded", "failed", "rolled_back", "cancelled");
    }

    @Test
    void fromWireReadsEveryWireValueBack() {
        for (DeployState s : DeployState.values()) {
            assertThat(DeployState.fromWire(s.wire())).isSameAs(s);
        }
    }

    @Test
    void fromWireRejectsOtherTextNamingTheAllowedValues() {
        assertThatThrownBy(() -> DeployState.fromWire("ROLLED_BACK"))
                .isInstanceOfSatisfying(InvalidArgumentException.class,
                        e -> assertThat(e.field()).isEqualTo("deployState"))
                .hasMessageContaining("ROLLED_BACK")
                .hasMessageContaining("rolled_back");
    }
}
