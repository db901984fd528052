package io.matchpoint.gateway.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;

/**
 * An account that may log on (an entry of {@code matchpoint.accounts}). Only the SHA-256 digest of the password is
 * kept, never the password; {@link #toString()} shows neither. The digest array is copied in and out, so the record
 * stays immutable, and {@link #equals} and {@link #hashCode} compare its content.
 * <p>
 * The constructor checks what the entry alone decides; {@link ServerConfig} checks the id against
 * {@link CapacityConfig#maxAccounts()} and that ids and names are unique.
 *
 * @param id             account id, {@code > 0}.
 * @param name           the logon name, 1..{@value #MAX_NAME_LENGTH} characters of {@code a-z 0-9 _ -}.
 * @param passwordSha256 SHA-256 of the password's UTF-8 bytes, {@value #DIGEST_LENGTH} bytes.
 * @param admin          whether the account may halt and resume trading.
 * @param dropCopy       whose execution reports it receives as a read-only drop copy account, {@link
 *                       DropCopyScope#NONE} for an account that trades.
 */
public record AccountConfig(long id, String name, byte[] passwordSha256, boolean admin, DropCopyScope dropCopy)
{
    /** The list's key. */
    public static final String PATH = "matchpoint.accounts";
    /** Longest account name. */
    public static final int MAX_NAME_LENGTH = 16;
    /** Length of a SHA-256 digest in bytes. */
    public static final int DIGEST_LENGTH = 32;

    static final String ID = "id";
    static final String NAME = "name";
    static final String PASSWORD = "password";
    static final String PASSWORD_SHA256 = "password-sha256";
    static final String ADMIN = "admin";
    static final String DROP_COPY_FOR = "drop-copy-for";

    private static final String NAME_CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789_-";

    /**
     * Checks the entry and copies the digest.
     *
     * @throws BadConfigException naming the first bad key, relative to the entry (e.g. {@code name}).
     */
    public AccountConfig
    {
        Checks.inRange(ID, id, 1, Long.MAX_VALUE);
        Checks.present(NAME, name);
        if (!Checks.isWord(name, MAX_NAME_LENGTH, NAME_CHARACTERS))
        {
            throw new BadConfigException(
                NAME, "must be 1.." + MAX_NAME_LENGTH + " characters of a-z 0-9 _ -, got \"" + name + "\"");
        }
        Checks.present(PASSWORD_SHA256, passwordSha256);
        if (passwordSha256.length != DIGEST_LENGTH)
        {
            throw new BadConfigException(
                PASSWORD_SHA256, "must be " + DIGEST_LENGTH + " bytes, got " + passwordSha256.length);
        }
        passwordSha256 = passwordSha256.clone();
        Checks.present(DROP_COPY_FOR, dropCopy);
        if (dropCopy.isDropCopy() && admin)
        {
            throw new BadConfigException(DROP_COPY_FOR, "a drop copy account is read-only: it cannot be admin too");
        }
        if (dropCopy.accounts().contains(id))
        {
            throw new BadConfigException(DROP_COPY_FOR, "lists the account itself (" + id + ")");
        }
    }

    /**
     * An account that trades (no drop copy).
     */
    public AccountConfig(final long id, final String name, final byte[] passwordSha256, final boolean admin)
    {
        this(id, name, passwordSha256, admin, DropCopyScope.NONE);
    }

    /**
     * An account given its password in clear text; only the password's digest is kept.
     *
     * @param id       account id.
     * @param name     logon name.
     * @param password the password; its UTF-8 bytes are digested.
     * @param admin    whether the account may halt and resume trading.
     * @return the account.
     */
    public static AccountConfig fromPassword(
        final long id, final String name, final CharSequence password, final boolean admin)
    {
        return fromPassword(id, name, password, admin, DropCopyScope.NONE);
    }

    /**
     * An account given its password in clear text, with its drop copy scope.
     */
    public static AccountConfig fromPassword(
        final long id, final String name, final CharSequence password, final boolean admin,
        final DropCopyScope dropCopy)
    {
        final byte[] bytes = password.toString().getBytes(StandardCharsets.UTF_8);
        return new AccountConfig(id, name, sha256(bytes, 0, bytes.length), admin, dropCopy);
    }

    /**
     * @return a copy of the password's SHA-256 digest.
     */
    @Override
    public byte[] passwordSha256()
    {
        return passwordSha256.clone();
    }

    /**
     * Whether a password given at logon is this account's, comparing digests in time independent of where they
     * differ ({@link MessageDigest#isEqual}). Allocates a digest: meant for logons, not the order path.
     *
     * @param password bytes holding the password's UTF-8 (for ASCII passwords, its ASCII) encoding.
     * @param offset   where the password starts in {@code password}.
     * @param length   the password's length in bytes.
     * @return true when the password's digest is this account's.
     */
    public boolean matches(final byte[] password, final int offset, final int length)
    {
        return MessageDigest.isEqual(passwordSha256, sha256(password, offset, length));
    }

    /**
     * Whether a password is this account's; see {@link #matches(byte[], int, int)}.
     *
     * @param password the password in clear text.
     * @return true when its UTF-8 digest is this account's.
     */
    public boolean matches(final CharSequence password)
    {
        final byte[] bytes = password.toString().getBytes(StandardCharsets.UTF_8);
        return matches(bytes, 0, bytes.length);
    }

    /**
     * @param bytes  the bytes to digest.
     * @param offset where they start.
     * @param length how many.
     * @return their SHA-256 digest, {@value #DIGEST_LENGTH} bytes.
     */
    public static byte[] sha256(final byte[] bytes, final int offset, final int length)
    {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        try
        {
            final MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(bytes, offset, length);
            return digest.digest();
        }
        catch (final NoSuchAlgorithmException ex)
        {
            // every Java platform must provide SHA-256 (MessageDigest's javadoc)
            throw new IllegalStateException(ex);
        }
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof AccountConfig that && id == that.id && admin == that.admin &&
            name.equals(that.name) && Arrays.equals(passwordSha256, that.passwordSha256) &&
            dropCopy.equals(that.dropCopy);
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(id, name, admin, dropCopy) * 31 + Arrays.hashCode(passwordSha256);
    }

    /**
     * @return the id, name, admin flag and drop copy scope; never the password's digest.
     */
    @Override
    public String toString()
    {
        return "AccountConfig[id=" + id + ", name=" + name + ", passwordSha256=<hidden>, admin=" + admin +
            (dropCopy.isDropCopy() ? ", dropCopyFor=" + dropCopy : "") + "]";
    }
}
