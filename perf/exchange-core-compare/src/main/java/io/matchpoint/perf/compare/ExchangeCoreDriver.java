package io.matchpoint.perf.compare;

import exchange.core2.collections.objpool.ObjectsPool;
import exchange.core2.core.common.CoreSymbolSpecification;
import exchange.core2.core.common.MatcherEventType;
import exchange.core2.core.common.MatcherTradeEvent;
import exchange.core2.core.common.OrderAction;
import exchange.core2.core.common.OrderType;
import exchange.core2.core.common.SymbolType;
import exchange.core2.core.common.cmd.CommandResultCode;
import exchange.core2.core.common.cmd.OrderCommand;
import exchange.core2.core.common.cmd.OrderCommandType;
import exchange.core2.core.common.config.LoggingConfiguration;
import exchange.core2.core.orderbook.IOrderBook;
import exchange.core2.core.orderbook.OrderBookDirectImpl;
import exchange.core2.core.orderbook.OrderBookEventsHelper;

import java.util.HashMap;
import java.util.Map;

/**
 * Replays a {@link MixedWorkload} on exchange-core 0.5.3's own order book, {@link OrderBookDirectImpl}, called the way
 * its matching-engine stage calls it: {@link IOrderBook#processCommand} with an {@link OrderCommand}, then the chain
 * of {@link MatcherTradeEvent}s hung on the command is read and unhooked (its results stage does the same).
 * <p>
 * Set-up mirrors exchange-core's {@code MatchingEngineRouter}: an {@link ObjectsPool} with its pool sizes, logging at
 * warnings only, and a futures symbol (a currency-pair symbol adds a risk check on bid moves that needs reserve
 * prices: it is the risk engine's job, not matching).
 * <p>
 * Where the commands come from, two ways, both allocation-free:
 * <ul>
 *     <li>ring (the default): {@value #RING_SIZE} {@code OrderCommand} slots allocated up front, and each command
 *     copied from the stream's primitive arrays into the next slot, as exchange-core's API publisher copies each
 *     command into a Disruptor ring slot. The copy (ten field writes) is part of the measured time; Matchpoint's
 *     counterpart is passing the same values as arguments.</li>
 *     <li>pre-built: one {@code OrderCommand} per stream command, built before measuring and reused on every pass.
 *     No copy, but each command touches its own long-lived 112-byte object, and a fresh event is stored into each
 *     of half a million old objects in turn (with G1, a new dirty card to refine each time, where the ring reuses a
 *     few). It measured slower here; we have not profiled why.</li>
 * </ul>
 * What is not the same for both engines is listed in {@link MixedWorkloadBenchmark}.
 */
final class ExchangeCoreDriver implements WorkloadDriver
{
    static final int RING_SIZE = 1024;
    private static final OrderCommandType[] COMMAND_BY_TYPE = {
        OrderCommandType.PLACE_ORDER, OrderCommandType.PLACE_ORDER, OrderCommandType.CANCEL_ORDER,
        OrderCommandType.MOVE_ORDER };
    private static final OrderType[] ORDER_TYPE_BY_TYPE = { OrderType.GTC, OrderType.IOC, null, null };
    private static final OrderAction[] ACTION_BY_SIDE = { OrderAction.BID, OrderAction.ASK };

    private final MixedWorkload workload;
    private final OrderBookDirectImpl book;
    private final boolean prebuilt;
    /** Pre-built: one per stream command; ring: {@value #RING_SIZE} slots. */
    private final OrderCommand[] commands;
    private final OrderCommand[] cancelsAfterWarmUp;
    private final OrderCommand[] cancelsAtEnd;
    private OrderCommand[] resetCancels = new OrderCommand[0];
    private long sink;
    private long fills;
    private long tradedQuantity;
    private long tradingCommands;
    private long failures;

    /**
     * @param prebuilt one pre-built {@code OrderCommand} per stream command instead of a ring of slots
     */
    ExchangeCoreDriver(final MixedWorkload workload, final boolean prebuilt)
    {
        this.workload = workload;
        this.prebuilt = prebuilt;
        final CoreSymbolSpecification symbol = CoreSymbolSpecification.builder()
            .symbolId(MixedWorkloadGenerator.INSTRUMENT_ID)
            .type(SymbolType.FUTURES_CONTRACT)
            .baseCurrency(0)
            .quoteCurrency(1)
            .baseScaleK(1)
            .quoteScaleK(1)
            .build();
        book = new OrderBookDirectImpl(
            symbol, new ObjectsPool(routerPoolSizes()), OrderBookEventsHelper.NON_POOLED_EVENTS_HELPER,
            LoggingConfiguration.DEFAULT);

        if (prebuilt)
        {
            commands = new OrderCommand[workload.size()];
            for (int i = 0; i < commands.length; i++)
            {
                commands[i] = command(workload, i);
            }
        }
        else
        {
            commands = new OrderCommand[RING_SIZE];
            for (int i = 0; i < commands.length; i++)
            {
                commands[i] = new OrderCommand();
            }
        }
        cancelsAfterWarmUp = cancels(workload.restingAfterWarmUp, workload.restingAfterWarmUpAccounts);
        cancelsAtEnd = cancels(workload.restingAtEnd, workload.restingAtEndAccounts);
    }

    /** The pool sizes exchange-core's {@code MatchingEngineRouter} gives its order books. */
    private static Map<Integer, Integer> routerPoolSizes()
    {
        final Map<Integer, Integer> sizes = new HashMap<>();
        sizes.put(ObjectsPool.DIRECT_ORDER, 1024 * 1024);
        sizes.put(ObjectsPool.DIRECT_BUCKET, 1024 * 64);
        sizes.put(ObjectsPool.ART_NODE_4, 1024 * 32);
        sizes.put(ObjectsPool.ART_NODE_16, 1024 * 16);
        sizes.put(ObjectsPool.ART_NODE_48, 1024 * 8);
        sizes.put(ObjectsPool.ART_NODE_256, 1024 * 4);
        return sizes;
    }

    private static OrderCommand command(final MixedWorkload workload, final int i)
    {
        final long orderId = workload.order[i];
        final long uid = workload.account[i];
        final long price = workload.price[i];
        final OrderCommand command;
        switch (workload.type[i])
        {
            case MixedWorkload.GTC:
            case MixedWorkload.IOC:
            {
                final boolean buy = workload.side[i] == MixedWorkload.BUY;
                command = OrderCommand.newOrder(
                    workload.type[i] == MixedWorkload.GTC ? OrderType.GTC : OrderType.IOC, orderId, uid, price,
                    buy ? price : 0, workload.quantity[i], buy ? OrderAction.BID : OrderAction.ASK);
                break;
            }
            case MixedWorkload.CANCEL:
                command = OrderCommand.cancel(orderId, uid);
                break;

            default:
                command = OrderCommand.update(orderId, uid, price);
                break;
        }
        command.symbol = MixedWorkloadGenerator.INSTRUMENT_ID;
        return command;
    }

    private static OrderCommand[] cancels(final int[] orders, final long[] accounts)
    {
        final OrderCommand[] cancels = new OrderCommand[orders.length];
        for (int i = 0; i < orders.length; i++)
        {
            cancels[i] = OrderCommand.cancel(orders[i], accounts[i]);
        }
        return cancels;
    }

    @Override
    public void prepare()
    {
        for (final OrderCommand cancel : resetCancels)
        {
            process(cancel);
        }
        if (restingOrders() != 0)
        {
            throw new IllegalStateException("exchange-core book not empty after reset: " + restingOrders());
        }
        replay(0, workload.warmUpCommands);
        resetCancels = cancelsAfterWarmUp;
    }

    @Override
    public long runMeasured()
    {
        replay(workload.warmUpCommands, workload.size());
        resetCancels = cancelsAtEnd;
        return sink;
    }

    @Override
    public void replay(final int from, final int to)
    {
        final OrderCommand[] commands = this.commands;
        if (prebuilt)
        {
            for (int i = from; i < to; i++)
            {
                process(commands[i]);
            }
            return;
        }

        final byte[] type = workload.type;
        final byte[] side = workload.side;
        final int[] order = workload.order;
        final long[] account = workload.account;
        final long[] price = workload.price;
        final long[] quantity = workload.quantity;
        for (int i = from; i < to; i++)
        {
            final OrderCommand slot = commands[i & (RING_SIZE - 1)];
            final byte commandType = type[i];
            final long limitPrice = price[i];
            final OrderAction action = ACTION_BY_SIDE[side[i]];
            slot.command = COMMAND_BY_TYPE[commandType];
            slot.orderId = order[i];
            slot.symbol = MixedWorkloadGenerator.INSTRUMENT_ID;
            slot.uid = account[i];
            slot.price = limitPrice;
            slot.size = quantity[i];
            slot.reserveBidPrice = action == OrderAction.BID ? limitPrice : 0;
            slot.action = action;
            slot.orderType = ORDER_TYPE_BY_TYPE[commandType];
            slot.resultCode = CommandResultCode.VALID_FOR_MATCHING_ENGINE;
            process(slot);
        }
    }

    private void process(final OrderCommand command)
    {
        final CommandResultCode result = IOrderBook.processCommand(book, command);
        if (result != CommandResultCode.SUCCESS)
        {
            failures++;
        }
        boolean traded = false;
        for (MatcherTradeEvent event = command.matcherEvent; event != null; event = event.nextEvent)
        {
            if (event.eventType == MatcherEventType.TRADE)
            {
                traded = true;
                fills++;
                tradedQuantity += event.size;
                sink += event.price ^ event.matchedOrderId;
            }
            else
            {
                sink += event.size;
            }
        }
        command.matcherEvent = null;
        if (traded)
        {
            tradingCommands++;
        }
    }

    @Override
    public long fills()
    {
        return fills;
    }

    @Override
    public long tradedQuantity()
    {
        return tradedQuantity;
    }

    @Override
    public long tradingCommands()
    {
        return tradingCommands;
    }

    @Override
    public long failures()
    {
        return failures;
    }

    @Override
    public int restingOrders()
    {
        return book.getOrdersNum(OrderAction.ASK) + book.getOrdersNum(OrderAction.BID);
    }

    @Override
    public int priceLevels()
    {
        return book.getTotalAskBuckets(Integer.MAX_VALUE) + book.getTotalBidBuckets(Integer.MAX_VALUE);
    }
}
