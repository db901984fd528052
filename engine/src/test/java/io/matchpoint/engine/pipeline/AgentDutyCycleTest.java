package io.matchpoint.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.status.CountersManager;
import org.agrona.concurrent.status.CountersReader;
import org.junit.jupiter.api.Test;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;

import io.matchpoint.codec.sbe.Side;
import io.matchpoint.engine.counters.CountersFile;

/**
 * The stages' duty cycles called one at a time by the test, with no thread (an invoker pipeline whose agents are
 * driven one by one): what each agent takes in a cycle, when the matcher holds back, and that a failing handler is
 * reported and passed.
 */
class AgentDutyCycleTest
{
    private final PipelineTest orders = new PipelineTest();

    @Test
    void shouldStopTakingCommandsWhileTheOutboundRingLacksHeadroomAndResumeOnceDrained()
    {
        final PipelineTest.Recorder events = new PipelineTest.Recorder();
        try (Pipeline pipeline = PipelineTest.pipeline(ThreadingMode.INVOKER, 64, events, null))
        {
            pipeline.start();
            orders.define(pipeline.commandPublisher());
            for (int i = 1; i <= 100; i++)
            {
                orders.publishOrder(pipeline, 5, i, Side.SELL.value(), 10_000 + i, 1); // one event each
            }
            final MatcherAgent matcher = pipeline.matcherAgent();

            int taken = 0;
            for (int cycle = 0; cycle < 10; cycle++)
            {
                taken += matcher.doWork();
            }

            // the ring has 64 slots and the matcher takes a command while 16 are free: the definition and 48 orders
            // (one event each), then it holds back however often it is asked, instead of claiming slots that nobody
            // on its thread would free
            assertEquals(49, taken);
            assertEquals(0, matcher.doWork());
            assertEquals(0, events.messages.size());

            assertEquals(49, pipeline.senderAgent().doWork());
            assertEquals(49, events.messages.size());
            assertEquals(49, matcher.doWork());
        }
    }

    @Test
    void shouldRunEachAgentOnTheThreadItsModeNames()
    {
        final PipelineTest.Recorder events = new PipelineTest.Recorder();
        try (Pipeline pipeline = PipelineTest.pipeline(ThreadingMode.SHARED_IO, events, (slot, sequence, end) -> { }))
        {
            pipeline.start();

            assertEquals("matchpoint-core", threadName(pipeline.threadId(ThreadingMode.Roles.MATCHER)));
            assertEquals("matchpoint-core", threadName(pipeline.threadId(ThreadingMode.Roles.COMMAND_JOURNAL)));
            assertEquals("matchpoint-io", threadName(pipeline.threadId(ThreadingMode.Roles.SENDER)));
        }
    }

    private static String threadName(final long threadId)
    {
        for (final Thread thread : Thread.getAllStackTraces().keySet())
        {
            if (thread.getId() == threadId)
            {
                return thread.getName();
            }
        }
        return "no thread " + threadId;
    }

    @Test
    void shouldTakeAtMostOneBatchOfSlotsInADutyCycleAndEndTheBatchThere()
    {
        final RingBuffer<long[]> ring = RingBuffer.createSingleProducer(() -> new long[1], 1024,
            new BusySpinWaitStrategy());
        final List<String> seen = new ArrayList<>();
        final EventHandler<long[]> handler = (slot, sequence, endOfBatch) -> seen.add(slot[0] + (endOfBatch ? "!" : ""));
        final AtomicLong errors = new AtomicLong();
        final CountersManager counters = CountersFile.inMemory().manager();
        final RingAgent<long[]> agent = new RingAgent<>("test", ring.newPoller(), handler, 3, Throwable::printStackTrace,
            errors, new StageCounters(counters, "test", ring));
        ring.addGatingSequences(agent.sequence());
        for (long i = 1; i <= 5; i++)
        {
            final long claimed = ring.next();
            ring.get(claimed)[0] = i;
            ring.publish(claimed);
        }

        assertEquals(3, agent.doWork());
        assertEquals(List.of("1", "2", "3!"), seen);
        assertEquals(3, counter(counters, "test: slots handled"));
        assertEquals(2, counter(counters, "test: backlog (slots)"), "two published, not yet reached");
        assertEquals(2, agent.doWork());
        assertEquals(List.of("1", "2", "3!", "4", "5!"), seen);
        assertEquals(0, agent.doWork());
        assertEquals(0, errors.get());
        assertEquals(5, counter(counters, "test: slots handled"));
        assertEquals(0, counter(counters, "test: backlog (slots)"));
    }

    @Test
    void shouldCountAThreadsDutyCyclesAndTheTimeThoseWithWorkTook() throws Exception
    {
        final CountersManager counters = CountersFile.inMemory().manager();
        final int[] work = { 0, 1, 0 };
        final int[] cycle = { 0 };
        final DutyCycleCounters agent = new DutyCycleCounters(new Agent()
        {
            public int doWork()
            {
                return work[cycle[0]++];
            }

            public String roleName()
            {
                return "test";
            }
        }, counters, "matchpoint-test");

        agent.doWork();
        agent.doWork();
        agent.doWork();

        assertEquals(3, counter(counters, "matchpoint-test: duty cycles"));
        final long busy = counter(counters, "matchpoint-test: busy ns");
        assertTrue(busy > 0, "the cycle with work took some time");
        assertEquals(busy, counter(counters, "matchpoint-test: longest duty cycle ns"), "only one had work");
    }

    static long counter(final CountersReader counters, final String label)
    {
        final long[] value = { Long.MIN_VALUE };
        counters.forEach((counterId, typeId, keyBuffer, counterLabel) ->
        {
            if (counterLabel.equals(label))
            {
                value[0] = counters.getCounterValue(counterId);
            }
        });
        if (value[0] == Long.MIN_VALUE)
        {
            throw new AssertionError("no counter '" + label + "'");
        }
        return value[0];
    }

    @Test
    void shouldReportAHandlerThatThrowsAndGoOnWithTheNextSlot()
    {
        final RingBuffer<long[]> ring = RingBuffer.createSingleProducer(() -> new long[1], 16,
            new BusySpinWaitStrategy());
        final List<Long> handled = new ArrayList<>();
        final List<Throwable> reported = new ArrayList<>();
        final EventHandler<long[]> handler = (slot, sequence, endOfBatch) ->
        {
            if (slot[0] == 2)
            {
                throw new IllegalArgumentException("bad slot");
            }
            handled.add(slot[0]);
        };
        final AtomicLong errors = new AtomicLong();
        final RingAgent<long[]> agent = new RingAgent<>("test", ring.newPoller(), handler, 16, reported::add, errors,
            new StageCounters(CountersFile.inMemory().manager(), "test", ring));
        ring.addGatingSequences(agent.sequence());
        for (long i = 1; i <= 3; i++)
        {
            final long claimed = ring.next();
            ring.get(claimed)[0] = i;
            ring.publish(claimed);
        }

        assertEquals(3, agent.doWork());

        assertEquals(List.of(1L, 3L), handled);
        assertEquals(1, errors.get());
        assertTrue(reported.get(0).getMessage().contains("test failed on ring sequence 1"), reported.toString());
        assertEquals(2, agent.sequence().get(), "the failing slot is passed, not retried");
    }
}
