package dev.ctrlstore.server.sidecar;

import dev.ctrlstore.store.InvalidArgumentException;
import dev.ctrlstore.store.NotFoundException;
import dev.ctrlstore.store.StoreClosedException;
import dev.ctrlstore.store.StoreUnavailableException;
import dev.ctrlstore.store.control.ControlException;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;

/** The sidecar's refusals as statuses with the message as a plain-text body; anything unexpected is a logged 500. */
final class SidecarErrors {
    private static final Logger LOG = LoggerFactory.getLogger(SidecarErrors.class);

    private SidecarErrors() {
    }

    static void register(HttpRouting.Builder routing) {
        routing.error(Throwable.class, SidecarErrors::handle);
    }

    static void handle(ServerRequest req, ServerResponse res, Throwable t) {
        int status = status(t);
        if (status == 500) {
            LOG.error("{} {} failed", req.prologue().method().text(), req.path().rawPath(), t);
        }
        res.status(status);
        if (t instanceof StoreUnavailableException) {
            res.header("Retry-After", "1");
        }
        res.header("Content-Type", "text/plain; charset=UTF-8");
        String message = status == 500 ? "internal error: " + t.getClass().getSimpleName()
                + " (details in the sidecar's log)" : t.getMessage();
        res.send(message.getBytes(StandardCharsets.UTF_8));
    }

    static int status(Throwable t) {
        if (t instanceof SidecarRefusal r) {
            return r.status();
        }
        if (t instanceof ControlException c) {
            return switch (c.reason()) {
                case NOT_FOUND -> 404;
                case INVALID -> 400;
                default -> 500;
            };
        }
        if (t instanceof InvalidArgumentException) {
            return 400;
        }
        if (t instanceof NotFoundException) {
            return 404;
        }
        if (t instanceof StoreUnavailableException || t instanceof StoreClosedException) {
            return 503;
        }
        return 500;
    }

    /** A refusal the sidecar decides itself (a malformed body, too many rows). */
    static final class SidecarRefusal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;

        SidecarRefusal(int status, String message) {
            super(message);
            this.status = status;
        }

        int status() {
            return status;
        }
    }
}
