package dev.ctrlstore.store;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class PageRequestTest {

    @Test
    @DisplayName("limit must be 1 to 1000 inclusive; the message names the bounds and the value")
    void limitBounds() {
        assertThat(PageRequest.first(PageRequest.MIN_LIMIT).limit()).isEqualTo(1);
        assertThat(PageRequest.first(PageRequest.MAX_LIMIT).limit()).isEqualTo(1000);
        assertThat(PageRequest.first()).isEqualTo(new PageRequest(PageRequest.DEFAULT_LIMIT, null));
        for (int bad : new int[] {0, -1, 1001, Integer.MAX_VALUE}) {
            InvalidArgumentException e = catchThrowableOfType(InvalidArgumentException.class,
                    () -> new PageRequest(bad, null));
            assertThat(e).as("limit %d", bad).isNotNull();
            assertThat(e.field()).isEqualTo("limit");
            assertThat(e.getMessage()).contains("between 1 and 1000").contains("got " + bad);
        }
    }

    @Test
    @DisplayName("a blank cursor is rejected on field cursor; next keeps the limit and requires a cursor")
    void cursorRules() {
        for (String blank : new String[] {"", "  ", "\n"}) {
            InvalidArgumentException e = catchThrowableOfType(InvalidArgumentException.class,
                    () -> new PageRequest(10, blank));
            assertThat(e).isNotNull();
            assertThat(e.field()).isEqualTo("cursor");
        }
        PageRequest next = PageRequest.first(7).next("abc");
        assertThat(next).isEqualTo(new PageRequest(7, "abc"));
        InvalidArgumentException e = catchThrowableOfType(InvalidArgumentException.class,
                () -> PageRequest.first(7).next(null));
        assertThat(e).isNotNull();
        assertThat(e.field()).isEqualTo("cursor");
    }

    @Test
    @DisplayName("a request counts the total only when asked; withTotal keeps limit and cursor, next keeps the choice")
    void totalOptIn() {
        assertThat(PageRequest.first().countTotal()).isFalse();
        assertThat(PageRequest.first(7).countTotal()).isFalse();
        assertThat(new PageRequest(7, "abc").countTotal()).isFalse();
        PageRequest counted = PageRequest.first(7).withTotal();
        assertThat(counted).isEqualTo(new PageRequest(7, null, true));
        assertThat(counted.next("abc")).isEqualTo(new PageRequest(7, "abc", true));
        assertThat(PageRequest.first(7).next("abc").countTotal()).isFalse();
        assertThat(new PageRequest(7, "abc").withTotal()).isEqualTo(new PageRequest(7, "abc", true));
    }
}
