package io.matchpoint.affinity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs the scripts as real processes, unprivileged, each bounded by a deadline.
 * <p>
 * The scripts are copied from the module folder into a world-readable temporary folder first, so that an
 * unprivileged user can run them wherever the checkout is. When the tests run as root (as they do in CI), each script
 * runs through {@code setpriv} as uid and gid 65534 ({@code nobody}) with no supplementary groups; when that is not
 * possible the test fails rather than run the script as root.
 */
final class Scripts
{
    static final long DEADLINE_SECONDS = 60;
    static final int NOBODY = 65534;
    static final List<String> FILES = List.of("check-host", "tune-host", "pin", "lib/common.sh");

    private static final String SETPRIV = "/usr/bin/setpriv";
    private static boolean dropChecked;

    private Scripts()
    {
    }

    /**
     * The outcome of one run.
     *
     * @param exitCode the exit status.
     * @param stdout   standard output.
     * @param stderr   standard error.
     */
    record Result(int exitCode, String stdout, String stderr)
    {
        List<String> lines()
        {
            return stdout.isEmpty() ? List.of() : Arrays.asList(stdout.split("\n", -1));
        }

        String describe()
        {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    /**
     * @return the module folder holding the scripts (the working directory Surefire gives the tests).
     */
    static Path sourceDir()
    {
        final Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        assertTrue(Files.isRegularFile(dir.resolve("check-host")), "the tests run in the module folder: " + dir);
        return dir;
    }

    /**
     * Copies the scripts into {@code dir}/affinity-scripts, readable and runnable by anyone.
     *
     * @param dir a temporary folder.
     * @return the copy's folder.
     * @throws IOException when the copy fails.
     */
    static Path install(final Path dir) throws IOException
    {
        openToAll(dir);
        final Path target = dir.resolve("affinity-scripts");
        Files.createDirectories(target.resolve("lib"));
        openToAll(target);
        openToAll(target.resolve("lib"));
        for (final String file : FILES)
        {
            final Path copy = target.resolve(file);
            Files.copy(sourceDir().resolve(file), copy);
            Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return target;
    }

    /**
     * Makes a folder readable and searchable by anyone (JUnit creates temporary folders for their owner only).
     *
     * @param dir the folder.
     * @throws IOException when it cannot.
     */
    static void openToAll(final Path dir) throws IOException
    {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    static boolean runningAsRoot() throws IOException
    {
        return ((Integer)Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    }

    /**
     * Runs a command unprivileged in {@code workDir}, with {@code env} added to this process's environment (less any
     * {@code MATCHPOINT_*} variable of its own).
     *
     * @param workDir a folder anyone can enter.
     * @param env     variables to set.
     * @param command the command.
     * @return what it printed and its exit status.
     * @throws IOException          when it cannot start.
     * @throws InterruptedException when interrupted.
     */
    static Result run(final Path workDir, final Map<String, String> env, final String... command)
        throws IOException, InterruptedException
    {
        final List<String> full = new ArrayList<>(unprivilegedPrefix(workDir));
        full.addAll(List.of(command));
        return runAsIs(workDir, env, full);
    }

    /**
     * Runs a command as this process's user (for tools such as shellcheck and java, which read but never write).
     *
     * @param workDir the working directory.
     * @param env     variables to set.
     * @param command the command.
     * @return what it printed and its exit status.
     * @throws IOException          when it cannot start.
     * @throws InterruptedException when interrupted.
     */
    static Result runAsIs(final Path workDir, final Map<String, String> env, final List<String> command)
        throws IOException, InterruptedException
    {
        final Path out = Files.createTempFile("affinity-scripts-out", ".txt");
        final Path err = Files.createTempFile("affinity-scripts-err", ".txt");
        try
        {
            final ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
            builder.environment().keySet().removeIf(name -> name.startsWith("MATCHPOINT_"));
            builder.environment().putAll(env);
            final Process process = builder.start();
            if (!process.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                fail(command + " did not finish within " + DEADLINE_SECONDS + " s");
            }
            return new Result(
                process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        }
        finally
        {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static List<String> unprivilegedPrefix(final Path workDir) throws IOException, InterruptedException
    {
        if (!runningAsRoot())
        {
            return List.of();
        }
        final List<String> prefix = List.of(
            SETPRIV, "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "--");
        if (!dropChecked)
        {
            if (!Files.isExecutable(Path.of(SETPRIV)))
            {
                fail("the tests run the scripts unprivileged, and as root that takes " + SETPRIV +
                    " (util-linux) to drop to uid " + NOBODY + "; it is missing, so the scripts would run as root");
            }
            final List<String> id = new ArrayList<>(prefix);
            id.addAll(List.of("id", "-u"));
            final Result result = runAsIs(workDir, Map.of(), id);
            assertEquals(NOBODY + "\n", result.stdout(),
                "could not drop privileges with " + SETPRIV + ": " + result.describe());
            dropChecked = true;
        }
        return prefix;
    }
}
