package io.tidings.mail;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.util.Properties;

/**
 * The baseline of {@code bench/delivery.sh}: a loop that calls Jakarta Mail's {@code Transport.send}
 * once per message, as a first attempt at a newsletter sender would, so a new connection each time.
 * Arguments: host port messages size (bytes of the whole message, roughly).
 */
public final class NaiveSendBenchmark {

    private NaiveSendBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        int messages = Integer.parseInt(args[2]);
        int size = Integer.parseInt(args[3]);
        Properties properties = new Properties();
        properties.put("mail.smtp.host", host);
        properties.put("mail.smtp.port", Integer.toString(port));
        Session session = Session.getInstance(properties);
        String body = "x".repeat(76) + "\r\n";
        String text = body.repeat(Math.max(1, (size - 600) / body.length()));
        long started = System.nanoTime();
        for (int i = 0; i < messages; i++) {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress("newsletter@bench.example"));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress("reader" + i + "@example.com"));
            message.setSubject("Your weekly digest");
            message.setText(text);
            Transport.send(message);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("%.1f%n", messages / seconds);
    }
}
