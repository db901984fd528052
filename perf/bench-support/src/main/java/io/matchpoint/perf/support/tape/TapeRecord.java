package io.matchpoint.perf.support.tape;

import java.nio.ByteBuffer;

/**
 * A reusable view of one record of an {@link OrderTapeReader}: {@link OrderTapeReader#read(long, TapeRecord)} points
 * it at a record without allocating, and the accessors decode the fields from the mapped file on each call. Made once
 * per reading thread; not thread-safe. Field meanings: {@link TapeDescriptor}.
 */
public final class TapeRecord
{
    private ByteBuffer buffer;
    private int offset;
    private long index = -1;

    void wrap(final ByteBuffer buffer, final int offset, final long index)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.index = index;
    }

    /**
     * @return the record's index in its tape, or -1 before the first read.
     */
    public long index()
    {
        return index;
    }

    /**
     * @return the stored kind byte ({@link TapeKind#code()}); a code that names no kind means a corrupt tape.
     */
    public byte kindCode()
    {
        return buffer.get(offset + TapeDescriptor.KIND_OFFSET);
    }

    /**
     * @return the kind, or {@code null} if the stored code names none.
     */
    public TapeKind kind()
    {
        return TapeKind.of(kindCode());
    }

    /**
     * @return the stored side byte ({@link TapeSide#code()}).
     */
    public byte sideCode()
    {
        return buffer.get(offset + TapeDescriptor.SIDE_OFFSET);
    }

    /**
     * @return the side, or {@code null} if the stored code names none.
     */
    public TapeSide side()
    {
        return TapeSide.of(sideCode());
    }

    /**
     * @return the instrument index, 0-based.
     */
    public int instrument()
    {
        return buffer.getInt(offset + TapeDescriptor.INSTRUMENT_OFFSET);
    }

    /**
     * @return the account index, 0-based (buy orders even, sell orders odd, in tapes from the bench generator).
     */
    public int account()
    {
        return buffer.getInt(offset + TapeDescriptor.ACCOUNT_OFFSET);
    }

    /**
     * @return the new order's reference, or for CANCEL and MOVE the target order's.
     */
    public long orderRef()
    {
        return buffer.getLong(offset + TapeDescriptor.ORDER_REF_OFFSET);
    }

    /**
     * @return the limit price, for MOVE the new price, 0 for CANCEL.
     */
    public long price()
    {
        return buffer.getLong(offset + TapeDescriptor.PRICE_OFFSET);
    }

    /**
     * @return lots; for MOVE the open quantity (unchanged by the move); 0 for CANCEL.
     */
    public long quantity()
    {
        return buffer.getLong(offset + TapeDescriptor.QUANTITY_OFFSET);
    }

    @Override
    public String toString()
    {
        if (buffer == null)
        {
            return "TapeRecord{unset}";
        }
        return "TapeRecord{index=" + index + ", kind=" + kind() + ", side=" + side() + ", instrument=" + instrument() +
            ", account=" + account() + ", orderRef=" + orderRef() + ", price=" + price() + ", quantity=" +
            quantity() + '}';
    }
}
