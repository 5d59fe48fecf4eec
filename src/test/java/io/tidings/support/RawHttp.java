package io.tidings.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * HTTP/1.1 over a plain socket, one request a connection, for what no well-behaved client sends: a
 * bad escape in the path, a body that is not UTF-8, headers sent slowly.
 */
public final class RawHttp {

    private final URI base;

    public RawHttp(URI base) {
        this.base = base;
    }

    public record Response(int status, String head, String body) {

        /** A header's value, or "" when the response has none. */
        public String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).strip();
                }
            }
            return "";
        }

        public String contentType() {
            return header("Content-Type").toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Sends the request exactly as given (with Host, Content-Length and Connection: close added) and
     * reads the whole answer. Headers come as name, value pairs; a null value leaves its header out.
     */
    public Response exchange(String method, String target, byte[] body, String... headers) {
        try (Socket socket = open()) {
            // Written beside the read: the server may answer (413) and close before a large body is all sent.
            CompletableFuture.runAsync(() -> {
                try {
                    OutputStream out = socket.getOutputStream();
                    out.write(head(method, target, body.length, headers));
                    out.write(body);
                    out.flush();
                } catch (IOException closedEarly) {
                    // The answer says why.
                }
            });
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            try {
                socket.getInputStream().transferTo(answer);
            } catch (SocketException reset) {
                // What came before the reset is the answer.
            }
            return parse(answer.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A connection to the server, for tests that write its bytes themselves. */
    public Socket open() throws IOException {
        Socket socket = new Socket(base.getHost(), base.getPort());
        socket.setSoTimeout(30_000);
        return socket;
    }

    private byte[] head(String method, String target, int contentLength, String... headers) {
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(base.getHost()).append(':').append(base.getPort()).append("\r\n")
                .append("Content-Length: ").append(contentLength).append("\r\n")
                .append("Connection: close\r\n");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            if (headers[i + 1] != null) {
                head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
            }
        }
        return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    public static Response parse(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.1 ") || end < 0) {
            throw new AssertionError("not an HTTP response: " + text);
        }
        return new Response(Integer.parseInt(text.substring(9, 12)), text.substring(0, end), text.substring(end + 4));
    }

}
