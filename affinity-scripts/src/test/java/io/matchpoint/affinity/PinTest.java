package io.matchpoint.affinity;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code pin}, run unprivileged with {@code --dry-run}: which CPUs, in which order, with which JVM flags; and when it
 * refuses.
 */
class PinTest
{
    private static final Pattern COMMAND = Pattern.compile(
        "^MATCHPOINT_JAVA_OPTS='([^']*)' taskset -c (\\S+) (\\S+)/matchpoint server --profile low-latency " +
        "--cpus (\\S+)(.*)$", Pattern.MULTILINE);
    private static final List<String> FLAGS = List.of(
        "-XX:+UnlockDiagnosticVMOptions", "-XX:GuaranteedSafepointInterval=0", "-XX:+PerfDisableSharedMem",
        "-XX:+AlwaysPreTouch");

    @TempDir
    Path tempDir;
    private Path scripts;

    @BeforeEach
    void install() throws IOException
    {
        scripts = Scripts.install(tempDir);
    }

    @Test
    void shouldPrintTheTasksetCommandWithTheCpusAndFlags() throws Exception
    {
        final Scripts.Result result = pin(FakeHost.bare(tempDir.resolve("host"), "0-7").env(),
            "--dry-run", "--cpus", "1,2,3,4", "--housekeeping", "0");

        assertEquals(0, result.exitCode(), result.describe());
        final Matcher command = command(result);
        assertEquals("0", command.group(2));
        assertEquals(scripts.getParent().toString(), command.group(3));
        assertEquals("1,2,3,4", command.group(4));
        assertEquals("", command.group(5));
        assertEquals(FLAGS, List.of(command.group(1).split(" ")));
    }

    @Test
    void shouldPrintTheTasksetCommandOnThisHost() throws Exception
    {
        final Scripts.Result result = pin(Map.of(), "--dry-run", "--cpus", "1,2,3,4", "--housekeeping", "0");

        assertEquals(0, result.exitCode(), result.describe());
        assertEquals("0", command(result).group(2));
        assertEquals("1,2,3,4", command(result).group(4));
        assertTrue(List.of(command(result).group(1).split(" ")).containsAll(FLAGS), result.describe());
    }

    @Test
    void shouldKeepTheOrderTheCpusAreGivenIn() throws Exception
    {
        final Scripts.Result result = pin(wideHost().env(), "--dry-run", "--cpus", "6,2,7,3");

        assertEquals("6,2,7,3", command(result).group(4), result.describe());
        assertTrue(result.stdout().contains(
            "pin: hot threads: matcher 6, gateway 2, command journal 7, event journal 3\n"), result.describe());
    }

    @Test
    void shouldTakeTheFirstFourIsolatedCpusAndLeaveTheOtherIsolatedOnesOutOfHousekeeping() throws Exception
    {
        final Scripts.Result result = pin(wideHost().env(), "--dry-run");

        assertEquals(0, result.exitCode(), result.describe());
        assertEquals("2,3,4,5", command(result).group(4));
        assertEquals("0-1", command(result).group(2));
    }

    @Test
    void shouldTakeIsolatedCpusOnDistinctCores() throws Exception
    {
        final FakeHost host = FakeHost.bare(tempDir.resolve("host"), "0-15")
            .file("sys/devices/system/cpu/isolated", "2-11");
        for (int cpu = 0; cpu < 16; cpu++)
        {
            host.siblings(cpu, (cpu & ~1) + "," + (cpu | 1));
        }

        final Scripts.Result result = pin(host.env(), "--dry-run");

        assertEquals("2,4,6,8", command(result).group(4), result.describe());
        assertEquals("0-1,12-15", command(result).group(2), result.describe());
    }

    @Test
    void shouldUseEveryOtherOnlineCpuForHousekeepingByDefault() throws Exception
    {
        final Scripts.Result result = pin(FakeHost.bare(tempDir.resolve("host"), "0-9").env(),
            "--dry-run", "--cpus", "6-9");

        assertEquals("6,7,8,9", command(result).group(4), result.describe());
        assertEquals("0-5", command(result).group(2), result.describe());
    }

    @Test
    void shouldPassTheServerOptionsAfterTheCpus() throws Exception
    {
        final Scripts.Result result = pin(wideHost().env(), "--dry-run", "--", "--port", "7401", "--data", "/srv/m p");

        assertEquals(" --port 7401 --data '/srv/m p'", command(result).group(5), result.describe());
    }

    @Test
    void shouldPutTheCallersJavaOptionsAfterItsOwn() throws Exception
    {
        final Map<String, String> env = new HashMap<>(wideHost().env());
        env.put("MATCHPOINT_JAVA_OPTS", "-Xmx4g -Xms4g");

        final Scripts.Result result = pin(env, "--dry-run");

        assertTrue(command(result).group(1).endsWith(" -XX:+UseNUMA -Xmx4g -Xms4g"), result.describe());
    }

    @Test
    void shouldAddUseNumaOnlyWithSeveralNodes() throws Exception
    {
        assertTrue(command(pin(wideHost().env(), "--dry-run")).group(1).contains("-XX:+UseNUMA"));
        final FakeHost oneNode = FakeHost.bare(tempDir.resolve("one"), "0-7")
            .file("sys/devices/system/cpu/isolated", "4-7")
            .file("sys/devices/system/node/node0/cpulist", "0-7");
        assertFalse(command(pin(oneNode.env(), "--dry-run")).group(1).contains("-XX:+UseNUMA"));
    }

    @Test
    void shouldStartTheJvmWithItsFlags() throws Exception
    {
        final Path log = tempDir.resolve("safepoints.log");
        final Scripts.Result result = pin(wideHost().env(), "--dry-run", "--safepoint-log", log.toString());
        final List<String> java = new ArrayList<>();
        java.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        java.addAll(List.of(command(result).group(1).split(" ")));
        java.add("-Xmx64m");
        java.add("-version");

        final Scripts.Result version = Scripts.runAsIs(tempDir, Map.of(), java);

        assertEquals(0, version.exitCode(), version.describe());
        assertFalse(version.stderr().toLowerCase().contains("warning"), version.describe());
        assertTrue(java.contains("-Xlog:async"), java.toString());
    }

    @Test
    void shouldRefuseOnATwoCpuHostWithoutExplicitCpus() throws Exception
    {
        final Scripts.Result result = pin(FakeHost.bare(tempDir.resolve("host"), "0-1").env(), "--dry-run");

        assertEquals(1, result.exitCode(), result.describe());
        assertEquals("", result.stdout(), result.describe());
        assertTrue(result.stderr().startsWith("pin: this host has 2 online CPUs (0-1); the low-latency profile " +
            "needs at least 5: 4 for the server's hot threads and 1 or more for the rest of the JVM."),
            result.describe());
    }

    @Test
    void shouldRunOnAFiveCpuHostWithFourIsolated() throws Exception
    {
        final FakeHost host = FakeHost.bare(tempDir.resolve("host"), "0-4")
            .file("sys/devices/system/cpu/isolated", "1-4");

        final Scripts.Result result = pin(host.env(), "--dry-run");

        assertEquals(0, result.exitCode(), result.describe());
        assertEquals("1,2,3,4", command(result).group(4), result.describe());
        assertEquals("0", command(result).group(2), result.describe());
    }

    @Test
    void shouldRefuseAFourCpuHostWithoutExplicitCpus() throws Exception
    {
        final FakeHost host = FakeHost.bare(tempDir.resolve("host"), "0-3")
            .file("sys/devices/system/cpu/isolated", "0-3");

        final Scripts.Result result = pin(host.env(), "--dry-run");

        assertEquals(1, result.exitCode(), result.describe());
        assertTrue(result.stderr().startsWith("pin: this host has 4 online CPUs (0-3); the low-latency profile " +
            "needs at least 5: 4 for the server's hot threads"), result.describe());
    }

    @Test
    void shouldRefuseFewerThanFourCpus() throws Exception
    {
        final Scripts.Result result = pin(wideHost().env(), "--dry-run", "--cpus", "1,2");

        assertEquals(1, result.exitCode(), result.describe());
        assertTrue(result.stderr().startsWith("pin: --cpus needs exactly 4 CPUs, one for each hot thread (matcher, " +
            "gateway, command journal, event journal), got 2: 1,2"), result.describe());
    }

    @Test
    void shouldRefuseFiveCpus() throws Exception
    {
        final Scripts.Result result = pin(wideHost().env(), "--dry-run", "--cpus", "2-6");

        assertEquals(1, result.exitCode(), result.describe());
        assertTrue(result.stderr().startsWith("pin: --cpus needs exactly 4 CPUs"), result.describe());
    }

    @Test
    void shouldRefuseACpuNamedTwice() throws Exception
    {
        final Scripts.Result result = pin(wideHost().env(), "--dry-run", "--cpus", "2,2,3,4");

        assertEquals(1, result.exitCode(), result.describe());
        assertTrue(result.stderr().startsWith("pin: --cpus names a CPU twice"), result.describe());
    }

    @Test
    void shouldRefuseWhenFewerThanFourCpusAreIsolated() throws Exception
    {
        final FakeHost host = FakeHost.bare(tempDir.resolve("host"), "0-7")
            .file("sys/devices/system/cpu/isolated", "6-7");

        final Scripts.Result result = pin(host.env(), "--dry-run");

        assertEquals(1, result.exitCode(), result.describe());
        assertTrue(result.stderr().startsWith("pin: no CPUs to pin to: the server's hot threads need 4 CPUs, and 2 " +
            "are isolated (6-7). Either give them with --cpus LIST, or isolate 4 CPUs: add isolcpus=L nohz_full=L " +
            "rcu_nocbs=L to the kernel command line (L e.g. 4-7) and reboot"), result.describe());
    }

    @Test
    void shouldWarnButRunWhenHousekeepingOverlapsTheHotCpus() throws Exception
    {
        final Scripts.Result result = pin(wideHost().env(), "--dry-run", "--cpus", "1-4", "--housekeeping", "0-1");

        assertEquals(0, result.exitCode(), result.describe());
        assertTrue(result.stderr().contains("pin: warning: CPU 1 is both hot and housekeeping"), result.describe());
        assertEquals("0-1", command(result).group(2));
    }

    @Test
    void shouldRefuseToSetTheServersProfileOrCpusTwice() throws Exception
    {
        final Scripts.Result result = pin(wideHost().env(), "--dry-run", "--", "--profile", "default");

        assertEquals(1, result.exitCode(), result.describe());
        assertTrue(result.stderr().startsWith("pin: pin sets the server's --profile (low-latency) and --cpus itself"),
            result.describe());
    }

    /**
     * 8 CPUs, 2-7 isolated, two NUMA nodes.
     */
    private FakeHost wideHost() throws IOException
    {
        return FakeHost.bare(tempDir.resolve("wide"), "0-7")
            .file("sys/devices/system/cpu/isolated", "2-7")
            .file("sys/devices/system/node/node0/cpulist", "0-3")
            .file("sys/devices/system/node/node1/cpulist", "4-7");
    }

    private static Matcher command(final Scripts.Result result)
    {
        final Matcher matcher = COMMAND.matcher(result.stdout());
        assertTrue(matcher.find(), "no taskset command: " + result.describe());
        return matcher;
    }

    private Scripts.Result pin(final Map<String, String> env, final String... options)
        throws IOException, InterruptedException
    {
        final List<String> command = new ArrayList<>();
        command.add(scripts.resolve("pin").toString());
        command.addAll(List.of(options));
        return Scripts.run(tempDir, env, command.toArray(String[]::new));
    }
}
