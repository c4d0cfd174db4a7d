package dev.logreg.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.1 written byte by byte on a socket, for requests no client library sends: a bad percent
 * escape in the path, {@code Content-Length: -1}, {@code TRACE}, a malformed chunk, a body cut off
 * or trickled in.
 */
final class RawHttp implements AutoCloseable {

    /** A response as read off the socket; {@code status} is -1 when the server closed without one. */
    record Response(int status, String head, String body) {

        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    private final Socket socket;
    private final OutputStream out;

    RawHttp(int port) {
        try {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(30_000);
            out = socket.getOutputStream();
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    /** Sends {@code text} as ISO-8859-1 bytes; false when the server has closed the connection. */
    boolean send(String text) {
        try {
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return true;
        } catch (IOException closed) {
            return false;
        }
    }

    /** One whole exchange on a new connection. */
    static Response exchange(int port, String request) {
        try (RawHttp http = new RawHttp(port)) {
            http.send(request);
            return http.response();
        }
    }

    /** Reads to the end of the stream (requests here say Connection: close, or the server closes). */
    Response response() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            for (int read; (read = in.read(buffer)) >= 0; ) {
                bytes.write(buffer, 0, read);
            }
        } catch (SocketTimeoutException | java.net.SocketException closedOrSilent) {
            // what came so far is the answer
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.1 ") || end < 0) {
            return new Response(-1, text, "");
        }
        String head = text.substring(0, end);
        String body = text.substring(end + 4);
        if ("chunked".equals(headerValue(head, "transfer-encoding"))) {
            body = dechunk(body);
        }
        return new Response(Integer.parseInt(head.substring(9, 12)), head, body);
    }

    private static String headerValue(String head, String name) {
        String value = new Response(0, head, "").header(name);
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }

    private static String dechunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int lineEnd = chunked.indexOf("\r\n", at);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
            if (size == 0) {
                break;
            }
            body.append(chunked, lineEnd + 2, Math.min(chunked.length(), lineEnd + 2 + size));
            at = lineEnd + 2 + size + 2;
        }
        return body.toString();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a test's socket
        }
    }
}
