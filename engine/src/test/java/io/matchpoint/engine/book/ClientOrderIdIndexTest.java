package io.matchpoint.engine.book;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ClientOrderIdIndexTest
{
    @Test
    void shouldAgreeWithAHashMapUnderRandomPutsAndRemovesAtFullLoad()
    {
        final int capacity = 1_000;
        final ClientOrderIdIndex index = new ClientOrderIdIndex(capacity);
        final Map<String, Integer> expected = new HashMap<>();
        final SplittableRandom random = new SplittableRandom(11);
        for (int step = 0; step < 500_000; step++)
        {
            final int account = random.nextInt(8);
            final long clientOrderId = random.nextInt(400) - 200L;
            final String key = account + ":" + clientOrderId;
            final Integer present = expected.get(key);
            assertEquals(present == null ? ClientOrderIdIndex.NONE : present, index.get(account, clientOrderId));
            if (present != null)
            {
                index.remove(account, clientOrderId);
                expected.remove(key);
            }
            else if (expected.size() < capacity)
            {
                index.put(account, clientOrderId, step);
                expected.put(key, step);
            }
        }
        for (final Map.Entry<String, Integer> entry : expected.entrySet())
        {
            final String[] parts = entry.getKey().split(":");
            assertEquals(entry.getValue(), index.get(Integer.parseInt(parts[0]), Long.parseLong(parts[1])));
        }
    }
}
