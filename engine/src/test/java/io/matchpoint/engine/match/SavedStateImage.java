package io.matchpoint.engine.match;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * An editable copy of what {@link MatchingEngine#saveState} writes, read with the layout written out here a second
 * time, so that tests can break one field of a real state and see the engine refuse it. {@code toBytes()} of an
 * unedited image gives back the bytes it was read from (a test checks it), which keeps this copy of the layout
 * honest. Test-only.
 */
final class SavedStateImage
{
    static final class Instrument
    {
        int id;
        String symbol;
        long tickSize;
        long lotSize;
        long minQuantity;
        long maxQuantity;
        long lowPrice;
        long highPrice;
        boolean halted;
        long collarTicks;
        long collarBasisPoints;
        boolean traded;
        long lastTradePrice;
    }

    static final class Order
    {
        int instrument;
        int side;
        long id;
        int account;
        long session;
        long clientOrderId;
        long price;
        long leaves;
        int selfTradePrevention;
        boolean postOnly;
        long displayQuantity;
        long hiddenQuantity;
    }

    long nextOrderSequence;
    long nextTradeId;
    int slotBits;
    final List<Instrument> instruments = new ArrayList<>();
    final List<Long> accounts = new ArrayList<>();
    /** In book order, as saved. */
    final List<Order> orders = new ArrayList<>();
    /** Each account's list of order ids, as saved (without the terminating 0). */
    final List<List<Long>> accountLists = new ArrayList<>();
    /** The order pool's slots ever used. */
    int slotsUsed;
    /** The count of free slots as saved (the number of entries in {@link #freedSlots} unless edited). */
    int freedCount;
    /** The order pool's free slots, top of the stack first. */
    final List<Integer> freedSlots = new ArrayList<>();
    /** The accounts the kill switch stopped, as saved (ascending unless edited). */
    final List<Long> killedAccounts = new ArrayList<>();
    /** The default risk limits, six. */
    final long[] defaultLimits = new long[6];
    /** Account index and six limits, for each account with its own, as saved. */
    final List<long[]> ownLimits = new ArrayList<>();
    /** Account index, instrument index and net position, for each non-zero one, as saved. */
    final List<long[]> positions = new ArrayList<>();

    static byte[] save(final MatchingEngine engine)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try
        {
            engine.saveState(new DataOutputStream(bytes));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return bytes.toByteArray();
    }

    static SavedStateImage of(final MatchingEngine engine)
    {
        return read(save(engine));
    }

    static SavedStateImage read(final byte[] saved)
    {
        final SavedStateImage image = new SavedStateImage();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(saved)))
        {
            image.nextOrderSequence = in.readLong();
            image.nextTradeId = in.readLong();
            image.slotBits = in.readInt();
            for (int i = 0, count = in.readInt(); i < count; i++)
            {
                final Instrument instrument = new Instrument();
                instrument.id = in.readInt();
                instrument.symbol = in.readUTF();
                instrument.tickSize = in.readLong();
                instrument.lotSize = in.readLong();
                instrument.minQuantity = in.readLong();
                instrument.maxQuantity = in.readLong();
                instrument.lowPrice = in.readLong();
                instrument.highPrice = in.readLong();
                instrument.halted = in.readBoolean();
                instrument.collarTicks = in.readLong();
                instrument.collarBasisPoints = in.readLong();
                instrument.traded = in.readBoolean();
                instrument.lastTradePrice = in.readLong();
                image.instruments.add(instrument);
            }
            for (int i = 0, count = in.readInt(); i < count; i++)
            {
                image.accounts.add(in.readLong());
            }
            for (int i = 0, count = in.readInt(); i < count; i++)
            {
                final Order order = new Order();
                order.instrument = in.readInt();
                order.side = in.readByte();
                order.id = in.readLong();
                order.account = in.readInt();
                order.session = in.readLong();
                order.clientOrderId = in.readLong();
                order.price = in.readLong();
                order.leaves = in.readLong();
                order.selfTradePrevention = in.readByte();
                order.postOnly = in.readBoolean();
                order.displayQuantity = in.readLong();
                order.hiddenQuantity = in.readLong();
                image.orders.add(order);
            }
            for (int account = 0; account < image.accounts.size(); account++)
            {
                final List<Long> list = new ArrayList<>();
                for (long id = in.readLong(); id != MatchingEngine.NULL_ID; id = in.readLong())
                {
                    list.add(id);
                }
                image.accountLists.add(list);
            }
            image.slotsUsed = in.readInt();
            image.freedCount = in.readInt();
            for (int i = 0; i < image.freedCount; i++)
            {
                image.freedSlots.add(in.readInt());
            }
            final int killedCount = in.readInt();
            for (int i = 0; i < killedCount; i++)
            {
                image.killedAccounts.add(in.readLong());
            }
            for (int i = 0; i < 6; i++)
            {
                image.defaultLimits[i] = in.readLong();
            }
            final int ownCount = in.readInt();
            for (int i = 0; i < ownCount; i++)
            {
                final long[] own = new long[7];
                own[0] = in.readInt();
                for (int j = 1; j < 7; j++)
                {
                    own[j] = in.readLong();
                }
                image.ownLimits.add(own);
            }
            final int positionCount = in.readInt();
            for (int i = 0; i < positionCount; i++)
            {
                image.positions.add(new long[]{ in.readInt(), in.readInt(), in.readLong() });
            }
            if (in.available() != 0)
            {
                throw new IllegalStateException(in.available() + " bytes left after the state");
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return image;
    }

    byte[] toBytes()
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes))
        {
            out.writeLong(nextOrderSequence);
            out.writeLong(nextTradeId);
            out.writeInt(slotBits);
            out.writeInt(instruments.size());
            for (final Instrument instrument : instruments)
            {
                out.writeInt(instrument.id);
                out.writeUTF(instrument.symbol);
                out.writeLong(instrument.tickSize);
                out.writeLong(instrument.lotSize);
                out.writeLong(instrument.minQuantity);
                out.writeLong(instrument.maxQuantity);
                out.writeLong(instrument.lowPrice);
                out.writeLong(instrument.highPrice);
                out.writeBoolean(instrument.halted);
                out.writeLong(instrument.collarTicks);
                out.writeLong(instrument.collarBasisPoints);
                out.writeBoolean(instrument.traded);
                out.writeLong(instrument.lastTradePrice);
            }
            out.writeInt(accounts.size());
            for (final long account : accounts)
            {
                out.writeLong(account);
            }
            out.writeInt(orders.size());
            for (final Order order : orders)
            {
                out.writeInt(order.instrument);
                out.writeByte(order.side);
                out.writeLong(order.id);
                out.writeInt(order.account);
                out.writeLong(order.session);
                out.writeLong(order.clientOrderId);
                out.writeLong(order.price);
                out.writeLong(order.leaves);
                out.writeByte(order.selfTradePrevention);
                out.writeBoolean(order.postOnly);
                out.writeLong(order.displayQuantity);
                out.writeLong(order.hiddenQuantity);
            }
            for (final List<Long> list : accountLists)
            {
                for (final long id : list)
                {
                    out.writeLong(id);
                }
                out.writeLong(MatchingEngine.NULL_ID);
            }
            out.writeInt(slotsUsed);
            out.writeInt(freedCount);
            for (final int slot : freedSlots)
            {
                out.writeInt(slot);
            }
            out.writeInt(killedAccounts.size());
            for (final long accountId : killedAccounts)
            {
                out.writeLong(accountId);
            }
            for (final long limit : defaultLimits)
            {
                out.writeLong(limit);
            }
            out.writeInt(ownLimits.size());
            for (final long[] own : ownLimits)
            {
                out.writeInt((int)own[0]);
                for (int j = 1; j < 7; j++)
                {
                    out.writeLong(own[j]);
                }
            }
            out.writeInt(positions.size());
            for (final long[] position : positions)
            {
                out.writeInt((int)position[0]);
                out.writeInt((int)position[1]);
                out.writeLong(position[2]);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return bytes.toByteArray();
    }

    /**
     * @return the first order of {@code instrument}'s {@code side} (0 bids, 1 asks): its best level's oldest.
     */
    Order best(final int instrument, final int side)
    {
        return orders.stream().filter(o -> o.instrument == instrument && o.side == side).findFirst().orElseThrow();
    }

    /**
     * @return the position, in book order, of the first order of that side at a price other than its best.
     */
    int firstBehindBest(final int instrument, final int side)
    {
        final long best = best(instrument, side).price;
        for (int i = 0; i < orders.size(); i++)
        {
            final Order order = orders.get(i);
            if (order.instrument == instrument && order.side == side && order.price != best)
            {
                return i;
            }
        }
        throw new IllegalStateException("one level only");
    }
}
