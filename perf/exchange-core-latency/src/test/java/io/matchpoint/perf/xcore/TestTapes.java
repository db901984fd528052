package io.matchpoint.perf.xcore;

import io.matchpoint.perf.support.tape.OrderTapeWriter;
import io.matchpoint.perf.support.tape.TapeInstrument;
import io.matchpoint.perf.support.tape.TapeKind;
import io.matchpoint.perf.support.tape.TapeSide;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes small tapes by hand for the tests, with a mix whose outcome is known without a book model: cancels and moves
 * only ever name "deep" orders, which no IOC or near order can reach, so every command succeeds; crossing IOCs and
 * near GTCs trade against the near orders of the other side.
 * <ul>
 *     <li>band 9,000..11,000, tick 1, per instrument; near bids 9,900..9,999, near asks 10,001..10,100; deep bids
 *     9,000..9,499, deep asks 10,500..11,000;</li>
 *     <li>about 30% near GTC, 15% deep GTC, 15% IOC at the far edge of the other side's near band (10,100 or 9,900),
 *     15% cancel of a deep order, 25% move of a deep order within its deep band; 1 move in 20 of those moves a deep
 *     order into the other side's near band instead, to trade, and it is never named again;</li>
 *     <li>buy orders from even accounts, sell orders from odd accounts.</li>
 * </ul>
 */
final class TestTapes
{
    static final long LOW = 9_000;
    static final long HIGH = 11_000;

    private TestTapes()
    {
    }

    /**
     * Writes a test tape for a run by hand:
     * {@code java -cp target/test-classes:target/exchange-core-latency.jar io.matchpoint.perf.xcore.TestTapes
     * FILE RECORDS [INSTRUMENTS ACCOUNTS SEED]}.
     */
    public static void main(final String[] args) throws IOException
    {
        final Path path = Path.of(args[0]);
        final int records = Integer.parseInt(args[1]);
        final int instruments = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        final int accounts = args.length > 3 ? Integer.parseInt(args[3]) : 100;
        final long seed = args.length > 4 ? Long.parseLong(args[4]) : 1;
        write(path, records, instruments, accounts, seed);
        System.out.println(path + ": " + records + " records, " + instruments + " instruments, " + accounts +
            " accounts, seed " + seed);
    }

    /**
     * @return the path written.
     */
    static Path write(final Path path, final int records, final int instruments, final int accounts, final long seed)
        throws IOException
    {
        final List<TapeInstrument> bands = new ArrayList<>();
        for (int i = 0; i < instruments; i++)
        {
            bands.add(new TapeInstrument(LOW, HIGH, 1));
        }
        final SplittableRandom random = new SplittableRandom(seed);
        final List<List<long[]>> deep = new ArrayList<>();
        for (int i = 0; i < instruments * 2; i++)
        {
            deep.add(new ArrayList<>());
        }
        long nextRef = 1;
        try (OrderTapeWriter writer = OrderTapeWriter.create(
            path, bands, accounts, seed, "test tape: near/deep GTC, crossing IOC, deep cancels and moves"))
        {
            while (writer.recordCount() < records)
            {
                final int instrument = random.nextInt(instruments);
                final boolean buy = random.nextBoolean();
                final TapeSide side = buy ? TapeSide.BUY : TapeSide.SELL;
                final int account = (random.nextInt(accounts / 2) * 2) + (buy ? 0 : 1);
                final List<long[]> deepOrders = deep.get(instrument * 2 + (buy ? 0 : 1));
                final int pick = random.nextInt(100);
                if (pick < 30)
                {
                    final long price = buy ? 9_900 + random.nextInt(100) : 10_001 + random.nextInt(100);
                    writer.append(TapeKind.GTC_LIMIT, side, instrument, account, nextRef++, price,
                        1 + random.nextInt(5));
                }
                else if (pick < 45 || deepOrders.isEmpty())
                {
                    final long price = buy ? 9_000 + random.nextInt(500) : 10_500 + random.nextInt(501);
                    final long quantity = 1 + random.nextInt(5);
                    deepOrders.add(new long[]{ nextRef, account, quantity });
                    writer.append(TapeKind.GTC_LIMIT, side, instrument, account, nextRef++, price, quantity);
                }
                else if (pick < 60)
                {
                    writer.append(TapeKind.IOC_LIMIT, side, instrument, account, nextRef++, buy ? 10_100 : 9_900,
                        1 + random.nextInt(4));
                }
                else if (pick < 75)
                {
                    final long[] order = deepOrders.remove(random.nextInt(deepOrders.size()));
                    writer.append(TapeKind.CANCEL, side, instrument, (int)order[1], order[0], 0, 0);
                }
                else
                {
                    final int index = random.nextInt(deepOrders.size());
                    final long[] order = deepOrders.get(index);
                    final long price;
                    if (random.nextInt(20) == 0)
                    {
                        deepOrders.remove(index);
                        price = buy ? 10_050 : 9_950;
                    }
                    else
                    {
                        price = buy ? 9_000 + random.nextInt(500) : 10_500 + random.nextInt(501);
                    }
                    writer.append(TapeKind.MOVE, side, instrument, (int)order[1], order[0], price, order[2]);
                }
            }
        }
        return path;
    }
}
