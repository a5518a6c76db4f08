package dev.ctrlstore.store;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PageTest {

    @Test
    @DisplayName("items are an unmodifiable copy; a null cursor becomes empty; hasNext follows the cursor")
    void itemsCopiedAndCursor() {
        List<String> source = new ArrayList<>(List.of("a", "b"));
        Page<String> page = new Page<>(source, null, 5);
        source.add("c");

        assertThat(page.items()).containsExactly("a", "b");
        assertThatThrownBy(() -> page.items().add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(page.nextCursor()).isEmpty();
        assertThat(page.hasNext()).isFalse();
        assertThat(new Page<>(List.of("a"), Optional.of("cur"), 2).hasNext()).isTrue();
    }

    @Test
    @DisplayName("total below the number of items is rejected; equal is fine")
    void totalInvariant() {
        assertThat(new Page<>(List.of("a", "b"), Optional.empty(), 2).total()).isEqualTo(2);
        assertThatThrownBy(() -> new Page<>(List.of("a", "b"), Optional.empty(), 1))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("got 1 for 2 items");
        assertThatThrownBy(() -> new Page<>(null, Optional.empty(), 0))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("items");
    }

    @Test
    @DisplayName("nextRequest carries the cursor and the limit; on the last page it fails")
    void nextRequest() {
        assertThat(new Page<>(List.of("a"), Optional.of("cur"), 3).nextRequest(1))
                .isEqualTo(new PageRequest(1, "cur"));
        assertThatThrownBy(() -> new Page<>(List.of("a"), Optional.empty(), 1).nextRequest(1))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("last page");
    }
}
