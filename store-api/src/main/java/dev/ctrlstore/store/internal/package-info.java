/** Helpers shared by the API records and the store backends. Public for the backends' sake; not API. */
package dev.ctrlstore.store.internal;
