package dev.ctrlstore.server.executive;

import dev.ctrlstore.server.http.HttpError;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as ctlstore's clients write them: Go's {@code time.ParseDuration} text ({@code "1m"}, {@code "1h30m"},
 * {@code "1.5s"}, {@code "500ms"}) or an integer count of nanoseconds.
 */
final class GoDuration {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)");
    private static final Map<String, Long> NANOS = Map.of("ns", 1L, "us", 1_000L, "µs", 1_000L, "μs", 1_000L,
            "ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    private GoDuration() {
    }

    /**
     * @param field the JSON field, for the message
     * @throws HttpError 400 naming the field and the text when it is not a duration of Go's form
     */
    static Duration parse(String field, String text) {
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = PART.matcher(text);
        BigDecimal nanos = BigDecimal.ZERO;
        int at = 0;
        while (at < text.length() && m.find(at) && m.start() == at) {
            nanos = nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(NANOS.get(m.group(2)))));
            at = m.end();
        }
        if (at == 0 || at != text.length()) {
            throw HttpError.badRequest(field + " must be a duration such as \"1m\", \"90s\" or \"1h30m\" (units ns,"
                    + " us, ms, s, m, h) or an integer of nanoseconds, got \"" + text + "\"");
        }
        if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw HttpError.badRequest(field + " is too long: at most " + Long.MAX_VALUE + "ns, got \"" + text
                    + "\"");
        }
        return Duration.ofNanos(nanos.longValue());
    }
}
