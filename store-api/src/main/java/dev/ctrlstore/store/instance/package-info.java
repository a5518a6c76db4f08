/** The instance subsystem: {@link dev.ctrlstore.store.instance.Instance} records and their store. */
package dev.ctrlstore.store.instance;
