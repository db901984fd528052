package io.matchpoint.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class AddressLimitsTest
{
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void shouldGiveConnectionsFromOneAddressTheSameLimitsAndOthersTheirOwn() throws UnknownHostException
    {
        final AddressLimits table = new AddressLimits(10, 2, SECOND, SECOND);
        final SharedLimits first = table.acquire(address(1), 0);
        final SharedLimits second = table.acquire(address(1), 0);
        final SharedLimits other = table.acquire(address(2), 0);

        assertSame(first, second);
        assertNotSame(first, other);
        assertEquals(2, first.holders);
        assertTrue(first.logons.tryTake(0));
        assertTrue(second.logons.tryTake(0));
        assertFalse(first.logons.tryTake(0), "the two connections spent the address's two logons");
        assertTrue(other.logons.tryTake(0));
    }

    @Test
    void shouldKeepAnAddressWithoutConnectionsUntilItsBucketsHaveRefilled() throws UnknownHostException
    {
        final AddressLimits table = new AddressLimits(10, 2, SECOND, SECOND);
        final SharedLimits limits = table.acquire(address(1), 0);
        limits.logons.take(0);
        limits.logons.take(0);
        table.release(limits);

        assertSame(limits, table.acquire(address(1), SECOND / 4), "reconnecting finds the spent logons");
        table.release(limits);
        assertFalse(limits.isIdle(SECOND / 4));
        assertTrue(limits.isIdle(SECOND));
    }

    @Test
    void shouldPruneOnlyIdleAddressesWhenTheTableIsLarge() throws UnknownHostException
    {
        final AddressLimits table = new AddressLimits(10, 2, SECOND, SECOND);
        final SharedLimits held = table.acquire(address(1), 0);
        for (int i = 0; i < 9_999; i++) // with the held one, 10,000: the next new address prunes
        {
            table.release(table.acquire(InetAddress.getByAddress(new byte[] { 10, 0, (byte)(i >> 8), (byte)i }), 0));
        }
        table.acquire(address(3), 10 * SECOND); // the table is full: the idle ones go

        assertEquals(2, table.size(), "the held address and the new one");
        assertSame(held, table.acquire(address(1), 10 * SECOND));
    }

    private static InetAddress address(final int last) throws UnknownHostException
    {
        return InetAddress.getByAddress(new byte[] { 127, 0, 0, (byte)last });
    }
}
