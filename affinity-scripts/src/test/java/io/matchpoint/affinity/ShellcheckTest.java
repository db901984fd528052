package io.matchpoint.affinity;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The scripts as source: shellcheck finds nothing, and each script can be run.
 */
class ShellcheckTest
{
    @Test
    void shouldFindNothingWithShellcheck() throws Exception
    {
        final Path shellcheck = findOnPath("shellcheck");
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

    private static Path findOnPath(final String name)
    {
        for (final String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":"))
        {
            final Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(candidate))
            {
                return candidate;
            }
        }
        return fail(name + " is not installed: the affinity scripts must pass it (apt-get install shellcheck; " +
            ".ci/run installs it where it is missing)");
    }
}
