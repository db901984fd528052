package io.matchpoint.marketdata;

import io.matchpoint.codec.md.MdChannel;
import io.matchpoint.codec.md.Side;

/**
 * What {@link MarketDataBooks} tells as it applies the feed; every method has a default that does nothing.
 */
public interface MarketDataListener
{
    /**
     * A packet did not start where the channel's last one ended: messages were missed (or arrived twice, when
     * {@code received} is lower). Which instruments lost something shows by their rptSeq, as their messages arrive.
     */
    default void onChannelGap(final MdChannel channel, final long expected, final long received)
    {
    }

    /**
     * The instrument's book on the channel can no longer be trusted (a gap in its rptSeq, or a message that does not
     * fit the book); it is ignored on that channel until a snapshot recovers it.
     */
    default void onStale(final InstrumentBook book, final MdChannel channel, final String why)
    {
    }

    /**
     * A snapshot replaced the instrument's book on the channel, which is now in step again.
     */
    default void onRecovered(final InstrumentBook book, final MdChannel channel)
    {
    }

    /**
     * In checking mode ({@link MarketDataBooks#checking}): a snapshot of a depth that was in step at exactly the
     * snapshot's rptSeq differs from the book built from the incremental messages.
     */
    default void onSnapshotMismatch(final InstrumentBook book, final MdChannel channel, final String difference)
    {
    }

    default void onTrade(
        final InstrumentBook book, final long tradeId, final Side aggressorSide, final long price, final long quantity)
    {
    }
}
