package io.tidings.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * A relay on loopback that greets, offers PIPELINING to EHLO, and then answers each connection, in
 * turn, as its script says: for what no real server will do on cue (a reply held back until a whole
 * pipelined group is in, a connection dropped after a message's end).
 */
final class ScriptedRelay implements AutoCloseable {

    @FunctionalInterface
    interface Script {
        void run(BufferedReader in, OutputStream out) throws IOException;
    }

    private final ServerSocket server = new ServerSocket(0, 2, InetAddress.getLoopbackAddress());
    private final CompletableFuture<Void> done;

    ScriptedRelay(Script... scripts) throws IOException {
        done = CompletableFuture.runAsync(() -> {
            for (Script script : scripts) {
                try (Socket client = server.accept()) {
                    BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
                    OutputStream out = client.getOutputStream();
                    say(out, "220 scripted ESMTP");
                    in.readLine();
                    say(out, "250-scripted\r\n250 PIPELINING");
                    script.run(in, out);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
    }

    int port() {
        return server.getLocalPort();
    }

    /** Returns once every script has run to its end. */
    void awaitScripts() {
        done.join();
    }

    static void say(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        done.join();
    }
}
