package dev.mentor.data;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A SHA-256 digest of a data set's bytes, fed by a reader as it reads (pixels and labels in reading
 * order), so the run record can say exactly which data a model was trained on. The same data gives
 * the same fingerprint whether it was read from a {@code .gz} or a raw file.
 */
public final class Fingerprint {
    /** Hex characters kept from the digest: 64 bits, plenty to tell data sets apart. */
    public static final int HEX_LENGTH = 16;

    private final MessageDigest digest;
    private String value;

    public Fingerprint() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    public Fingerprint update(byte[] bytes, int offset, int length) {
        checkOpen();
        digest.update(bytes, offset, length);
        return this;
    }

    public Fingerprint update(byte[] bytes) {
        return update(bytes, 0, bytes.length);
    }

    /** Adds an int as four big-endian bytes (a label, a count). */
    public Fingerprint update(int value) {
        return update(new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8),
            (byte) value});
    }

    /** Adds a text (e.g. a class name), length-prefixed so that "ab"+"c" differs from "a"+"bc". */
    public Fingerprint update(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        update(utf8.length);
        return update(utf8);
    }

    /** A fingerprint of what this one has been fed so far, to be fed on separately; this one is left as it is. */
    public Fingerprint copy() {
        checkOpen();
        try {
            return new Fingerprint((MessageDigest) digest.clone());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the platform's SHA-256 cannot be copied", e);
        }
    }

    private Fingerprint(MessageDigest digest) {
        this.digest = digest;
    }

    /** The first {@link #HEX_LENGTH} hex characters of the digest; no update is allowed afterwards. */
    public String hex() {
        if (value == null) {
            value = HexFormat.of().formatHex(digest.digest()).substring(0, HEX_LENGTH);
        }
        return value;
    }

    private void checkOpen() {
        if (value != null) {
            throw new IllegalStateException("fingerprint already finished as " + value);
        }
    }
}
