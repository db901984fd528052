package io.matchpoint.engine.book;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OrderIdIndexTest
{
    @Test
    void shouldAgreeWithAHashMapWhileIdsGrowPastTheTableManyTimesOver()
    {
        final int capacity = 1_000;
        final OrderIdIndex index = new OrderIdIndex(capacity);
        final Map<Long, Integer> expected = new HashMap<>();
        final List<Long> live = new ArrayList<>();
        final SplittableRandom random = new SplittableRandom(3);
        long nextId = 1;
        // a block of long-lived consecutive ids, as a market maker's quotes would be, stays throughout
        for (int i = 0; i < capacity / 2; i++)
        {
            index.put(nextId, i);
            expected.put(nextId, i);
            nextId++;
        }
        for (int step = 0; step < 1_000_000; step++)
        {
            if (expected.size() < capacity && (live.isEmpty() || random.nextInt(100) < 52))
            {
                final int value = random.nextInt(capacity);
                index.put(nextId, value);
                expected.put(nextId, value);
                live.add(nextId);
                nextId++;
            }
            else
            {
                final Long id = live.remove(random.nextInt(live.size()));
                assertEquals(expected.remove(id).intValue(), index.get(id));
                index.remove(id);
                assertEquals(OrderIdIndex.NONE, index.get(id));
            }
            if (step % 1_000 == 0)
            {
                for (final Map.Entry<Long, Integer> entry : expected.entrySet())
                {
                    assertEquals(entry.getValue().intValue(), index.get(entry.getKey()), "id " + entry.getKey());
                }
            }
        }
        assertEquals(OrderIdIndex.NONE, index.get(0));
        assertEquals(OrderIdIndex.NONE, index.get(-5));
        assertEquals(OrderIdIndex.NONE, index.get(nextId));
    }
}
