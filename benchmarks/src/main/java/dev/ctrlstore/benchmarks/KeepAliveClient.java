package dev.ctrlstore.benchmarks;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An HTTP/1.1 client on one kept-alive socket that sends prepared request bytes and reads the answer whole: so small
 * that the time measured is the server's and the network stack's, not a client library's (the JDK's HttpClient
 * costs more per request than the routes it would measure). Answers with a Content-Length or chunked bodies. Not
 * thread-safe: one per benchmark thread.
 */
final class KeepAliveClient implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final byte[] head = new byte[8192];

    KeepAliveClient(String host, int port) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), 5_000);
        socket.setSoTimeout(10_000);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 65536);
    }

    /** A request's bytes: {@code method path}, Host, and the body (JSON) when there is one. */
    static byte[] request(String method, String path, int port, byte[] body) {
        return request(method, path, port, body, Map.of());
    }

    /** A request's bytes: {@code method path}, Host, {@code extra} headers, and the body (JSON) when there is one. */
    static byte[] request(String method, String path, int port, byte[] body, Map<String, String> extra) {
        StringBuilder more = new StringBuilder();
        extra.forEach((name, value) -> more.append(name).append(": ").append(value).append("\r\n"));
        String headers = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n" + more
                + (body == null ? "" : "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n")
                + "\r\n";
        byte[] h = headers.getBytes(StandardCharsets.US_ASCII);
        if (body == null) {
            return h;
        }
        byte[] all = new byte[h.length + body.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }

    /**
     * Sends {@code request} and reads the answer.
     *
     * @return the status code; the body is read and dropped
     */
    int exchange(byte[] request) throws IOException {
        out.write(request);
        out.flush();
        int n = readHead();
        String text = new String(head, 0, n, StandardCharsets.ISO_8859_1);
        int status = Integer.parseInt(text.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        for (String line : text.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = line.substring(0, colon).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                length = Long.parseLong(line.substring(colon + 1).trim());
            } else if (name.equalsIgnoreCase("Transfer-Encoding")
                    && line.substring(colon + 1).trim().equalsIgnoreCase("chunked")) {
                chunked = true;
            }
        }
        if (chunked) {
            readChunks();
        } else if (length > 0) {
            skip(length);
        }
        return status;
    }

    private int readHead() throws IOException {
        int n = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the server closed the connection before answering");
            }
            if (n == head.length) {
                throw new IOException("response head over " + head.length + " bytes");
            }
            head[n++] = (byte) b;
            if (n >= 4 && head[n - 4] == '\r' && head[n - 3] == '\n' && head[n - 2] == '\r' && head[n - 1] == '\n') {
                return n;
            }
        }
    }

    private void readChunks() throws IOException {
        while (true) {
            String sizeLine = line();
            int semi = sizeLine.indexOf(';');
            long size = Long.parseLong((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
            if (size == 0) {
                // Trailers (none expected) end with an empty line.
                while (!line().isEmpty()) {
                    // skip trailer
                }
                return;
            }
            skip(size);
            line();
        }
    }

    private String line() throws IOException {
        StringBuilder sb = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                int len = sb.length();
                return len > 0 && sb.charAt(len - 1) == '\r' ? sb.substring(0, len - 1) : sb.toString();
            }
            sb.append((char) b);
        }
        throw new IOException("the server closed the connection inside a chunked body");
    }

    private void skip(long length) throws IOException {
        long left = length;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new IOException("the server closed the connection inside a body");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
