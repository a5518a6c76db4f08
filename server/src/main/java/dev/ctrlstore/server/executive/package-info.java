/**
 * The write service (executive): ctlstore's HTTP routes over the center's
 * {@link dev.ctrlstore.store.control.ControlStore} — schema, writers, cookies, mutations and limits — with admin
 * routes behind a bearer token.
 */
package dev.ctrlstore.server.executive;
