package io.matchpoint.affinity;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutsideToolTest
{
    private static final String MISSING = "matchpoint-no-such-tool";

    @Test
    void shouldFindToolOnPath()
    {
        assertEquals(Path.of("/bin", "sh"), OutsideTool.find("sh", "-", "/nonexistent:/bin", null));
    }

    @Test
    void shouldSkipNamingToolAndHowToGetItWhenMissing()
    {
        final TestAbortedException skipped = assertThrows(
            TestAbortedException.class, () -> OutsideTool.find(MISSING, "apt-get install it", "/bin", null));

        assertTrue(skipped.getMessage().contains(MISSING + " is not installed (apt-get install it)"),
            skipped.getMessage());
    }

    @Test
    void shouldFailWhenMissingToolIsRequired()
    {
        final AssertionFailedError failed = assertThrows(
            AssertionFailedError.class, () -> OutsideTool.find(MISSING, "-", "/bin", "shellcheck, " + MISSING));

        assertTrue(failed.getMessage().contains(OutsideTool.REQUIRED_TOOLS), failed.getMessage());
    }

    @Test
    void shouldSkipWhenAnotherToolIsRequired()
    {
        assertThrows(TestAbortedException.class, () -> OutsideTool.find(MISSING, "-", "/bin", "shellcheck"));
    }
}
