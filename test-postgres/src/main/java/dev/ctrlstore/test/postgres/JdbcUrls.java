package dev.ctrlstore.test.postgres;

import java.util.regex.Pattern;

/** String surgery on {@code jdbc:postgresql:} URLs: swap the database, hide a password. */
final class JdbcUrls {

    static final String PREFIX = "jdbc:postgresql:";

    private static final Pattern PASSWORD = Pattern.compile("(?i)(password=)[^&]*");

    private JdbcUrls() {
    }

    /**
     * The same URL (hosts, ports, parameters) naming another database. Handles {@code jdbc:postgresql://h:p/db?x},
     * several hosts, a missing database ({@code //h/}, {@code //h}) and the host-less forms {@code jdbc:postgresql:db}.
     */
    static String withDatabase(String url, String database) {
        if (!url.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL (expected " + PREFIX + "//host:5432/database): "
                    + redact(url));
        }
        String rest = url.substring(PREFIX.length());
        int query = rest.indexOf('?');
        String parameters = query < 0 ? "" : rest.substring(query);
        String location = query < 0 ? rest : rest.substring(0, query);
        if (location.startsWith("//")) {
            int slash = location.indexOf('/', 2);
            String hosts = slash < 0 ? location : location.substring(0, slash);
            return PREFIX + hosts + "/" + database + parameters;
        }
        return PREFIX + database + parameters;
    }

    /** The URL with the value of any {@code password=} parameter replaced by {@code ***}, for messages and logs. */
    static String redact(String url) {
        return url == null ? null : PASSWORD.matcher(url).replaceAll("$1***");
    }
}
