package io.matchpoint.perf;

import io.matchpoint.engine.match.Side;
import io.matchpoint.engine.match.TimeInForce;

import java.util.SplittableRandom;

/**
 * A seeded, repeating stream of passive limit orders for the standard book of {@link BookFixture}: a random side, a
 * price on one of its existing levels (so none crosses; most join a level, none opens one), a maker account, the
 * standard quantity. Generated up front so that drawing an order costs a few array reads.
 */
final class PassiveFlow
{
    private static final int LENGTH = 1 << 12;
    private static final int MASK = LENGTH - 1;

    private final Side[] sides = new Side[LENGTH];
    private final long[] prices = new long[LENGTH];
    private final long[] accounts = new long[LENGTH];
    private final long quantity;
    private int cursor;
    private long lastAccount;

    PassiveFlow(final long seed, final long quantity)
    {
        this.quantity = quantity;
        final SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < LENGTH; i++)
        {
            final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
            sides[i] = side;
            prices[i] = BookFixture.price(side, random.nextInt(BookFixture.LEVELS_PER_SIDE));
            accounts[i] = BookFixture.makerAccount(random.nextInt(BookFixture.MAKER_ACCOUNTS));
        }
    }

    /**
     * Places the next order of the stream.
     *
     * @return its order id
     */
    long placeNext(final BookFixture fixture)
    {
        final int i = cursor;
        cursor = (i + 1) & MASK;
        lastAccount = accounts[i];
        return fixture.place(lastAccount, sides[i], TimeInForce.GTC, prices[i], quantity);
    }

    /** The account of the order {@link #placeNext} placed last. */
    long lastAccount()
    {
        return lastAccount;
    }
}
