package io.matchpoint.engine.book;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Which slot the order pool gives is visible (order ids carry it): the most recently freed slot first, else the
 * lowest never used; and the stack of freed slots can be read out and restored as it was.
 */
class OrderPoolTest
{
    @Test
    void shouldGiveTheMostRecentlyFreedSlotFirstThenTheLowestNeverUsed()
    {
        final OrderPool orders = new OrderPool(8);
        assertEquals(0, orders.allocate());
        assertEquals(1, orders.allocate());
        assertEquals(2, orders.allocate());
        orders.free(0);
        orders.free(2);

        assertEquals(2, orders.allocate());
        assertEquals(0, orders.allocate());
        assertEquals(3, orders.allocate());
        assertEquals(4, orders.highWater());
        assertEquals(4, orders.size());
    }

    @Test
    void shouldClearTheOrderIdOfAFreedSlot()
    {
        final OrderPool orders = new OrderPool(2);
        final int order = orders.allocate();
        orders.orderId(order, 77);

        orders.free(order);

        assertEquals(0, orders.orderId(order));
    }

    @Test
    void shouldBeFullOnlyWithNoFreedSlotAndNoSlotNeverUsed()
    {
        final OrderPool orders = new OrderPool(2);
        orders.allocate();
        final int second = orders.allocate();
        assertTrue(orders.isFull());
        assertEquals(OrderPool.NONE, orders.allocate());

        orders.free(second);

        assertFalse(orders.isFull());
        assertEquals(second, orders.allocate());
    }

    @Test
    void shouldRestoreTheSlotsUsedAndTheStackOfFreedSlots()
    {
        final OrderPool saved = new OrderPool(8);
        for (int i = 0; i < 5; i++)
        {
            saved.allocate();
        }
        saved.free(1);
        saved.free(4);
        saved.free(0);

        final OrderPool restored = new OrderPool(8);
        restored.restore(saved.highWater(), new int[]{ 0, 4, 1 });

        assertEquals(saved.size(), restored.size());
        assertEquals(saved.highWater(), restored.highWater());
        for (int i = 0; i < 4; i++)
        {
            assertEquals(saved.allocate(), restored.allocate());
        }
        assertThrows(IllegalStateException.class, () -> restored.restore(0, new int[0]));
    }
}
