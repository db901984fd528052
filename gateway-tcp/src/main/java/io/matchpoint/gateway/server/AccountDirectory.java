package io.matchpoint.gateway.server;

/**
 * The accounts that may log on. Called only at logon, on the gateway's I/O thread.
 */
public interface AccountDirectory
{
    /** Returned by {@link #authenticate(String, byte[], int)} when the name or password is wrong. */
    long NO_ACCOUNT = -1;

    /**
     * Checks a name and password; implementations compare digests in constant time and never log the password.
     *
     * @param name           account name as sent.
     * @param password       the password's bytes as sent (NUL padding removed); the caller wipes them afterwards.
     * @param passwordLength how many bytes of {@code password} are the password.
     * @return the account id, or {@link #NO_ACCOUNT}.
     */
    long authenticate(String name, byte[] password, int passwordLength);

    /**
     * @param accountId an id {@link #authenticate(String, byte[], int)} returned.
     * @return whether the account may send admin requests (halt and resume trading).
     */
    boolean isAdmin(long accountId);

    /**
     * @param accountId an id {@link #authenticate(String, byte[], int)} returned.
     * @return whether the account is a drop copy account: its sessions receive copies of other accounts' execution
     * reports and may send nothing but heartbeats and a logout.
     */
    default boolean isDropCopy(final long accountId)
    {
        return false;
    }

    /**
     * @return whether an account with this id may log on: what an admin's kill switch may name.
     */
    boolean isKnown(long accountId);
}
