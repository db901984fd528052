package io.matchpoint.engine.book;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * The order and level pools skip Agrona's bounds checks on the matcher's path; with assertions on (every test run) an
 * index outside the pool still fails loudly instead of touching memory that is not the pool's.
 */
class RecordPoolsTest
{
    @Test
    void shouldRefuseAnOrderIndexOutsideThePool()
    {
        final OrderPool orders = new OrderPool(4);
        final int order = orders.allocate();
        orders.price(order, 101);
        assertEquals(101, orders.price(order));

        assertThrows(AssertionError.class, () -> orders.price(OrderPool.NONE));
        assertThrows(AssertionError.class, () -> orders.leaves(4, 1));
    }

    @Test
    void shouldRefuseALevelIndexOutsideThePool()
    {
        final PriceLevelPool levels = new PriceLevelPool(2);
        final int level = levels.allocate(250);
        assertEquals(250, levels.price(level));

        assertThrows(AssertionError.class, () -> levels.price(PriceLevelPool.NONE));
        assertThrows(AssertionError.class, () -> levels.reduce(2, 1));
    }
}
