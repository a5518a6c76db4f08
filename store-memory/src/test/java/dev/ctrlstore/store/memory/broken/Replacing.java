package dev.ctrlstore.store.memory.broken;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * A subsystem store that passes every call through to the real one except the named method, which a broken answer
 * replaces — one deliberate defect without a hand-written forwarding class per interface.
 */
final class Replacing {
    private Replacing() {
    }

    /** The broken method's body: gets the call's arguments, may call the real store. */
    @FunctionalInterface
    interface Answer {
        Object answer(Object[] args);
    }

    static <T> T method(Class<T> type, T real, String name, Answer broken) {
        boolean exists = false;
        for (var m : type.getMethods()) {
            exists |= m.getName().equals(name);
        }
        if (!exists) {
            throw new IllegalArgumentException(type.getSimpleName() + " has no method " + name);
        }
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, m, args) -> {
            if (m.getName().equals(name)) {
                return broken.answer(args);
            }
            try {
                return m.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }
}
