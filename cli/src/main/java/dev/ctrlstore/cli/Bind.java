package dev.ctrlstore.cli;

/** A {@code HOST:PORT} setting ({@code :PORT} alone binds to 127.0.0.1; port 0 picks a free one). */
record Bind(String host, int port) {

    static Bind parse(String option, String value) {
        int colon = value.lastIndexOf(':');
        String host = colon < 0 ? value : value.substring(0, colon);
        String port = colon < 0 ? "" : value.substring(colon + 1);
        try {
            int p = Integer.parseInt(port);
            if (p < 0 || p > 65535) {
                throw new NumberFormatException();
            }
            return new Bind(host.isEmpty() ? "127.0.0.1" : host.replace("[", "").replace("]", ""), p);
        } catch (NumberFormatException e) {
            throw new Main.UsageException(option + " '" + value + "' must be HOST:PORT with a port from 0 to 65535, "
                    + "e.g. 127.0.0.1:1331 or 0.0.0.0:1331");
        }
    }
}
