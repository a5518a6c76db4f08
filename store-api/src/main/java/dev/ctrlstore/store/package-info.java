/**
 * The map of ctrlstore: the aggregate {@link dev.ctrlstore.store.Store}, paging types and the exception hierarchy
 * rooted at {@link dev.ctrlstore.store.StoreException}. One sub-package per subsystem holds its records and its store
 * interface. This module depends on the JDK only.
 */
package dev.ctrlstore.store;
