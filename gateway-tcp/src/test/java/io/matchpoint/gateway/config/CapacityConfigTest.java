package io.matchpoint.gateway.config;

import io.matchpoint.engine.book.OrderPool;
import io.matchpoint.engine.book.PriceLevelPool;
import io.matchpoint.engine.match.EngineConfig;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CapacityConfigTest
{
    @Test
    void shouldGiveTheEngineTheSameCapacity()
    {
        final CapacityConfig capacity = ServerConfigLoader.defaults().capacity();

        final EngineConfig engine = capacity.engineConfig();

        assertEquals(capacity.maxOrders(), engine.maxOrders());
        assertEquals(capacity.maxPriceLevels(), engine.maxPriceLevels());
        assertEquals(capacity.maxInstruments(), engine.maxInstruments());
        assertEquals(capacity.maxAccounts(), engine.maxAccounts());
        assertEquals(capacity.ticksPerBook(), engine.ticksPerBook());
    }

    @Test
    void shouldAcceptTheLargestValuesTheEngineAccepts()
    {
        // accounts times instruments is bounded too (the risk exposure per pair): each at its largest with the other
        // as large as that bound then allows
        final int pairs = (int)EngineConfig.MAX_ACCOUNT_INSTRUMENT_PAIRS;
        for (final int[] tables : new int[][]{
            { CapacityConfig.MAX_TABLE_SIZE, pairs / CapacityConfig.MAX_TABLE_SIZE },
            { pairs / CapacityConfig.MAX_TABLE_SIZE, CapacityConfig.MAX_TABLE_SIZE } })
        {
            final CapacityConfig capacity = new CapacityConfig(
                Integer.highestOneBit(OrderPool.MAX_CAPACITY), Integer.highestOneBit(PriceLevelPool.MAX_CAPACITY),
                tables[0], tables[1], CapacityConfig.MAX_TABLE_SIZE,
                CapacityConfig.MAX_SESSIONS, CapacityConfig.MAX_RING_SIZE, CapacityConfig.MAX_RING_SIZE,
                CapacityConfig.MAX_SESSION_BUFFER_BYTES);

            assertDoesNotThrow(capacity::engineConfig);
        }
        assertThrows(BadConfigException.class, () -> new CapacityConfig(
            1024, 1024, 1025, pairs / 1024, 1024, 1, CapacityConfig.MIN_RING_SIZE, CapacityConfig.MIN_RING_SIZE,
            CapacityConfig.MIN_SESSION_BUFFER_BYTES));
    }

    @Test
    void shouldAcceptTheSmallestValuesTheEngineAccepts()
    {
        final CapacityConfig capacity = new CapacityConfig(
            1, 1, 1, 1, CapacityConfig.MIN_TICKS_PER_BOOK, 1, CapacityConfig.MIN_RING_SIZE,
            CapacityConfig.MIN_RING_SIZE, CapacityConfig.MIN_SESSION_BUFFER_BYTES);

        assertDoesNotThrow(capacity::engineConfig);
    }
}
