package io.matchpoint.engine.book;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientOrderIdIndexTest
{
    @Test
    void shouldAgreeWithAHashMapUnderRandomPutsAndRemovesAtFullLoad()
    {
        final Model model = new Model(1_000);
        final SplittableRandom random = new SplittableRandom(11);
        for (int step = 0; step < 500_000; step++)
        {
            final int account = random.nextInt(8);
            final long clientOrderId = random.nextInt(400) - 200L;
            if (!model.checkAndToggle(account, clientOrderId))
            {
                continue;
            }
        }
        model.checkAll();
    }

    @Test
    void shouldGrowToTheWholePoolAndShrinkBackWithoutLosingAnOrder()
    {
        final int capacity = 50_000;
        final Model model = new Model(capacity);
        final SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < capacity; i++)
        {
            model.add(random.nextInt(3), random.nextLong());
        }
        assertEquals(capacity, model.index.size());
        assertTrue(Math.abs(model.index.buckets() - 2 * capacity) <= 2,
            "two buckets an order: " + model.index.buckets());
        model.checkAll();

        while (model.index.size() > 10)
        {
            model.removeAny(random);
            assertTrue(model.index.buckets() <= Math.max(ClientOrderIdIndex.MIN_BUCKETS, 4 * model.index.size() + 4),
                "at most four buckets an order as it shrinks: " + model.index.buckets());
            if (model.index.size() % 997 == 0)
            {
                model.checkAll();
            }
        }
        assertEquals(ClientOrderIdIndex.MIN_BUCKETS, model.index.buckets(), "shrunk back to its least");
        model.checkAll();
    }

    @Test
    void shouldKeepWorkingWhileTheLoadSwingsAroundItsBounds()
    {
        final Model model = new Model(20_000);
        final SplittableRandom random = new SplittableRandom(3);
        for (int swing = 0; swing < 6; swing++)
        {
            final int target = swing % 2 == 0 ? 15_000 : 200;
            while (model.index.size() < target)
            {
                model.add(random.nextInt(5), random.nextInt(1_000_000));
            }
            while (model.index.size() > target)
            {
                model.removeAny(random);
            }
            model.checkAll();
        }
    }

    @Test
    void shouldRefuseToRemoveAnOrderItDoesNotHold()
    {
        final OrderPool pool = new OrderPool(16);
        final ClientOrderIdIndex index = new ClientOrderIdIndex(pool);
        final int order = pool.allocate();
        pool.accountIndex(order, 1);
        pool.clientOrderId(order, 42);
        assertThrows(IllegalStateException.class, () -> index.remove(order));
    }

    /**
     * The index over a real pool, beside a plain map of what it should hold.
     */
    private static final class Model
    {
        final OrderPool pool;
        final ClientOrderIdIndex index;
        final Map<String, Integer> expected = new HashMap<>();
        final List<Integer> held = new ArrayList<>();

        Model(final int capacity)
        {
            pool = new OrderPool(capacity);
            index = new ClientOrderIdIndex(pool);
        }

        /**
         * Checks the key, then removes it if present, or adds it if there is room.
         */
        boolean checkAndToggle(final int account, final long clientOrderId)
        {
            final Integer present = expected.get(key(account, clientOrderId));
            assertEquals(present == null ? ClientOrderIdIndex.NONE : present, index.get(account, clientOrderId));
            if (present != null)
            {
                remove(present);
                return true;
            }
            if (expected.size() < pool.capacity())
            {
                add(account, clientOrderId);
                return true;
            }
            return false;
        }

        void add(final int account, final long clientOrderId)
        {
            if (expected.containsKey(key(account, clientOrderId)))
            {
                return;
            }
            final int order = pool.allocate();
            pool.accountIndex(order, account);
            pool.clientOrderId(order, clientOrderId);
            index.put(order);
            expected.put(key(account, clientOrderId), order);
            held.add(order);
        }

        void removeAny(final SplittableRandom random)
        {
            final int at = random.nextInt(held.size());
            remove(held.get(at));
        }

        void remove(final int order)
        {
            index.remove(order);
            expected.remove(key(pool.accountIndex(order), pool.clientOrderId(order)));
            held.remove(Integer.valueOf(order));
            pool.free(order);
        }

        void checkAll()
        {
            assertEquals(expected.size(), index.size());
            for (final Map.Entry<String, Integer> entry : expected.entrySet())
            {
                final String[] parts = entry.getKey().split(":");
                assertEquals(entry.getValue(), index.get(Integer.parseInt(parts[0]), Long.parseLong(parts[1])));
            }
            for (int absent = 0; absent < 100; absent++)
            {
                assertEquals(ClientOrderIdIndex.NONE, index.get(99, absent), "never put");
            }
        }

        private static String key(final int account, final long clientOrderId)
        {
            return account + ":" + clientOrderId;
        }
    }
}
