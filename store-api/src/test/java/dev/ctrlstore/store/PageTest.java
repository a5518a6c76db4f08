package dev.ctrlstore.store;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PageTest {

    @Test
    @DisplayName("items are an unmodifiable copy; a null cursor becomes empty; hasNext follows the cursor")
    void itemsCopiedAndCursor() {
        List<String> source = new ArrayList<>(List.of("a", "b"));
        Page<String> page = new Page<>(source, null, OptionalLong.of(5));
        source.add("c");

        assertThat(page.items()).containsExactly("a", "b");
        assertThatThrownBy(() -> page.items().add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(page.nextCursor()).isEmpty();
        assertThat(page.hasNext()).isFalse();
        assertThat(new Page<>(List.of("a"), Optional.of("cur"), OptionalLong.empty()).hasNext()).isTrue();
    }

    @Test
    @DisplayName("total below the number of items is rejected; equal is fine; a null total is an absent one")
    void totalInvariant() {
        assertThat(new Page<>(List.of("a", "b"), Optional.empty(), OptionalLong.of(2)).total()).hasValue(2);
        assertThat(new Page<>(List.of("a", "b"), Optional.empty(), null).total()).isEmpty();
        assertThatThrownBy(() -> new Page<>(List.of("a", "b"), Optional.empty(), OptionalLong.of(1)))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("got 1 for 2 items");
        assertThatThrownBy(() -> new Page<>(null, Optional.empty(), OptionalLong.empty()))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("items");
    }

    @Test
    @DisplayName("nextRequest carries the cursor and the limit, and asks for a total if this page has one;"
            + " on the last page it fails")
    void nextRequest() {
        assertThat(new Page<>(List.of("a"), Optional.of("cur"), OptionalLong.empty()).nextRequest(1))
                .isEqualTo(new PageRequest(1, "cur"));
        assertThat(new Page<>(List.of("a"), Optional.of("cur"), OptionalLong.of(3)).nextRequest(1))
                .isEqualTo(new PageRequest(1, "cur").withTotal());
        assertThatThrownBy(() -> new Page<>(List.of("a"), Optional.empty(), OptionalLong.empty()).nextRequest(1))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("last page");
    }
}
