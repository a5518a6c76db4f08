package dev.ctrlstore.store.internal;

import dev.ctrlstore.store.InvalidArgumentException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class VersionsTest {

    @Test
    @DisplayName("requireNew rejects a stored version and requireStored version 0, on <entity>.version, naming the id")
    void requireNewAndStored() {
        Versions.requireNew(0, "instance", "inst_1");
        Versions.requireStored(1, "instance", "inst_1");

        InvalidArgumentException stored = catchThrowableOfType(InvalidArgumentException.class,
                () -> Versions.requireNew(3, "deployment", "dep_1"));
        assertThat(stored.field()).isEqualTo("deployment.version");
        assertThat(stored.getMessage()).contains("deployment.version must be 0").contains("dep_1").contains("version 3")
                .contains("use update");
        InvalidArgumentException fresh = catchThrowableOfType(InvalidArgumentException.class,
                () -> Versions.requireStored(0, "deployment", "dep_1"));
        assertThat(fresh.field()).isEqualTo("deployment.version");
        assertThat(fresh.getMessage()).contains("deployment.version is 0").contains("dep_1").contains("insert it first");
    }
}
