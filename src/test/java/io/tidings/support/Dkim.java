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
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * DKIM keys made by OpenSSL and signatures checked by an independent verifier: Debian's python3-dkim
 * (dkimpy), given the public key directly instead of a DNS look-up. As a JUnit condition it skips
 * where either is missing, and fails under {@code CI=true}.
 */
public final class Dkim implements ExecutionCondition {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path OPENSSL = Path.of("/usr/bin/openssl");
    /**
     * Reads the message on stdin; its arguments are which DKIM-Signature to check (0 is the first) and
     * the DNS records as {@code selector record} pairs ({@code *} answers for any selector). Prints the
     * verdict and dkimpy's log.
     */
    private static final String VERIFY = """
            import dkim, logging, sys
            logging.basicConfig(stream=sys.stderr, level=logging.DEBUG)
            records = dict(zip(sys.argv[2::2], sys.argv[3::2]))
            def dns(name, timeout=5):
                selector = name.decode().split("._domainkey.")[0]
                return records.get(selector, records.get("*", "")).encode()
            d = dkim.DKIM(sys.stdin.buffer.read(), logger=logging.getLogger("dkim"))
            try:
                ok = d.verify(idx=int(sys.argv[1]), dnsfunc=dns)
            except dkim.DKIMException as e:
                print(e, file=sys.stderr)
                ok = False
            print("pass" if ok else "fail")
            """;

    /** A PEM private key file, its type as a DNS record's k= names it and that record's p=. */
    public record Key(Path pem, String type, String publicKey) {

        /** The TXT record published at {@code <selector>._domainkey.<domain>}. */
        public String record() {
            return "v=DKIM1; k=" + type + "; p=" + publicKey;
        }
    }

    /** The verdict and what dkimpy said on the way, for a failure's message. */
    public record Verdict(boolean pass, String log) {
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String reason = unavailable();
        if (reason == null) {
            return ConditionEvaluationResult.enabled("python3-dkim, python3-nacl and openssl available");
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
        // dkimpy verifies ed25519-sha256 with PyNaCl.
        if (!Files.isExecutable(PYTHON) || run(List.of(PYTHON.toString(), "-c", "import dkim, nacl"), new byte[0]).exit != 0) {
            return "no dkim or nacl module for " + PYTHON + " (Debian packages python3-dkim and python3-nacl)";
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
        return new Key(pem, "rsa", publicKey(pem));
    }

    /**
     * A fresh Ed25519 key in {@code directory} ({@code openssl genpkey -algorithm ed25519}, PKCS#8); its
     * p= is the bare 32-byte public key (RFC 8463 section 4.2), the tail of the SubjectPublicKeyInfo
     * OpenSSL writes.
     */
    public static Key ed25519Key(Path directory) {
        Path pem = directory.resolve("ed25519.pem");
        openssl(List.of("genpkey", "-algorithm", "ed25519", "-out", pem.toString()));
        byte[] spki = java.util.Base64.getDecoder().decode(publicKey(pem));
        byte[] raw = java.util.Arrays.copyOfRange(spki, spki.length - 32, spki.length);
        return new Key(pem, "ed25519", java.util.Base64.getEncoder().encodeToString(raw));
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

    /** dkimpy's verdict on the message's first DKIM-Signature, with this RSA p= as the published key. */
    public static Verdict verify(byte[] message, String publicKey) {
        return verify(message, 0, Map.of("*", new Key(null, "rsa", publicKey).record()));
    }

    /** dkimpy's verdict on the message's {@code index}th DKIM-Signature (0 the first), with these records by selector. */
    public static Verdict verify(byte[] message, int index, Map<String, String> records) {
        List<String> command = new java.util.ArrayList<>(List.of(PYTHON.toString(), "-c", VERIFY, Integer.toString(index)));
        records.forEach((selector, record) -> command.addAll(List.of(selector, record)));
        Result result = run(command, message);
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
