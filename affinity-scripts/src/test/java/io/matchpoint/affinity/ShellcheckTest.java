package io.matchpoint.affinity;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scripts as source: shellcheck finds nothing, and each script can be run. Without shellcheck on the machine the
 * first is skipped with a message, unless the run requires it ({@link OutsideTool}).
 */
class ShellcheckTest
{
    @Test
    void shouldFindNothingWithShellcheck() throws Exception
    {
        final Path shellcheck = OutsideTool.find("shellcheck", "apt-get install shellcheck, or see shellcheck.net");
        final List<String> command = new ArrayList<>(List.of(shellcheck.toString(), "-x"));
        command.addAll(Scripts.FILES);

        final Scripts.Result result = Scripts.runAsIs(Scripts.sourceDir(), Map.of(), command);

        assertEquals(0, result.exitCode(), result.describe());
        assertEquals("", result.stdout() + result.stderr(), result.describe());
    }

    @Test
    void shouldHaveExecutableScripts()
    {
        for (final String script : List.of("check-host", "tune-host", "pin"))
        {
            assertTrue(Files.isExecutable(Scripts.sourceDir().resolve(script)), script + " is not executable");
        }
    }
}
