package io.matchpoint.engine.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

import io.matchpoint.engine.match.CancelReason;
import io.matchpoint.engine.match.OrderType;
import io.matchpoint.engine.match.RejectReason;
import io.matchpoint.engine.match.SelfTradePrevention;
import io.matchpoint.engine.match.Side;
import io.matchpoint.engine.match.TimeInForce;

class WireEnumsTest
{
    @Test
    void shouldGiveTheSchemaEnumsTheCoreOrdinalsAsRawValues()
    {
        for (final Side side : Side.values())
        {
            assertEquals(side.name(), io.matchpoint.codec.sbe.Side.get((short)side.ordinal()).name());
            assertEquals(side, WireEnums.side((short)side.ordinal()));
        }
        for (final OrderType type : OrderType.values())
        {
            assertEquals(type.name(), io.matchpoint.codec.sbe.OrdType.get((short)type.ordinal()).name());
            assertEquals(type, WireEnums.orderType((short)type.ordinal()));
        }
        for (final TimeInForce tif : TimeInForce.values())
        {
            assertEquals(tif.name(), io.matchpoint.codec.sbe.TimeInForce.get((short)tif.ordinal()).name());
            assertEquals(tif, WireEnums.timeInForce((short)tif.ordinal()));
        }
        for (final SelfTradePrevention stp : SelfTradePrevention.values())
        {
            assertEquals(stp.name(), io.matchpoint.codec.sbe.SelfTradePrevention.get((short)stp.ordinal()).name());
            assertEquals(stp, WireEnums.selfTradePrevention((short)stp.ordinal()));
        }
    }

    @Test
    void shouldMapUndefinedRawValuesToNullInsteadOfThrowing()
    {
        assertNull(WireEnums.side((short)2));
        assertNull(WireEnums.side((short)-1));
        assertNull(WireEnums.orderType((short)255));
        assertNull(WireEnums.timeInForce((short)3));
        assertNull(WireEnums.selfTradePrevention((short)4));
    }

    @Test
    void shouldHaveAWireReasonForEveryCoreReason()
    {
        for (final RejectReason reason : RejectReason.values())
        {
            assertEquals(reason.name(), WireEnums.toWire(reason).name());
        }
        for (final CancelReason reason : CancelReason.values())
        {
            assertEquals(reason.name(), WireEnums.toWire(reason).name());
        }
    }
}
