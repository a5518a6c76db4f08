package dev.ctrlstore.cli;

import org.slf4j.bridge.SLF4JBridgeHandler;

/** The command's log: slf4j-simple on stderr, java.util.logging (Helidon's) joined to it. */
final class Logging {
    private Logging() {
    }

    /** Must run before the first logger is created. */
    static void configure(boolean debug) {
        setIfAbsent("org.slf4j.simpleLogger.logFile", "System.err");
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", debug ? "debug" : "info");
        setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
        setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
        setIfAbsent("org.slf4j.simpleLogger.showShortLogName", "true");
        // Libraries that say at INFO what only matters when something is wrong.
        for (String quiet : new String[] {"com.zaxxer.hikari", "org.flywaydb", "io.zonky", "org.jooq",
                "io.helidon", "org.postgresql"}) {
            setIfAbsent("org.slf4j.simpleLogger.log." + quiet, debug ? "debug" : "warn");
        }
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        java.util.logging.Logger.getLogger("").setLevel(debug ? java.util.logging.Level.FINE
                : java.util.logging.Level.INFO);
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
