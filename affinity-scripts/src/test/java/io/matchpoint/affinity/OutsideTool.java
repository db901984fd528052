package io.matchpoint.affinity;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.opentest4j.TestAbortedException;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * A program a test needs that is not part of a JDK and Maven, such as {@code shellcheck}.
 * <p>
 * On a machine without it the test is skipped with a message naming the tool and how to get it, so that the README's
 * test command works with only a JDK and Maven. Where the environment variable {@value #REQUIRED_TOOLS} names the
 * tool (a space or comma separated list; {@code .ci/run} sets it after installing them), a missing tool fails the test
 * instead: CI never loses the check by skipping it.
 */
final class OutsideTool
{
    static final String REQUIRED_TOOLS = "MATCHPOINT_REQUIRED_TOOLS";

    private OutsideTool()
    {
    }

    /**
     * Finds a program on the {@code PATH}, or skips (or, where required, fails) the calling test.
     *
     * @param name       the program's name.
     * @param howToGetIt how to install it, for the message.
     * @return the program's path.
     */
    static Path find(final String name, final String howToGetIt)
    {
        try
        {
            return find(name, howToGetIt, System.getenv("PATH"), System.getenv(REQUIRED_TOOLS));
        }
        catch (final TestAbortedException skipped)
        {
            // Surefire shows a skip's reason only in its report files: say it where the person running the tests looks.
            System.out.println("SKIPPED: " + skipped.getMessage() + "; the test that needs it is skipped");
            throw skipped;
        }
    }

    static Path find(final String name, final String howToGetIt, final String path, final String requiredTools)
    {
        for (final String dir : (path == null ? "/usr/bin:/bin" : path).split(":"))
        {
            final Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(candidate))
            {
                return candidate;
            }
        }

        final String message = name + " is not installed (" + howToGetIt + ")";
        if (isRequired(name, requiredTools))
        {
            return fail(message + ", and " + REQUIRED_TOOLS + " says this run must have it");
        }
        return abort(message);
    }

    private static boolean isRequired(final String name, final String requiredTools)
    {
        return requiredTools != null && Arrays.asList(requiredTools.trim().split("[\\s,]+")).contains(name);
    }
}
