package dev.ctrlstore.server.client;

/**
 * The write service refused a request, or could not be reached. The message is the service's own (it names what was
 * wrong), prefixed with the request; {@link #status()} is the HTTP status, or 0 when no answer came.
 */
public final class ExecutiveException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    public ExecutiveException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status the service answered, or 0 when it could not be reached or did not answer in time. */
    public int status() {
        return status;
    }

    /** Whether the service did not answer at all (down, wrong address, timeout). */
    public boolean unreachable() {
        return status == 0;
    }
}
