package io.matchpoint.gateway.config;

import io.matchpoint.engine.book.OrderPool;
import io.matchpoint.engine.book.PriceLevelPool;
import io.matchpoint.engine.match.EngineConfig;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
        final CapacityConfig capacity = new CapacityConfig(
            Integer.highestOneBit(OrderPool.MAX_CAPACITY), Integer.highestOneBit(PriceLevelPool.MAX_CAPACITY),
            CapacityConfig.MAX_TABLE_SIZE, CapacityConfig.MAX_TABLE_SIZE, CapacityConfig.MAX_TABLE_SIZE,
            CapacityConfig.MAX_SESSIONS, CapacityConfig.MAX_RING_SIZE, CapacityConfig.MAX_RING_SIZE,
            CapacityConfig.MAX_SESSION_BUFFER_BYTES);

        assertDoesNotThrow(capacity::engineConfig);
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
