package io.matchpoint.perf.compare;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.matchpoint.perf.support.tape.OrderTapeWriter;
import io.matchpoint.perf.support.tape.TapeInstrument;
import io.matchpoint.perf.support.tape.TapeKind;
import io.matchpoint.perf.support.tape.TapeSide;

/**
 * Writes the mixed workload of {@link MixedWorkloadGenerator} for several instruments as one order tape, the stream
 * that {@code ./matchpoint bench} sends and that exchange-core's pipeline is driven with: one independent stream per
 * instrument (seeds {@code seed + i}), interleaved at random, warm-up parts first. The first {@code build-up} records
 * (named in the tape's description) fill the books to their steady state; a run sends them before it measures.
 * <p>
 * Renumbering: the {@code n}-th order of instrument {@code i} becomes tape order {@code (n - 1) * K + i + 1}, so refs
 * are unique across instruments. Accounts keep the generator's numbering (1,000 accounts, buys from even ones, sells
 * from odd ones), so no order meets its own account's.
 * <p>
 * {@code java -cp exchange-core-compare-benchmarks.jar io.matchpoint.perf.compare.MixedWorkloadTape FILE INSTRUMENTS
 * MEASURED_COMMANDS [SEED] [RESTING_ORDERS_PER_INSTRUMENT] [MIX]}, MIX as in {@link Mix#parse} (default
 * {@link Mix#DEFAULT}); prints one line, {@code TAPE records=... build-up=...}.
 */
public final class MixedWorkloadTape
{
    /** The key in the tape description of the number of records that build the books before any is measured. */
    public static final String BUILD_UP_KEY = "build-up=";

    private MixedWorkloadTape()
    {
    }

    public static void main(final String[] args) throws IOException
    {
        if (args.length < 3)
        {
            System.err.println("usage: MixedWorkloadTape FILE INSTRUMENTS MEASURED_COMMANDS [SEED] [RESTING_ORDERS] " +
                "[gtc=9,ioc=3,cancel=6,move=82]");
            System.exit(2);
        }
        final Path file = Path.of(args[0]);
        final int instruments = Integer.parseInt(args[1]);
        final long measured = Long.parseLong(args[2].replace("_", ""));
        final long seed = args.length > 3 ? Long.parseLong(args[3]) : 7_400L;
        final int resting = args.length > 4 ? Integer.parseInt(args[4]) : 1_000;
        final Mix mix;
        try
        {
            mix = args.length > 5 ? Mix.parse(args[5]) : Mix.DEFAULT;
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println("bad mix: " + ex.getMessage());
            System.exit(2);
            return;
        }
        final long[] counts = write(file, instruments, measured, seed, resting, mix);
        System.out.println("TAPE records=" + counts[0] + " build-up=" + counts[1]);
    }

    /**
     * @return the records written and how many of them are build-up.
     */
    public static long[] write(final Path file, final int instrumentCount, final long measuredCommands,
        final long seed, final int resting, final Mix mix) throws IOException
    {
        if (instrumentCount < 1 || measuredCommands < 1 || measuredCommands / instrumentCount > Integer.MAX_VALUE / 2)
        {
            throw new IllegalArgumentException("instruments " + instrumentCount + ", commands " + measuredCommands);
        }
        final List<MixedWorkload> workloads = new ArrayList<>(instrumentCount);
        final List<TapeInstrument> instruments = new ArrayList<>(instrumentCount);
        long buildUp = 0;
        for (int i = 0; i < instrumentCount; i++)
        {
            final int share = (int)(measuredCommands / instrumentCount + (i < measuredCommands % instrumentCount ? 1 : 0));
            final MixedWorkload workload = MixedWorkloadGenerator.generate(seed + i, resting, share, mix);
            workloads.add(workload);
            buildUp += workload.warmUpCommands();
            instruments.add(new TapeInstrument(
                MixedWorkloadGenerator.ANCHOR_PRICE - MixedWorkloadGenerator.BAND_HALF_WIDTH,
                MixedWorkloadGenerator.ANCHOR_PRICE + MixedWorkloadGenerator.BAND_HALF_WIDTH, 1));
        }
        final String description = "mixed workload (" + mix + (mix.equals(Mix.DEFAULT) ? ", exchange-core's" : "") +
            "), " +
            instrumentCount + " instruments, about " + resting + " resting orders each; " + BUILD_UP_KEY + buildUp;
        long written = 0;
        try (OrderTapeWriter tape = OrderTapeWriter.create(
            file, instruments, MixedWorkloadGenerator.ACCOUNTS, seed, description))
        {
            final SplittableRandom interleave = new SplittableRandom(seed);
            final int[] next = new int[instrumentCount];
            final byte[][] sides = new byte[instrumentCount][];
            for (int i = 0; i < instrumentCount; i++)
            {
                sides[i] = new byte[workloads.get(i).size() + 1];
            }
            // the warm-up parts first, then the measured parts, each interleaved at random
            for (final boolean warmUp : new boolean[] {true, false})
            {
                final int[] active = new int[instrumentCount];
                int activeCount = 0;
                for (int i = 0; i < instrumentCount; i++)
                {
                    if (next[i] < end(workloads.get(i), warmUp))
                    {
                        active[activeCount++] = i;
                    }
                }
                while (activeCount > 0)
                {
                    final int pick = interleave.nextInt(activeCount);
                    final int i = active[pick];
                    final MixedWorkload workload = workloads.get(i);
                    append(tape, workload, next[i]++, i, instrumentCount, sides[i]);
                    written++;
                    if (next[i] == end(workload, warmUp))
                    {
                        active[pick] = active[--activeCount];
                    }
                }
            }
        }
        return new long[] {written, buildUp};
    }

    private static int end(final MixedWorkload workload, final boolean warmUp)
    {
        return warmUp ? workload.warmUpCommands() : workload.size();
    }

    private static void append(
        final OrderTapeWriter tape,
        final MixedWorkload workload,
        final int command,
        final int instrument,
        final int instrumentCount,
        final byte[] sides) throws IOException
    {
        final int order = workload.order[command];
        final long ref = (long)(order - 1) * instrumentCount + instrument + 1;
        final int account = (int)workload.account[command] - 1; // the generator numbers accounts from 1
        switch (workload.type[command])
        {
            case MixedWorkload.GTC, MixedWorkload.IOC ->
            {
                sides[order] = workload.side[command];
                tape.append(workload.type[command] == MixedWorkload.GTC ? TapeKind.GTC_LIMIT : TapeKind.IOC_LIMIT,
                    side(workload.side[command]), instrument, account, ref, workload.price[command],
                    workload.quantity[command]);
            }
            case MixedWorkload.CANCEL ->
                tape.append(TapeKind.CANCEL, side(sides[order]), instrument, account, ref, 0, 0);
            case MixedWorkload.MOVE -> tape.append(TapeKind.MOVE, side(sides[order]), instrument, account, ref,
                workload.price[command], workload.quantity[command]);
            default -> throw new IllegalStateException("command type " + workload.type[command]);
        }
    }

    private static TapeSide side(final byte side)
    {
        return side == MixedWorkload.BUY ? TapeSide.BUY : TapeSide.SELL;
    }
}
