/** The single {@code ctrlstore} command: every daemon, the client commands and the all-in-one {@code dev} mode. */
package dev.ctrlstore.cli;
