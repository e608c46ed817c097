package dev.camelampenet.simulator.tls;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for the simulator's HTTPS mode, made at start with the JDK alone: an EC P-256 key and an
 * X.509 v3 certificate whose subject alternative names are {@code localhost}, {@code 127.0.0.1}, {@code ::1} and
 * the bind address. The JDK has no public API to issue a certificate, so the few DER structures are written here;
 * running {@code keytool} instead would cost a second JVM start on every simulator start.
 * <p>
 * Nobody trusts it by default, which is the point: a client must trust it explicitly ({@link #trustStore()},
 * {@link #clientSslContext()}, or the PEM file), exactly as it would a private CA.
 */
public final class SimulatorCertificate {

    private static final char[] PASSWORD = "simulator".toCharArray();
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

    private final KeyPair keys;
    private final X509Certificate certificate;

    private SimulatorCertificate(KeyPair keys, X509Certificate certificate) {
        this.keys = keys;
        this.certificate = certificate;
    }

    /** A fresh key and certificate, valid from a day ago (clock skew) for ten years; {@code bindHost} is named too. */
    public static SimulatorCertificate generate(String bindHost) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair keys = generator.generateKeyPair();
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            byte[] tbs = tbsCertificate(keys, now.minus(1, ChronoUnit.DAYS), now.plus(3650, ChronoUnit.DAYS), bindHost);
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(keys.getPrivate());
            signer.update(tbs);
            byte[] signature = signer.sign();
            byte[] der = Der.sequence(tbs, ecdsaWithSha256(), Der.bitString(signature));
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            certificate.verify(keys.getPublic());
            return new SimulatorCertificate(keys, certificate);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot make the simulator's TLS certificate: " + e.getMessage(), e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The certificate as a PEM block, what {@code curl --cacert} and most tools read. */
    public String pem() {
        try {
            String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded());
            return "-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A PKCS12 store holding only this certificate as a trusted entry. */
    public KeyStore trustStore() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("ampenet-simulator", certificate);
            return store;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a client uses to trust this certificate and nothing else. */
    public SSLContext clientSslContext() {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the server presents: the key and this certificate. */
    public SSLContext serverSslContext() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("ampenet-simulator", keys.getPrivate(), PASSWORD, new Certificate[] {certificate});
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(factory.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- the DER of RFC 5280's TBSCertificate ---------------------------------------------------------------

    private static byte[] tbsCertificate(KeyPair keys, Instant notBefore, Instant notAfter, String bindHost) {
        byte[] name = Der.sequence(Der.set(Der.sequence(Der.oid("2.5.4.3"), Der.utf8("Ampenet API simulator"))));
        byte[] serial = Der.integer(new BigInteger(63, new SecureRandom()).add(BigInteger.ONE));
        return Der.sequence(
                Der.explicit(0, Der.integer(BigInteger.TWO)), // v3: extensions follow
                serial,
                ecdsaWithSha256(),
                name,
                Der.sequence(Der.utcTime(UTC_TIME.format(notBefore)), Der.utcTime(UTC_TIME.format(notAfter))),
                name,
                keys.getPublic().getEncoded(), // already a DER SubjectPublicKeyInfo
                Der.explicit(3, Der.sequence(
                        extension("2.5.29.17", subjectAltNames(bindHost)),
                        extension("2.5.29.37", Der.sequence(Der.oid("1.3.6.1.5.5.7.3.1"))), // serverAuth
                        extension("2.5.29.19", Der.sequence()))));                          // not a CA
    }

    private static byte[] ecdsaWithSha256() {
        return Der.sequence(Der.oid("1.2.840.10045.4.3.2"));
    }

    private static byte[] extension(String oid, byte[] value) {
        return Der.sequence(Der.oid(oid), Der.octetString(value));
    }

    private static byte[] subjectAltNames(String bindHost) {
        Set<String> hosts = new LinkedHashSet<>(List.of("localhost", "127.0.0.1", "::1"));
        if (bindHost != null && !bindHost.isBlank() && !bindHost.equals("0.0.0.0") && !bindHost.equals("::")) {
            hosts.add(bindHost);
        }
        List<byte[]> names = new ArrayList<>();
        for (String host : hosts) {
            byte[] address = ipLiteral(host);
            names.add(address != null ? Der.tagged(0x87, address) // iPAddress
                    : Der.tagged(0x82, host.getBytes(StandardCharsets.US_ASCII))); // dNSName
        }
        return Der.sequence(names.toArray(new byte[0][]));
    }

    /** The address bytes when {@code host} is an IP literal; null for a name (never resolved). */
    private static byte[] ipLiteral(String host) {
        if (!host.matches("[0-9.]+") && !host.contains(":")) {
            return null;
        }
        try {
            return InetAddress.getByName(host).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** The handful of DER encodings a certificate needs. */
    private static final class Der {

        static byte[] tagged(int tag, byte[] content) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(tag);
            int length = content.length;
            if (length < 0x80) {
                out.write(length);
            } else {
                byte[] bytes = BigInteger.valueOf(length).toByteArray();
                int skip = bytes[0] == 0 ? 1 : 0;
                out.write(0x80 | (bytes.length - skip));
                out.write(bytes, skip, bytes.length - skip);
            }
            out.write(content, 0, content.length);
            return out.toByteArray();
        }

        static byte[] sequence(byte[]... parts) {
            return tagged(0x30, concat(parts));
        }

        static byte[] set(byte[]... parts) {
            return tagged(0x31, concat(parts));
        }

        static byte[] explicit(int number, byte[] content) {
            return tagged(0xA0 | number, content);
        }

        static byte[] integer(BigInteger value) {
            return tagged(0x02, value.toByteArray());
        }

        static byte[] bitString(byte[] bits) {
            byte[] content = new byte[bits.length + 1]; // first byte: no unused bits
            System.arraycopy(bits, 0, content, 1, bits.length);
            return tagged(0x03, content);
        }

        static byte[] octetString(byte[] content) {
            return tagged(0x04, content);
        }

        static byte[] utf8(String text) {
            return tagged(0x0C, text.getBytes(StandardCharsets.UTF_8));
        }

        static byte[] utcTime(String text) {
            return tagged(0x17, text.getBytes(StandardCharsets.US_ASCII));
        }

        static byte[] oid(String dotted) {
            String[] arcs = dotted.split("\\.");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(Integer.parseInt(arcs[0]) * 40 + Integer.parseInt(arcs[1]));
            for (int i = 2; i < arcs.length; i++) {
                long arc = Long.parseLong(arcs[i]);
                int groups = 1;
                for (long rest = arc >> 7; rest > 0; rest >>= 7) {
                    groups++;
                }
                for (int g = groups - 1; g >= 0; g--) {
                    int sevenBits = (int) ((arc >> (7 * g)) & 0x7F);
                    out.write(g > 0 ? sevenBits | 0x80 : sevenBits);
                }
            }
            return tagged(0x06, out.toByteArray());
        }

        private static byte[] concat(byte[]... parts) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (byte[] part : parts) {
                out.write(part, 0, part.length);
            }
            return out.toByteArray();
        }
    }
}
