package io.matchpoint.journal;

import java.util.SplittableRandom;

import io.matchpoint.codec.sbe.BooleanType;
import io.matchpoint.codec.sbe.CancelOrderEncoder;
import io.matchpoint.codec.sbe.DefineInstrumentEncoder;
import io.matchpoint.codec.sbe.MassCancelEncoder;
import io.matchpoint.codec.sbe.MessageHeaderEncoder;
import io.matchpoint.codec.sbe.NewOrderEncoder;
import io.matchpoint.codec.sbe.OrdType;
import io.matchpoint.codec.sbe.ReplaceOrderEncoder;
import io.matchpoint.codec.sbe.SelfTradePrevention;
import io.matchpoint.codec.sbe.SessionClosedEncoder;
import io.matchpoint.codec.sbe.LogoutReason;
import io.matchpoint.codec.sbe.SessionOpenedEncoder;
import io.matchpoint.codec.sbe.Side;
import io.matchpoint.codec.sbe.TakeSnapshotEncoder;
import io.matchpoint.codec.sbe.TimeInForce;
import io.matchpoint.engine.match.EngineConfig;
import io.matchpoint.engine.pipeline.CommandPublisher;
import io.matchpoint.engine.pipeline.CommandSlot;

/**
 * A seeded stream of SBE commands, published the way the gateway does: instrument definitions first, then a mix of
 * orders around a mid price (some crossing), cancels and replaces by order id (live or not), mass cancels, sessions
 * opening and closing with cancel-on-disconnect, and the odd snapshot request. Order ids are guessed from the
 * count of orders sent, so cancels hit live orders often and dead ones sometimes.
 */
final class RandomWorkload
{
    static final int INSTRUMENTS = 3;
    static final int ACCOUNTS = 6;

    static EngineConfig engineConfig()
    {
        return new EngineConfig().maxOrders(1 << 16).maxPriceLevels(1 << 12).maxInstruments(8).maxAccounts(64);
    }

    private final SplittableRandom random;
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final NewOrderEncoder newOrder = new NewOrderEncoder();
    private final CancelOrderEncoder cancel = new CancelOrderEncoder();
    private final ReplaceOrderEncoder replace = new ReplaceOrderEncoder();
    private final MassCancelEncoder massCancel = new MassCancelEncoder();
    private final SessionOpenedEncoder opened = new SessionOpenedEncoder();
    private final SessionClosedEncoder closed = new SessionClosedEncoder();
    private final TakeSnapshotEncoder snapshot = new TakeSnapshotEncoder();
    private final DefineInstrumentEncoder define = new DefineInstrumentEncoder();
    private long timeNs = 1_700_000_000_000_000_000L;
    private long clOrdId;
    private long ordersSent;

    RandomWorkload(final long seed)
    {
        random = new SplittableRandom(seed);
    }

    void defineInstruments(final CommandPublisher publisher)
    {
        for (int i = 1; i <= INSTRUMENTS; i++)
        {
            final CommandSlot slot = claim(publisher, 0, 0);
            define.wrapAndApplyHeader(slot.buffer(), 0, header).instrumentId(i).symbol("SYM" + i)
                .priceDecimals((short)2).tickSize(5).lotSize(1).minQuantity(1).maxQuantity(10_000)
                .lowPrice(5_000).highPrice(15_000);
            publish(publisher, slot, define.encodedLength());
        }
    }

    /**
     * @param snapshotEvery publish a snapshot request every this many commands; 0 for never.
     */
    void publish(final CommandPublisher publisher, final int commands, final int snapshotEvery)
    {
        for (int i = 1; i <= commands; i++)
        {
            if (snapshotEvery > 0 && i % snapshotEvery == 0)
            {
                final CommandSlot slot = claim(publisher, 0, 0);
                snapshot.wrapAndApplyHeader(slot.buffer(), 0, header).requestedBy(0);
                publish(publisher, slot, snapshot.encodedLength());
                continue;
            }
            next(publisher);
        }
    }

    private void next(final CommandPublisher publisher)
    {
        final long account = 1 + random.nextInt(ACCOUNTS);
        final long session = account << 16;
        final int choice = random.nextInt(100);
        final CommandSlot slot = claim(publisher, session, account);
        if (choice < 60 || ordersSent < 50)
        {
            ordersSent++;
            final boolean buy = random.nextBoolean();
            final long price = 10_000 + (buy ? -1 : 1) * 5L * (random.nextInt(40) - 8);
            newOrder.wrapAndApplyHeader(slot.buffer(), 0, header).seqNum(0).clOrdId(++clOrdId)
                .instrumentId(1 + random.nextInt(INSTRUMENTS)).side(buy ? Side.BUY : Side.SELL)
                .ordType(random.nextInt(20) == 0 ? OrdType.MARKET : OrdType.LIMIT)
                .timeInForce(random.nextInt(10) == 0 ? TimeInForce.IOC : TimeInForce.GTC)
                .postOnly(BooleanType.FALSE)
                .selfTradePrevention(SelfTradePrevention.CANCEL_TAKER)
                .price(price).quantity(1 + random.nextInt(200)).displayQuantity(0).stopPrice(0);
            publish(publisher, slot, newOrder.encodedLength());
        }
        else if (choice < 80)
        {
            cancel.wrapAndApplyHeader(slot.buffer(), 0, header).seqNum(0).orderId(guessOrderId()).origClOrdId(0);
            publish(publisher, slot, cancel.encodedLength());
        }
        else if (choice < 94)
        {
            replace.wrapAndApplyHeader(slot.buffer(), 0, header).seqNum(0).orderId(guessOrderId())
                .newClOrdId(++clOrdId).price(10_000 + 5L * (random.nextInt(40) - 20)).quantity(1 + random.nextInt(200))
                .stopPrice(ReplaceOrderEncoder.stopPriceNullValue());
            publish(publisher, slot, replace.encodedLength());
        }
        else if (choice < 96)
        {
            massCancel.wrapAndApplyHeader(slot.buffer(), 0, header).seqNum(0)
                .instrumentId(random.nextBoolean() ? -1 : 1 + random.nextInt(INSTRUMENTS));
            publish(publisher, slot, massCancel.encodedLength());
        }
        else if (choice < 98)
        {
            opened.wrapAndApplyHeader(slot.buffer(), 0, header).sessionId(session).accountId(account)
                .heartbeatIntervalMs(1_000).cancelOnDisconnect(BooleanType.TRUE);
            publish(publisher, slot, opened.encodedLength());
        }
        else
        {
            closed.wrapAndApplyHeader(slot.buffer(), 0, header).sessionId(session).accountId(account)
                .cancelOnDisconnect(random.nextBoolean() ? BooleanType.TRUE : BooleanType.FALSE)
                .reason(LogoutReason.PEER_CLOSED);
            publish(publisher, slot, closed.encodedLength());
        }
    }

    private long guessOrderId()
    {
        return Math.max(1, ordersSent - random.nextInt(60));
    }

    private CommandSlot claim(final CommandPublisher publisher, final long session, final long account)
    {
        long claimed;
        while ((claimed = publisher.tryClaim()) == CommandPublisher.RING_FULL)
        {
            Thread.onSpinWait();
        }
        claimedSequence = claimed;
        timeNs += 1 + random.nextInt(5_000);
        return publisher.slot(claimed).header(session, account, timeNs);
    }

    private long claimedSequence;

    private void publish(final CommandPublisher publisher, final CommandSlot slot, final int bodyLength)
    {
        slot.length(MessageHeaderEncoder.ENCODED_LENGTH + bodyLength);
        publisher.publish(claimedSequence);
    }
}
