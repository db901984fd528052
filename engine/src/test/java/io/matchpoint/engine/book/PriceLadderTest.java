package io.matchpoint.engine.book;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PriceLadderTest
{
    private static final int SLOTS = 256;

    @Test
    void shouldKeepBestBidAsHighestPrice()
    {
        final PriceLevelPool levels = new PriceLevelPool(16);
        final PriceLadder bids = new PriceLadder(true, SLOTS, levels);
        add(bids, levels, 100);
        add(bids, levels, 105);
        add(bids, levels, 95);

        assertEquals(105, levels.price(bids.bestLevel()));
        bids.remove(105);
        assertEquals(100, levels.price(bids.bestLevel()));
    }

    @Test
    void shouldWalkLevelsInPriorityOrderAcrossTheSlotWrapAround()
    {
        final PriceLevelPool levels = new PriceLevelPool(16);
        final PriceLadder asks = new PriceLadder(false, SLOTS, levels);
        // 250..260 straddles slot 255 -> 0
        add(asks, levels, 258);
        add(asks, levels, 250);
        add(asks, levels, 256);
        add(asks, levels, 255);

        assertEquals(List.of(250L, 255L, 256L, 258L), walk(asks, levels));
    }

    @Test
    void shouldMatchASortedMapUnderRandomAddsAndRemovesWithNegativePricesAndWrapAround()
    {
        final SplittableRandom random = new SplittableRandom(7);
        for (final boolean bids : new boolean[] { true, false })
        {
            final PriceLevelPool levels = new PriceLevelPool(SLOTS);
            final PriceLadder ladder = new PriceLadder(bids, SLOTS, levels);
            ladder.tickSize(3);
            final TreeMap<Long, Integer> expected = new TreeMap<>();
            long bandLow = -300;
            for (int step = 0; step < 200_000; step++)
            {
                if (random.nextInt(500) == 0 && expected.isEmpty())
                {
                    bandLow = 3L * (random.nextInt(2_000) - 1_000);
                }
                final long price = bandLow + 3L * random.nextInt(SLOTS);
                final Integer present = expected.get(price);
                if (present == null)
                {
                    final int level = levels.allocate(price);
                    ladder.add(price, level);
                    expected.put(price, level);
                }
                else
                {
                    assertEquals(present.intValue(), ladder.level(price));
                    ladder.remove(price);
                    levels.free(present);
                    expected.remove(price);
                }
                if (step % 97 == 0)
                {
                    final List<Long> order = new ArrayList<>(bids ? expected.descendingKeySet() : expected.keySet());
                    assertEquals(order, walk(ladder, levels), "step " + step);
                }
                assertEquals(expected.size(), ladder.levelCount());
                final Long best = expected.isEmpty() ? null : bids ? expected.lastKey() : expected.firstKey();
                assertEquals(best == null ? PriceLadder.NONE : expected.get(best).intValue(), ladder.bestLevel());
            }
        }
    }

    private static void add(final PriceLadder ladder, final PriceLevelPool levels, final long price)
    {
        ladder.add(price, levels.allocate(price));
    }

    private static List<Long> walk(final PriceLadder ladder, final PriceLevelPool levels)
    {
        final List<Long> prices = new ArrayList<>();
        for (int level = ladder.bestLevel(); level != PriceLadder.NONE; level = ladder.nextLevel(level))
        {
            prices.add(levels.price(level));
        }
        return prices;
    }
}
