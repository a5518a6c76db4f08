package dev.ctrlstore.store.secret;

import dev.ctrlstore.store.InvalidArgumentException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SecretValueTest {

    @Test
    void copiesTheArrayItIsMadeFrom() {
        byte[] input = {1, 2, 3};
        SecretValue value = SecretValue.of(input);
        input[0] = 9;
        assertThat(value.bytes()).containsExactly(1, 2, 3);
    }

    @Test
    void handsOutAFreshCopyEachTime() {
        SecretValue value = SecretValue.of(new byte[] {1, 2, 3});
        byte[] out = value.bytes();
        out[0] = 9;
        assertThat(value.bytes()).containsExactly(1, 2, 3);
        assertThat(value.bytes()).isNotSameAs(value.bytes());
    }

    @Test
    void keepsZeroBytesAndNonUtf8Data() {
        byte[] raw = {0, (byte) 0xff, 0, (byte) 0xc3, 0x28, 0};
        SecretValue value = SecretValue.of(raw);
        assertThat(value.bytes()).isEqualTo(raw);
        assertThat(value.length()).isEqualTo(6);
    }

    @Test
    void utf8RoundTrips() {
        String text = "pässwörd ☃ 🚀 שלום";
        SecretValue value = SecretValue.ofUtf8(text);
        assertThat(value.utf8()).isEqualTo(text);
        assertThat(value.bytes()).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
        assertThat(value.length()).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void equalityIsByContent() {
        SecretValue a = SecretValue.of(new byte[] {1, 2, 3});
        SecretValue b = SecretValue.of(new byte[] {1, 2, 3});
        SecretValue c = SecretValue.of(new byte[] {1, 2, 4});
        SecretValue shorter = SecretValue.of(new byte[] {1, 2});
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(c).isNotEqualTo(shorter);
        assertThat(a).isNotEqualTo(new byte[] {1, 2, 3}).isNotEqualTo(null);
        assertThat(SecretValue.of(new byte[0])).isEqualTo(SecretValue.ofUtf8(""));
    }

    @Test
    void toStringShowsOnlyTheLength() {
        SecretValue value = SecretValue.ofUtf8("hunter2-top-secret");
        assertThat(value.toString()).isEqualTo("SecretValue[18 bytes]").doesNotContain("hunter2");
    }

    @Test
    void sizeIsLimitedTo64KiB() {
        assertThat(SecretValue.of(new byte[SecretValue.MAX_BYTES]).length()).isEqualTo(65_536);
        InvalidArgumentException e = catchThrowableOfType(InvalidArgumentException.class,
                () -> SecretValue.of(new byte[SecretValue.MAX_BYTES + 1]));
        assertThat(e.field()).isEqualTo("secret.value");
        assertThat(e.getMessage()).contains("65536").contains("65537");
        InvalidArgumentException text = catchThrowableOfType(InvalidArgumentException.class,
                () -> SecretValue.ofUtf8("ü".repeat(SecretValue.MAX_BYTES / 2 + 1)));
        assertThat(text.field()).isEqualTo("secret.value");
    }

    @Test
    void nullIsRejected() {
        assertThat(catchThrowableOfType(InvalidArgumentException.class, () -> SecretValue.of(null)).field())
                .isEqualTo("secret.value");
        assertThat(catchThrowableOfType(InvalidArgumentException.class, () -> SecretValue.ofUtf8(null)).field())
                .isEqualTo("secret.value");
    }
}
