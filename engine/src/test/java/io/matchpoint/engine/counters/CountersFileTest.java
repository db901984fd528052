package io.matchpoint.engine.counters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CountersFileTest
{
    @TempDir
    Path directory;

    @Test
    void shouldLetAnotherMappingReadWhatTheWriterCounts() throws IOException
    {
        try (CountersFile writer = CountersFile.create(directory))
        {
            final AtomicCounter commands = writer.manager().newCounter("matcher: slots handled");
            final AtomicCounter sessions = writer.manager().newCounter("gateway: sessions open");
            commands.getAndAddRelease(42);
            sessions.setRelease(3);

            try (CountersFile reader = CountersFile.openReadOnly(directory))
            {
                assertEquals(List.of("matcher: slots handled=42", "gateway: sessions open=3"), read(reader.reader()));
                assertEquals(ProcessHandle.current().pid(), reader.pid());
                assertTrue(reader.startEpochMs() > 0 && reader.startEpochMs() <= System.currentTimeMillis());

                commands.incrementRelease(); // the reader sees the writer's stores as they happen
                assertEquals("matcher: slots handled=43", read(reader.reader()).get(0));
            }
        }
    }

    @Test
    void shouldStartEmptyWhenAServerStartsAgain() throws IOException
    {
        try (CountersFile first = CountersFile.create(directory))
        {
            first.manager().newCounter("old").setRelease(7);
        }
        try (CountersFile second = CountersFile.create(directory);
            CountersFile reader = CountersFile.openReadOnly(directory))
        {
            assertEquals(List.of(), read(reader.reader()));
            assertEquals(second.path(), directory.resolve(CountersFile.FILE_NAME));
        }
    }

    @Test
    void shouldSayWhenThereIsNoCountersFileOrItIsNotOne() throws IOException
    {
        assertThrows(NoSuchFileException.class, () -> CountersFile.openReadOnly(directory));
        Files.write(directory.resolve(CountersFile.FILE_NAME), new byte[4096]);
        final IOException notOurs = assertThrows(IOException.class, () -> CountersFile.openReadOnly(directory));
        assertTrue(notOurs.getMessage().contains("is not a Matchpoint counters file"), notOurs.getMessage());
    }

    @Test
    void shouldRefuseToAllocateFromAFileOpenedToRead() throws IOException
    {
        try (CountersFile writer = CountersFile.create(directory);
            CountersFile reader = CountersFile.openReadOnly(directory))
        {
            assertEquals(writer.pid(), reader.pid());
            assertThrows(IllegalStateException.class, reader::manager);
        }
    }

    private static List<String> read(final CountersReader reader)
    {
        final List<String> values = new ArrayList<>();
        reader.forEach((counterId, typeId, keyBuffer, label) ->
            values.add(label + "=" + reader.getCounterValue(counterId)));
        return values;
    }
}
