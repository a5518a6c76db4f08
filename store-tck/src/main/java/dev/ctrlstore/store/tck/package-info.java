/**
 * The compatibility kit: extend {@link dev.ctrlstore.store.tck.StoreContract} once per backend. One abstract contract
 * per subsystem runs nested inside it; rules are numbered in {@code TCK.md}. {@link dev.ctrlstore.store.tck.TestClock}
 * and {@link dev.ctrlstore.store.tck.StoreAssertions} are exported for users' own tests.
 */
package dev.ctrlstore.store.tck;
