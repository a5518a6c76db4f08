/** {@link dev.ctrlstore.server.client.ExecutiveClient}: the write service's HTTP API from Java, over the JDK's client. */
package dev.ctrlstore.server.client;
