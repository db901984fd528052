package io.matchpoint.gateway.app;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.matchpoint.gateway.config.AccountConfig;
import io.matchpoint.gateway.server.AccountDirectory;

/**
 * The accounts of the configuration file, checked by SHA-256 digest in constant time.
 */
final class ConfiguredAccounts implements AccountDirectory
{
    private final Map<String, AccountConfig> byName = new HashMap<>();
    private final Map<Long, AccountConfig> byId = new HashMap<>();

    ConfiguredAccounts(final List<AccountConfig> accounts)
    {
        for (final AccountConfig account : accounts)
        {
            byName.put(account.name(), account);
            byId.put(account.id(), account);
        }
    }

    public long authenticate(final String name, final byte[] password, final int passwordLength)
    {
        final AccountConfig account = byName.get(name);
        return account != null && account.matches(password, 0, passwordLength) ? account.id() : NO_ACCOUNT;
    }

    public boolean isAdmin(final long accountId)
    {
        final AccountConfig account = byId.get(accountId);
        return account != null && account.admin();
    }

    @Override
    public boolean isKnown(final long accountId)
    {
        return byId.containsKey(accountId);
    }

    @Override
    public boolean isDropCopy(final long accountId)
    {
        final AccountConfig account = byId.get(accountId);
        return account != null && account.dropCopy().isDropCopy();
    }
}
