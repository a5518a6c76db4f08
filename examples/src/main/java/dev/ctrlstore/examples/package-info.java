/** Runnable examples of the Store API; {@link dev.ctrlstore.examples.QuickStart} is the README's second command. */
package dev.ctrlstore.examples;
