package io.matchpoint.affinity;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code check-host}, run unprivileged: on this host (whatever it is) and on fake hosts built to need specific fixes.
 */
class CheckHostTest
{
    static final List<String> CHECKS = List.of(
        "cpus", "isolcpus", "nohz_full", "rcu_nocbs", "smt", "governor", "turbo", "cstates", "cpu_dma_latency",
        "thp", "thp_defrag", "swappiness", "irqbalance", "nic_irqs", "numa", "clocksource");
    private static final Pattern CHECK_LINE = Pattern.compile("^(PASS|WARN|INFO)  (\\S+) +\\S.*$");
    private static final String FIX = " ".repeat(23) + "fix: ";
    private static final String ALTERNATIVE = " ".repeat(23) + " or: ";

    @TempDir
    Path tempDir;
    private Path scripts;

    @BeforeEach
    void install() throws IOException
    {
        scripts = Scripts.install(tempDir);
    }

    @Test
    void shouldPrintOneLineForEachCheckOnThisHost() throws Exception
    {
        final Scripts.Result result = checkHost(Map.of());

        assertEquals(CHECKS, checkNames(result), result.describe());
    }

    @Test
    void shouldExitZeroOrTwoAndPrintNothingOnStderrOnThisHost() throws Exception
    {
        final Scripts.Result result = checkHost(Map.of());

        assertTrue(result.exitCode() == 0 || result.exitCode() == 2, result.describe());
        assertEquals("", result.stderr(), result.describe());
        assertEquals(result.exitCode() == 2, result.stdout().contains("\nWARN  ") ||
            result.stdout().startsWith("WARN  "), result.describe());
    }

    @Test
    void shouldFollowEachWarningWithItsFixOnThisHost() throws Exception
    {
        assertEachWarningHasAFix(checkHost(Map.of()));
    }

    @Test
    void shouldFollowEachWarningWithItsFixOnABadlyTunedHost() throws Exception
    {
        assertEachWarningHasAFix(checkHost(FakeHost.badlyTuned(tempDir.resolve("host")).env()));
    }

    @Test
    void shouldPassEveryCheckAndExitZeroOnAWellTunedHost() throws Exception
    {
        final Scripts.Result result = checkHost(FakeHost.wellTuned(tempDir.resolve("host")).env());

        assertEquals(0, result.exitCode(), result.describe());
        assertEquals("", result.stderr(), result.describe());
        for (final String check : CHECKS)
        {
            assertTrue(line(result, check).startsWith("PASS  "), result.describe());
        }
    }

    @Test
    void shouldExitTwoAndWarnOnEveryProblemOfABadlyTunedHost() throws Exception
    {
        final Scripts.Result result = checkHost(FakeHost.badlyTuned(tempDir.resolve("host")).env());

        assertEquals(2, result.exitCode(), result.describe());
        assertEquals("", result.stderr(), result.describe());
        for (final String check : List.of("nohz_full", "rcu_nocbs", "smt", "governor", "turbo", "cstates",
            "cpu_dma_latency", "thp", "thp_defrag", "swappiness", "irqbalance", "nic_irqs", "numa", "clocksource"))
        {
            assertTrue(line(result, check).startsWith("WARN  "), check + ": " + result.describe());
        }
        assertTrue(line(result, "cpus").startsWith("PASS  "), result.describe());
        assertTrue(line(result, "isolcpus").startsWith("PASS  "), result.describe());
    }

    @Test
    void shouldNameTheCpusWithPowersaveAndTheCommandThatFixesThem() throws Exception
    {
        final Scripts.Result result = checkHost(FakeHost.badlyTuned(tempDir.resolve("host")).env());

        assertTrue(line(result, "governor").contains("powersave on CPUs 2-3"), result.describe());
        assertTrue(fix(result, "governor").contains("echo performance | sudo tee ") &&
            fix(result, "governor").contains("/devices/system/cpu/cpu{2,3}/cpufreq/scaling_governor"),
            result.describe());
    }

    @Test
    void shouldWarnAboutTransparentHugePagesAlwaysWithTheFix() throws Exception
    {
        final Scripts.Result result = checkHost(FakeHost.badlyTuned(tempDir.resolve("host")).env());

        assertTrue(line(result, "thp").contains("transparent huge pages: always"), result.describe());
        assertTrue(fix(result, "thp").matches(".*echo never \\| sudo tee .*/kernel/mm/transparent_hugepage/enabled"),
            result.describe());
        assertTrue(fix(result, "thp_defrag").endsWith("/kernel/mm/transparent_hugepage/defrag"), result.describe());
    }

    @Test
    void shouldNameTheNicIrqWhoseAffinityCoversAnIsolatedCpu() throws Exception
    {
        final Scripts.Result result = checkHost(FakeHost.badlyTuned(tempDir.resolve("host")).env());

        final String nicIrqs = line(result, "nic_irqs");
        assertTrue(nicIrqs.contains("IRQs 40 (eth0: 0-7) may run on the hot CPUs 2-7"), result.describe());
        assertTrue(!nicIrqs.contains("41") && !nicIrqs.contains("42"), result.describe());
        assertTrue(fix(result, "nic_irqs").matches("echo 0-1 \\| sudo tee .*/irq/40/smp_affinity_list .*"),
            result.describe());
    }

    @Test
    void shouldWarnWhenTheHotCpusSpanNumaNodes() throws Exception
    {
        final Scripts.Result result = checkHost(FakeHost.badlyTuned(tempDir.resolve("host")).env());

        assertTrue(line(result, "numa").contains("span NUMA nodes: node0 (2-3), node1 (4-7)"), result.describe());
        assertTrue(fix(result, "numa").contains("node0: 0-3, node1: 4-7"), result.describe());
    }

    @Test
    void shouldGiveTheKernelParametersForTickAndRcuOffload() throws Exception
    {
        final Scripts.Result result = checkHost(FakeHost.badlyTuned(tempDir.resolve("host")).env());

        assertTrue(fix(result, "nohz_full").startsWith("add nohz_full=2-7 to the kernel command line"),
            result.describe());
        assertTrue(fix(result, "rcu_nocbs").startsWith("add rcu_nocbs=2-7 to the kernel command line"),
            result.describe());
    }

    @Test
    void shouldNameTheDeepIdleStatesAndTheKernelParametersThatLimitThem() throws Exception
    {
        final Scripts.Result result = checkHost(FakeHost.badlyTuned(tempDir.resolve("host")).env());

        assertTrue(line(result, "cstates").contains("C1E (10 us), C6 (170 us) enabled on CPUs 2-7"),
            result.describe());
        assertTrue(fix(result, "cstates").contains("intel_idle.max_cstate=1 processor.max_cstate=1"),
            result.describe());
    }

    @Test
    void shouldWarnAboutHyperthreadSiblingsThatAreNotIsolated() throws Exception
    {
        final Scripts.Result result = checkHost(FakeHost.badlyTuned(tempDir.resolve("host")).env());

        assertTrue(line(result, "smt").contains("CPUs 0-1 share cores with hot CPUs and are not isolated"), result.describe());
    }

    @Test
    void shouldAcceptHyperthreadSiblingsThatAreIsolatedAndIdle() throws Exception
    {
        final FakeHost host = FakeHost.wellTuned(tempDir.resolve("host"))
            .cpus("0-15")
            .file("sys/devices/system/cpu/isolated", "3-7,11-15");
        for (int cpu = 0; cpu < 16; cpu++)
        {
            host.siblings(cpu, cpu % 8 + "," + (cpu % 8 + 8));
        }

        final Scripts.Result result = checkHost(host.env());

        assertEquals("PASS  smt             no other CPU shares a core with the hot CPUs 3-6", line(result, "smt"),
            result.describe());
    }

    @Test
    void shouldWarnWhenTwoHotCpusShareACore() throws Exception
    {
        final FakeHost host = FakeHost.wellTuned(tempDir.resolve("host"));
        host.siblings(3, "3,4").siblings(4, "3,4");

        final Scripts.Result result = checkHost(host.env(), "--cpus", "3-6");

        assertTrue(line(result, "smt").startsWith("WARN  smt             hot CPUs 3-4 are hyperthreads of the same"),
            result.describe());
    }

    @Test
    void shouldWarnAboutTurboUnlessAllowed() throws Exception
    {
        final Map<String, String> env = FakeHost.badlyTuned(tempDir.resolve("host")).env();

        assertTrue(line(checkHost(env), "turbo").startsWith("WARN  "));
        assertTrue(line(checkHost(env, "--allow-turbo"), "turbo").startsWith("PASS  "));
    }

    @Test
    void shouldCheckTheCpusGivenWithTheCpusOption() throws Exception
    {
        final Scripts.Result result = checkHost(FakeHost.wellTuned(tempDir.resolve("host")).env(), "--cpus", "0,1,2,3");

        assertEquals(2, result.exitCode(), result.describe());
        assertTrue(line(result, "isolcpus").contains("CPUs 0-2 are not isolated (isolated: 3-7)"), result.describe());
        assertTrue(fix(result, "isolcpus").startsWith("add isolcpus=0-7 "), result.describe());
        assertTrue(line(result, "nic_irqs").contains("IRQs 40 (eth0: 0-2), 41 (eth0: 0-2) may run on the hot CPUs 0-3"),
            result.describe());
    }

    @Test
    void shouldSuggestIsolatingTheLastFourCpusWhenNoneAre() throws Exception
    {
        final Scripts.Result result = checkHost(FakeHost.bare(tempDir.resolve("host"), "0-7").env());

        assertEquals("WARN  isolcpus        no CPU is isolated", line(result, "isolcpus"), result.describe());
        assertTrue(fix(result, "isolcpus").startsWith("add isolcpus=4-7 to the kernel command line"),
            result.describe());
        assertTrue(fix(result, "nohz_full").startsWith("add nohz_full=4-7 "), result.describe());
    }

    @Test
    void shouldPrintOnlyWarningsAndTheirFixesWhenQuiet() throws Exception
    {
        final Scripts.Result result = checkHost(FakeHost.badlyTuned(tempDir.resolve("host")).env(), "--quiet");

        assertEquals(2, result.exitCode(), result.describe());
        for (final String line : result.lines())
        {
            assertTrue(line.isEmpty() || line.startsWith("WARN  ") || line.startsWith(FIX) ||
                line.startsWith(ALTERNATIVE), line);
        }
    }

    @Test
    void shouldPrintNothingWhenQuietOnAWellTunedHost() throws Exception
    {
        final Scripts.Result result = checkHost(FakeHost.wellTuned(tempDir.resolve("host")).env(), "--quiet");

        assertEquals(0, result.exitCode(), result.describe());
        assertEquals("", result.stdout(), result.describe());
    }

    @Test
    void shouldSayWhatItCouldNotReadInsteadOfFailing() throws Exception
    {
        final FakeHost host = FakeHost.wellTuned(tempDir.resolve("host"))
            .unreadable("sys/kernel/mm/transparent_hugepage/enabled")
            .unreadable("proc/sys/vm/swappiness");

        final Scripts.Result result = checkHost(host.env());

        assertEquals(2, result.exitCode(), result.describe());
        assertEquals("", result.stderr(), result.describe());
        assertTrue(line(result, "thp").matches(
            "WARN  thp +could not read .*/kernel/mm/transparent_hugepage/enabled \\(permission denied\\)"),
            result.describe());
        assertTrue(line(result, "swappiness").matches(
            "WARN  swappiness +could not read .*/sys/vm/swappiness \\(permission denied\\)"), result.describe());
    }

    @Test
    void shouldReportEveryCheckOnAHostWithoutCpufreqNumaOrNics() throws Exception
    {
        final Scripts.Result result = checkHost(FakeHost.bare(tempDir.resolve("host"), "0-1").env());

        assertEquals(CHECKS, checkNames(result), result.describe());
        assertEquals("", result.stderr(), result.describe());
        assertTrue(line(result, "governor").startsWith("INFO  governor        no cpufreq in sysfs"), result.describe());
        assertTrue(line(result, "numa").startsWith("INFO  numa            no NUMA information"), result.describe());
        assertTrue(line(result, "nic_irqs").startsWith("INFO  nic_irqs        no NIC IRQs found"), result.describe());
        assertTrue(line(result, "cpus").contains("this host has 2 online CPUs"), result.describe());
    }

    @Test
    void shouldPassTheCpusCheckOnAFiveCpuHostWithFourIsolated() throws Exception
    {
        final Scripts.Result result = checkHost(FakeHost.bare(tempDir.resolve("host"), "0-4")
            .file("sys/devices/system/cpu/isolated", "1-4").env());

        assertEquals("PASS  cpus            checking CPUs 1-4 (the isolated CPUs); 5 online (0-4)",
            line(result, "cpus"), result.describe());
    }

    @Test
    void shouldWarnThatAFourCpuHostIsTooSmall() throws Exception
    {
        final Scripts.Result result = checkHost(FakeHost.bare(tempDir.resolve("host"), "0-3").env());

        assertEquals("WARN  cpus            this host has 4 online CPUs: the low-latency profile needs at least 5 " +
            "(4 for the server's hot threads, 1 or more for everything else)", line(result, "cpus"), result.describe());
    }

    @Test
    void shouldRefuseABadCpuListWithExitOne() throws Exception
    {
        final Scripts.Result result = checkHost(Map.of(), "--cpus", "3-1");

        assertEquals(1, result.exitCode(), result.describe());
        assertEquals("", result.stdout(), result.describe());
        assertTrue(result.stderr().startsWith("check-host: --cpus: not a CPU list: '3-1'"), result.describe());
    }

    @Test
    void shouldRefuseAnUnknownOptionWithExitOne() throws Exception
    {
        final Scripts.Result result = checkHost(Map.of(), "--bogus");

        assertEquals(1, result.exitCode(), result.describe());
        assertTrue(result.stderr().startsWith("check-host: unknown option: --bogus"), result.describe());
    }

    @Test
    void shouldDescribeTheOptionsAndExitStatusInItsHelp() throws Exception
    {
        final Scripts.Result result = checkHost(Map.of(), "--help");

        assertEquals(0, result.exitCode(), result.describe());
        assertTrue(result.stdout().contains("--cpus LIST") && result.stdout().contains("--quiet") &&
            result.stdout().contains("Exit status: 0 when no check warns, 2 when at least one warns, 1 on a usage"),
            result.describe());
    }

    private Scripts.Result checkHost(final Map<String, String> env, final String... options)
        throws IOException, InterruptedException
    {
        final List<String> command = new ArrayList<>();
        command.add(scripts.resolve("check-host").toString());
        command.addAll(List.of(options));
        return Scripts.run(tempDir, env, command.toArray(String[]::new));
    }

    private static List<String> checkNames(final Scripts.Result result)
    {
        final List<String> names = new ArrayList<>();
        for (final String line : result.lines())
        {
            final var matcher = CHECK_LINE.matcher(line);
            if (matcher.matches())
            {
                names.add(matcher.group(2));
            }
        }
        return names;
    }

    /**
     * @return the line of one check (there must be exactly one).
     */
    static String line(final Scripts.Result result, final String check)
    {
        String found = null;
        for (final String line : result.lines())
        {
            final var matcher = CHECK_LINE.matcher(line);
            if (matcher.matches() && matcher.group(2).equals(check))
            {
                assertEquals(null, found, "two lines for " + check + ": " + result.describe());
                found = line;
            }
        }
        assertTrue(found != null, "no line for " + check + ": " + result.describe());
        return found;
    }

    /**
     * @return the fix printed under a check's WARN line, without its "fix: " prefix.
     */
    static String fix(final Scripts.Result result, final String check)
    {
        final List<String> lines = result.lines();
        final int index = lines.indexOf(line(result, check));
        assertTrue(lines.get(index).startsWith("WARN  "), check + " does not warn: " + result.describe());
        assertTrue(lines.get(index + 1).startsWith(FIX), "no fix for " + check + ": " + result.describe());
        return lines.get(index + 1).substring(FIX.length());
    }

    private static void assertEachWarningHasAFix(final Scripts.Result result)
    {
        final List<String> lines = result.lines();
        for (int i = 0; i < lines.size(); i++)
        {
            if (lines.get(i).startsWith("WARN  "))
            {
                assertTrue(i + 1 < lines.size() && lines.get(i + 1).startsWith(FIX) &&
                    lines.get(i + 1).length() > FIX.length(), "no fix after " + lines.get(i) + ": " + result.describe());
            }
        }
    }
}
