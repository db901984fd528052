package io.matchpoint.engine.book;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class OrderIdTableTest
{
    @Test
    void shouldAgreeWithAHashMapWhileLongLivedOrdersSpillOutOfTheWindow()
    {
        final int capacity = 1_000;
        final OrderPool orders = new OrderPool(capacity);
        final OrderIdTable table = new OrderIdTable(capacity, orders);
        final Map<Long, Integer> expected = new HashMap<>();
        final List<Long> live = new ArrayList<>();
        final SplittableRandom random = new SplittableRandom(5);
        long nextId = 1;
        // a block of long-lived consecutive ids, as a market maker's quotes would be: the window comes round to them
        // again and again, so later ids with their slots spill
        for (int i = 0; i < capacity / 2; i++)
        {
            put(orders, table, expected, nextId++);
        }
        int mostSpilled = 0;
        for (int step = 0; step < 1_000_000; step++)
        {
            if (expected.size() < capacity && (live.isEmpty() || random.nextInt(100) < 52))
            {
                live.add(nextId);
                put(orders, table, expected, nextId);
                nextId += 1 + random.nextInt(3); // not every id rests (IOC orders, rejects)
            }
            else
            {
                final Long id = live.remove(random.nextInt(live.size()));
                final int order = expected.remove(id);
                assertEquals(order, table.get(id));
                table.remove(order);
                orders.free(order);
                assertEquals(OrderIdTable.NONE, table.get(id));
            }
            mostSpilled = Math.max(mostSpilled, table.spilledCount());
            if (step % 1_000 == 0)
            {
                for (final Map.Entry<Long, Integer> entry : expected.entrySet())
                {
                    assertEquals(entry.getValue().intValue(), table.get(entry.getKey()), "id " + entry.getKey());
                }
            }
        }
        assertTrue(mostSpilled > 0, "the test must reach the spill path");
        assertEquals(OrderIdTable.NONE, table.get(0));
        assertEquals(OrderIdTable.NONE, table.get(-5));
        assertEquals(OrderIdTable.NONE, table.get(nextId));
    }

    private static void put(
        final OrderPool orders, final OrderIdTable table, final Map<Long, Integer> expected, final long id)
    {
        final int order = orders.allocate();
        orders.orderId(order, id);
        table.put(id, order);
        expected.put(id, order);
    }
}
