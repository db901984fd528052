package io.matchpoint.bench;

import java.io.IOException;

import org.agrona.concurrent.SystemNanoClock;

import io.matchpoint.client.ClientListener;
import io.matchpoint.client.LogonResult;
import io.matchpoint.client.MatchpointClient;
import io.matchpoint.codec.sbe.OrdType;
import io.matchpoint.codec.sbe.SelfTradePrevention;
import io.matchpoint.codec.sbe.Side;
import io.matchpoint.codec.sbe.TimeInForce;
import io.matchpoint.perf.support.tape.TapeKind;
import io.matchpoint.perf.support.tape.TapeRecord;
import io.matchpoint.perf.support.tape.TapeSide;

/**
 * Client sessions over TCP, one account each, all driven from the load driver's thread: sends are staged in each
 * client's buffer ({@code autoFlush(false)}) and go out with the next poll, one {@code write} per session for all the
 * commands sent since, as a trading client sending a burst would; polls read every session's answers into its
 * tracker.
 */
final class TcpTransport implements Transport
{
    private final MatchpointClient[] clients;
    private SessionTracker[] trackers;
    private MarketDataProbe marketData;

    private TcpTransport(final MatchpointClient[] clients)
    {
        this.clients = clients;
    }

    /**
     * Connects and logs on every session.
     */
    static TcpTransport connect(final String host, final int port, final int sessions) throws IOException
    {
        final MatchpointClient[] clients = new MatchpointClient[sessions];
        try
        {
            for (int s = 0; s < sessions; s++)
            {
                clients[s] = MatchpointClient.connect(host, port, 10_000, new SystemNanoClock(), 8 << 20);
                final LogonResult logon = clients[s].logonAndWait(
                    new ClientListener() { }, ServerProcess.account(s), ServerProcess.PASSWORD, false, 30_000, 10_000);
                if (!logon.accepted())
                {
                    throw new IOException("session " + ServerProcess.account(s) + " was refused: " + logon);
                }
                clients[s].autoFlush(false);
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            for (final MatchpointClient client : clients)
            {
                if (client != null)
                {
                    client.close();
                }
            }
            throw ex;
        }
        return new TcpTransport(clients);
    }

    @Override
    public void bind(final SessionTracker[] trackers)
    {
        this.trackers = trackers;
    }

    /**
     * @param marketData read with the sessions at each poll, its trades timed; its owner closes it.
     */
    TcpTransport marketData(final MarketDataProbe marketData)
    {
        this.marketData = marketData;
        return this;
    }

    @Override
    public void latencies(final LatencyRecorder latencies)
    {
        if (marketData != null)
        {
            marketData.latencies(latencies);
        }
    }

    @Override
    public boolean send(final int session, final TapeRecord record, final long orderId)
    {
        final MatchpointClient client = clients[session];
        final long result = switch (record.kind())
        {
            case GTC_LIMIT, IOC_LIMIT -> client.newOrder(record.orderRef(), ServerProcess.instrumentId(record.instrument()),
                record.side() == TapeSide.BUY ? Side.BUY : Side.SELL, OrdType.LIMIT,
                record.kind() == TapeKind.GTC_LIMIT ? TimeInForce.GTC : TimeInForce.IOC,
                record.price(), record.quantity(), false, SelfTradePrevention.CANCEL_TAKER);
            case CANCEL -> client.cancelByClientOrderId(record.orderRef());
            case MOVE -> client.replaceOrder(orderId, record.orderRef(), record.price(), record.quantity());
        };
        if (result == MatchpointClient.NOT_CONNECTED)
        {
            throw new IllegalStateException("the server closed session " + ServerProcess.account(session) + ": " +
                disconnected());
        }
        return result != MatchpointClient.BACK_PRESSURED;
    }

    @Override
    public int poll()
    {
        int handled = 0;
        for (int s = 0; s < clients.length; s++)
        {
            handled += clients[s].poll(trackers[s]);
        }
        if (marketData != null)
        {
            handled += marketData.poll();
        }
        return handled;
    }

    @Override
    public String disconnected()
    {
        if (trackers != null)
        {
            for (final SessionTracker tracker : trackers)
            {
                if (tracker.disconnected() != null)
                {
                    return tracker.disconnected();
                }
            }
        }
        return null;
    }

    @Override
    public void close()
    {
        for (final MatchpointClient client : clients)
        {
            client.close();
        }
    }
}
