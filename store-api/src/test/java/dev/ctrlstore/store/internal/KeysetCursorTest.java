package dev.ctrlstore.store.internal;

import dev.ctrlstore.store.InvalidArgumentException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static dev.ctrlstore.store.internal.ChecksTest.invalid;
import static org.assertj.core.api.Assertions.assertThat;

class KeysetCursorTest {

    @Test
    @DisplayName("encode then decode returns the same list, key and id; the text is URL-safe")
    void roundTrip() {
        for (KeysetCursor c : List.of(
                new KeysetCursor("instances", 1_773_500_966_535_897L, "inst_01h455vb4pex5vsknk084sn02q"),
                new KeysetCursor("releases", 0L, "x"), new KeysetCursor("audit", -5L, "aud_1"),
                new KeysetCursor("a", Long.MAX_VALUE, "id"), new KeysetCursor("a", Long.MIN_VALUE, "ü🚀"))) {
            String text = c.encode();
            assertThat(text).matches("[A-Za-z0-9_-]+");
            assertThat(KeysetCursor.decode(text, c.list())).isEqualTo(c);
        }
    }

    @Test
    @DisplayName("text that is not a cursor fails on field cursor, showing the text and the way out")
    void garbageRejected() {
        List<String> garbage = List.of("garbage!", "%%%", "a", "====", encode("hello"), encode("c1|instances|12|"),
                encode("c1|instances|abc|inst_1"), encode("c2|instances|12|inst_1"), encode("c1|instances|12"),
                encode("c1|instances|12|inst_1|extra"), encode(""));
        for (String text : garbage) {
            InvalidArgumentException e = invalid(() -> KeysetCursor.decode(text, "instances"), "cursor");
            assertThat(e.getMessage()).as(text).contains("not valid for listing instances")
                    .contains("it is not a cursor").contains("nextCursor");
        }
    }

    @Test
    @DisplayName("a cursor of another list fails on field cursor, naming the list that produced it")
    void wrongListRejected() {
        String deployments = new KeysetCursor("deployments", 12L, "dep_1").encode();

        InvalidArgumentException e = invalid(() -> KeysetCursor.decode(deployments, "instances"), "cursor");

        assertThat(e.getMessage()).contains("listing instances").contains("produced by the deployments list");
    }

    @Test
    @DisplayName("a long bad cursor is abbreviated in the message")
    void longCursorAbbreviated() {
        String text = "z".repeat(5_000) + "!";
        assertThat(invalid(() -> KeysetCursor.decode(text, "instances"), "cursor").getMessage())
                .contains("z".repeat(37) + "...").doesNotContain("z".repeat(38)).hasSizeLessThan(300);
    }

    private static String encode(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }
}
