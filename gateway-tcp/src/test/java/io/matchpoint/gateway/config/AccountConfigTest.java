package io.matchpoint.gateway.config;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccountConfigTest
{
    // printf '%s' 'alice-demo' | sha256sum
    private static final String ALICE_DIGEST = "a1c0cb269dd9fcea55c495892b80b6db87d0fe5ceebd99353683935bef29e055";

    private final AccountConfig alice = AccountConfig.fromPassword(1, "alice", "alice-demo", false);

    @Test
    void shouldKeepTheSha256OfThePassword()
    {
        assertArrayEquals(HexFormat.of().parseHex(ALICE_DIGEST), alice.passwordSha256());
    }

    @Test
    void shouldMatchTheRightPasswordInsideABuffer()
    {
        final byte[] buffer = "xxalice-demoyy".getBytes(StandardCharsets.US_ASCII);

        assertTrue(alice.matches(buffer, 2, "alice-demo".length()));
    }

    @Test
    void shouldNotMatchAWrongPassword()
    {
        final byte[] buffer = "alice-demo".getBytes(StandardCharsets.US_ASCII);

        assertFalse(alice.matches(buffer, 0, buffer.length - 1));
        assertFalse(alice.matches("bob-demo"));
        assertFalse(alice.matches(""));
    }

    @Test
    void shouldNotLetTheDigestBeChangedFromOutside()
    {
        final byte[] digest = HexFormat.of().parseHex(ALICE_DIGEST);
        final AccountConfig account = new AccountConfig(1, "alice", digest, false);
        digest[0] ^= 1;
        account.passwordSha256()[1] ^= 1;

        assertTrue(account.matches("alice-demo"));
    }

    @Test
    void shouldCompareDigestsByContent()
    {
        assertEquals(AccountConfig.fromPassword(1, "alice", "alice-demo", false), alice);
        assertEquals(AccountConfig.fromPassword(1, "alice", "alice-demo", false).hashCode(), alice.hashCode());
        assertNotEquals(AccountConfig.fromPassword(1, "alice", "other", false), alice);
    }

    @Test
    void shouldHideTheDigestInToString()
    {
        final String text = alice.toString();

        assertEquals("AccountConfig[id=1, name=alice, passwordSha256=<hidden>, admin=false]", text);
    }

    @Test
    void shouldHideEverySecretInTheServerConfigsToString()
    {
        final String text = ServerConfigLoader.defaults().toString();

        for (final AccountConfig account : ServerConfigLoader.defaults().accounts())
        {
            final byte[] digest = account.passwordSha256();
            assertFalse(text.contains(HexFormat.of().formatHex(digest)), text);
            assertFalse(text.contains(java.util.Arrays.toString(digest)), text);
            assertFalse(text.contains(account.name() + "-demo"), text);
        }
        assertFalse(ServerConfigLoader.defaults().summary().contains("-demo"));
    }
}
