package dev.camelampenet.ampenet;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import dev.camelampenet.ampenet.sms.SmsRequest;

/**
 * What makes two attempts of an exchange the same send: the endpoint, the message (text, type, sender, schedule)
 * and its targets (recipients or groups). A hash, so an exchange property never holds the text or the numbers twice.
 */
final class RequestFingerprint {

    private RequestFingerprint() {
    }

    static String of(String endpointKey, SmsRequest request, List<String> targets) {
        return of(endpointKey, request.text(), request.type(), request.senderId(), request.scheduleTime(),
                String.join(",", targets));
    }

    /** The same for other multi-call operations (contacts/store to several groups, contacts/move): their inputs. */
    static String of(String... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                digest.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
