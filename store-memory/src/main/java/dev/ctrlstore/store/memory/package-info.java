/** The in-memory backend: {@link dev.ctrlstore.store.memory.MemoryStore}. */
package dev.ctrlstore.store.memory;
