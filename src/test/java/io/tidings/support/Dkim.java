package io.tidings.support;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * DKIM keys made by OpenSSL and signatures checked by an independent verifier: Debian's python3-dkim
 * (dkimpy), given the public key directly instead of a DNS look-up. As a JUnit condition it skips
 * where either is missing, and fails under {@code CI=true}.
 */
public final class Dkim implements ExecutionCondition {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path OPENSSL = Path.of("/usr/bin/openssl");
    /** Reads the message on stdin, the DNS record's p= as its argument; prints the verdict and dkimpy's log. */
    private static final String VERIFY = """
            import dkim, logging, sys
            logging.basicConfig(stream=sys.stderr, level=logging.DEBUG)
            record = b"v=DKIM1; k=rsa; p=" + sys.argv[1].encode()
            ok = dkim.verify(sys.stdin.buffer.read(), logger=logging.getLogger("dkim"), dnsfunc=lambda name, timeout=5: record)
            print("pass" if ok else "fail")
            """;

    /** A PEM private key file and the p= of its DNS record. */
    public record Key(Path pem, String publicKey) {
    }

    /** The verdict and what dkimpy said on the way, for a failure's message. */
    public record Verdict(boolean pass, String log) {
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String reason = unavailable();
        if (reason == null) {
            return ConditionEvaluationResult.enabled("python3-dkim and openssl available");
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true needs the DKIM verifier, but " + reason);
        }
        return ConditionEvaluationResult.disabled("DKIM verification skipped: " + reason);
    }

    private static String unavailable() {
        if (!Files.isExecutable(OPENSSL)) {
            return "no " + OPENSSL + " (Debian package openssl)";
        }
        if (!Files.isExecutable(PYTHON) || run(List.of(PYTHON.toString(), "-c", "import dkim"), new byte[0]).exit != 0) {
            return "no dkim module for " + PYTHON + " (Debian package python3-dkim)";
        }
        return null;
    }

    /**
     * A fresh RSA key in {@code directory}: {@code openssl genpkey} writes PKCS#8 ({@code BEGIN PRIVATE KEY}),
     * {@code openssl genrsa -traditional} PKCS#1 ({@code BEGIN RSA PRIVATE KEY}).
     */
    public static Key rsaKey(Path directory, int bits, boolean pkcs1) {
        Path pem = directory.resolve((pkcs1 ? "pkcs1-" : "pkcs8-") + bits + ".pem");
        openssl(pkcs1 ? List.of("genrsa", "-traditional", "-out", pem.toString(), Integer.toString(bits))
                : List.of("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:" + bits, "-out", pem.toString()));
        return new Key(pem, publicKey(pem));
    }

    /** Runs openssl with these arguments and returns what it printed. */
    public static String openssl(List<String> arguments) {
        List<String> command = new java.util.ArrayList<>(List.of(OPENSSL.toString()));
        command.addAll(arguments);
        Result result = run(command, new byte[0]);
        if (result.exit != 0) {
            throw new IllegalStateException("openssl " + arguments + " failed: " + result.err);
        }
        return result.out;
    }

    /** The base64 DER of the key's public half, as a DNS record's p= carries it. */
    public static String publicKey(Path pem) {
        String spki = openssl(List.of("pkey", "-in", pem.toString(), "-pubout"));
        return spki.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    }

    /** dkimpy's verdict on the message's first DKIM-Signature, with this p= as the published key. */
    public static Verdict verify(byte[] message, String publicKey) {
        Result result = run(List.of(PYTHON.toString(), "-c", VERIFY, publicKey), message);
        if (result.exit != 0) {
            throw new IllegalStateException("dkimpy failed: " + result.err);
        }
        return new Verdict(result.out.strip().equals("pass"), result.err);
    }

    private record Result(int exit, String out, String err) {
    }

    private static Result run(List<String> command, byte[] input) {
        try {
            Path out = Files.createTempFile("dkim", ".out");
            Path err = Files.createTempFile("dkim", ".err");
            try {
                Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                try (var stdin = process.getOutputStream()) {
                    stdin.write(input);
                }
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(command.get(0) + " did not finish in 60 s");
                }
                return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
