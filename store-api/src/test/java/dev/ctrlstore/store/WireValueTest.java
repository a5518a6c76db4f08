package dev.ctrlstore.store;

import dev.ctrlstore.store.instance.InstanceState;
import dev.ctrlstore.store.spec.SecretType;
import dev.ctrlstore.store.spec.ServiceRole;
import dev.ctrlstore.store.spec.SourceType;
import dev.ctrlstore.store.spec.WorkloadKind;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class WireValueTest {

    @Test
    @DisplayName("parse of an unknown text names the field and the text and lists every allowed value")
    void unknownValueListsAllowed() {
        InvalidArgumentException e = catchThrowableOfType(InvalidArgumentException.class,
                () -> InstanceState.fromWire("paused"));

        assertThat(e).isNotNull();
        assertThat(e.field()).isEqualTo("state");
        assertThat(e.getMessage()).isEqualTo("state \"paused\" is not one of provisioning, starting, running,"
                + " stopping, stopped, failed, destroying, destroyed");
        for (String bad : new String[] {"RUNNING", "Running", " running", "", null}) {
            assertThat(catchThrowableOfType(InvalidArgumentException.class, () -> InstanceState.fromWire(bad)))
                    .as("%s", bad).isNotNull();
        }
    }

    @Test
    @DisplayName("every enum's wire strings are the spec's exact lower-case values and parse back to the constant")
    void wireValuesRoundTrip() {
        assertWire(InstanceState.values(), InstanceState::fromWire, List.of("provisioning", "starting", "running",
                "stopping", "stopped", "failed", "destroying", "destroyed"));
        assertWire(WorkloadKind.values(), WorkloadKind::fromWire, List.of("deployment", "stateful_set"));
        assertWire(ServiceRole.values(), ServiceRole::fromWire, List.of("main", "sidecar", "init"));
        assertWire(SourceType.values(), SourceType::fromWire, List.of("services", "helm", "manifests", "argocd"));
        assertWire(SecretType.values(), SecretType::fromWire, List.of("env", "file", "registry", "tls"));
        assertThat(catchThrowableOfType(InvalidArgumentException.class, () -> SourceType.fromWire("git")).field())
                .isEqualTo("sourceType");
    }

    private static <E extends WireValue> void assertWire(E[] values, Function<String, E> fromWire,
            List<String> expected) {
        assertThat(Arrays.stream(values).map(WireValue::wire).toList()).isEqualTo(expected);
        for (E v : values) {
            assertThat(fromWire.apply(v.wire())).isSameAs(v);
        }
    }
}
