package io.matchpoint.engine.service;

import java.util.Arrays;

import io.matchpoint.codec.sbe.CancelReason;
import io.matchpoint.codec.sbe.RejectReason;
import io.matchpoint.engine.match.OrderType;
import io.matchpoint.engine.match.SelfTradePrevention;
import io.matchpoint.engine.match.Side;
import io.matchpoint.engine.match.TimeInForce;

/**
 * Maps between the core's enums and the schema's, so the matching core never depends on the codec. Reasons map by
 * name, once at class load: a renamed constant fails loudly at start-up instead of mapping to the wrong value.
 * Lookups index arrays: no allocation, no {@code values()} copies, no exception for an undefined raw value.
 */
public final class WireEnums
{
    private static final RejectReason[] REJECT_REASONS = byName(
        io.matchpoint.engine.match.RejectReason.values(), RejectReason.class, new RejectReason[0]);
    private static final CancelReason[] CANCEL_REASONS = byName(
        io.matchpoint.engine.match.CancelReason.values(), CancelReason.class, new CancelReason[0]);
    private static final io.matchpoint.codec.sbe.Side[] SIDES = byName(
        Side.values(), io.matchpoint.codec.sbe.Side.class, new io.matchpoint.codec.sbe.Side[0]);
    private static final io.matchpoint.codec.sbe.TimeInForce[] TIME_IN_FORCES = byName(
        TimeInForce.values(), io.matchpoint.codec.sbe.TimeInForce.class, new io.matchpoint.codec.sbe.TimeInForce[0]);
    // The schema gives these four enums the core's ordinals as raw values (WireEnumsTest holds both to it), so
    // decoding is an array index and a raw value the schema does not define is simply out of range.
    private static final Side[] CORE_SIDES = Side.values();
    private static final OrderType[] CORE_ORDER_TYPES = OrderType.values();
    private static final TimeInForce[] CORE_TIME_IN_FORCES = TimeInForce.values();
    private static final SelfTradePrevention[] CORE_STP_MODES = SelfTradePrevention.values();

    private WireEnums()
    {
    }

    public static RejectReason toWire(final io.matchpoint.engine.match.RejectReason reason)
    {
        return REJECT_REASONS[reason.ordinal()];
    }

    public static CancelReason toWire(final io.matchpoint.engine.match.CancelReason reason)
    {
        return CANCEL_REASONS[reason.ordinal()];
    }

    public static io.matchpoint.codec.sbe.Side toWire(final Side side)
    {
        return SIDES[side.ordinal()];
    }

    public static io.matchpoint.codec.sbe.TimeInForce toWire(final TimeInForce timeInForce)
    {
        return TIME_IN_FORCES[timeInForce.ordinal()];
    }

    public static io.matchpoint.codec.sbe.OrdType toWire(final OrderType orderType)
    {
        return io.matchpoint.codec.sbe.OrdType.get((short)orderType.ordinal());
    }

    /**
     * @param raw wire value.
     * @return the core side, or null for a value the schema does not define.
     */
    public static Side side(final short raw)
    {
        return raw >= 0 && raw < CORE_SIDES.length ? CORE_SIDES[raw] : null;
    }

    /**
     * @param raw wire value.
     * @return the core order type, or null for a value the schema does not define.
     */
    public static OrderType orderType(final short raw)
    {
        return raw >= 0 && raw < CORE_ORDER_TYPES.length ? CORE_ORDER_TYPES[raw] : null;
    }

    /**
     * @param raw wire value.
     * @return the core time in force, or null for a value the schema does not define.
     */
    public static TimeInForce timeInForce(final short raw)
    {
        return raw >= 0 && raw < CORE_TIME_IN_FORCES.length ? CORE_TIME_IN_FORCES[raw] : null;
    }

    /**
     * @param raw wire value.
     * @return the core self-trade prevention mode, or null for a value the schema does not define.
     */
    public static SelfTradePrevention selfTradePrevention(final short raw)
    {
        return raw >= 0 && raw < CORE_STP_MODES.length ? CORE_STP_MODES[raw] : null;
    }

    private static <C extends Enum<C>, W extends Enum<W>> W[] byName(
        final C[] coreValues, final Class<W> wireType, final W[] type)
    {
        final W[] mapped = Arrays.copyOf(type, coreValues.length);
        for (final C value : coreValues)
        {
            mapped[value.ordinal()] = Enum.valueOf(wireType, value.name());
        }
        return mapped;
    }
}
