package dev.ctrlstore.store.tck;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.AssertionFailedError;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Puts the rule id in front of every failure of a contract test, so that a report line such as surefire's
 * {@code StoreContract$Instances.unknownIdNotFound:366 [I-7] ...} names the rule even when the failing assertion
 * sits in a shared helper or the store threw an exception of its own. A failure that already starts with
 * {@code [rule id]} (or AssertJ's {@code [[rule id] description]}) passes through untouched; any other becomes an {@link AssertionFailedError} whose message starts
 * with the rule id, with the original as its cause and the original's stack trace (so the reported line stays the
 * failing one).
 */
final class RuleIdPrefix implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {
    /** The first word of a contract test's display name: {@code I-7}, {@code D-12b}, {@code S-3}, ... */
    private static final Pattern RULE_ID = Pattern.compile("[A-Z]{1,3}-\\d+[a-z]?");

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw prefixed(context, throwable);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        throw prefixed(context, throwable);
    }

    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        throw prefixed(context, throwable);
    }

    private static Throwable prefixed(ExtensionContext context, Throwable throwable) {
        Optional<String> rule = ruleId(context);
        if (rule.isEmpty() || throwable instanceof VirtualMachineError) {
            return throwable;
        }
        String prefix = "[" + rule.get() + "]";
        String message = String.valueOf(throwable.getMessage()).strip();
        // AssertJ puts a description in brackets: "[[I-7] delete ... must throw ...] Expecting ..."
        if (message.startsWith(prefix) || message.startsWith("[" + prefix)) {
            return throwable;
        }
        String text = throwable instanceof AssertionError
                ? prefix + " " + message
                : prefix + " " + context.getDisplayName().substring(rule.get().length()).strip()
                        + ": the store threw " + throwable.getClass().getName() + ": " + throwable.getMessage();
        AssertionFailedError wrapped = throwable instanceof AssertionFailedError failed && failed.isExpectedDefined()
                ? new AssertionFailedError(text, failed.getExpected(), failed.getActual(), throwable)
                : new AssertionFailedError(text, throwable);
        wrapped.setStackTrace(throwable.getStackTrace());
        return wrapped;
    }

    /** The rule id that starts this test's display name, or that of its nearest ancestor (parameterized tests). */
    private static Optional<String> ruleId(ExtensionContext context) {
        for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
            if (c.get().getTestMethod().isEmpty()) {
                return Optional.empty();
            }
            String first = c.get().getDisplayName().split(" ", 2)[0];
            if (RULE_ID.matcher(first).matches()) {
                return Optional.of(first);
            }
        }
        return Optional.empty();
    }
}
