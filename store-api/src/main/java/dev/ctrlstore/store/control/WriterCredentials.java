package dev.ctrlstore.store.control;

/**
 * A writer's name and secret, as a request presents them. {@link #toString()} never shows the secret.
 */
public record WriterCredentials(String writer, String secret) {
    @Override
    public String toString() {
        return "WriterCredentials[writer=" + writer + ", secret=***]";
    }
}
