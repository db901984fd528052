package io.matchpoint.affinity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code tune-host}, run unprivileged: dry runs, {@code --apply} without permission (nothing changes), and
 * {@code --apply} / {@code --revert} on a fake host the unprivileged user may write.
 */
class TuneHostTest
{
    /** The files of the badly tuned fake host that tune-host changes, with their values before. */
    private static final Map<String, String> BEFORE = Map.of(
        "sys/devices/system/cpu/cpu2/cpufreq/scaling_governor", "powersave",
        "sys/devices/system/cpu/cpu3/cpufreq/scaling_governor", "powersave",
        "sys/devices/system/cpu/cpu5/cpuidle/state3/disable", "0",
        "sys/kernel/mm/transparent_hugepage/enabled", "[always] madvise never",
        "sys/kernel/mm/transparent_hugepage/defrag", "[always] defer defer+madvise madvise never",
        "proc/sys/vm/swappiness", "60",
        "proc/irq/40/smp_affinity_list", "0-7",
        "sys/devices/system/clocksource/clocksource0/current_clocksource", "hpet");

    @TempDir
    Path tempDir;
    private Path scripts;
    private Path stateDir;

    @BeforeEach
    void install() throws IOException
    {
        scripts = Scripts.install(tempDir);
        stateDir = Files.createDirectory(tempDir.resolve("state"));
        Files.setPosixFilePermissions(stateDir, PosixFilePermissions.fromString("rwxrwxrwx"));
    }

    @Test
    void shouldListEachChangeAsAWouldLineWithItsCommandByDefault() throws Exception
    {
        final FakeHost host = badlyTunedWithoutIrqbalance();

        final Scripts.Result result = tuneHost(host.env());

        assertEquals(0, result.exitCode(), result.describe());
        assertEquals("", result.stderr(), result.describe());
        final List<String> lines = result.lines();
        assertFollowedBy(lines, "would:  IRQ 40 (eth0) affinity (0-7 -> 0-1)", "echo 0-1 | sudo tee ");
        assertFollowedBy(lines, "would:  CPU frequency governor, CPUs 2-3 (powersave -> performance)",
            "echo performance | sudo tee ");
        assertFollowedBy(lines, "would:  idle state C1E (10 us) disabled on CPUs 2-7 (0 -> 1)", "echo 1 | sudo tee ");
        assertFollowedBy(lines, "would:  idle state C6 (170 us) disabled on CPUs 2-7 (0 -> 1)", "echo 1 | sudo tee ");
        assertFollowedBy(lines, "would:  transparent huge pages (always -> never)", "echo never | sudo tee ");
        assertFollowedBy(lines, "would:  transparent huge pages defrag (always -> never)", "echo never | sudo tee ");
        assertFollowedBy(lines, "would:  vm.swappiness (60 -> 1)", "sudo sysctl -w vm.swappiness=1");
        assertFollowedBy(lines, "would:  clocksource (hpet -> tsc)", "echo tsc | sudo tee ");
        assertTrue(lines.contains("skip:   turbo is on (no_turbo=0); --no-turbo turns it off"), result.describe());
    }

    @Test
    void shouldChangeNothingInADryRun() throws Exception
    {
        final FakeHost host = FakeHost.badlyTuned(tempDir.resolve("host")).writableByAll();

        final Scripts.Result result = tuneHost(host.env(), "--no-turbo", "--state", state());

        assertTrue(result.exitCode() == 0 || result.exitCode() == 2, result.describe());
        assertUnchanged(host);
        assertEquals("0", host.read("sys/devices/system/cpu/intel_pstate/no_turbo"));
        assertFalse(Files.exists(stateDir.resolve("tune.state")));
    }

    @Test
    void shouldTurnTurboOffOnlyWhenAsked() throws Exception
    {
        final Scripts.Result result = tuneHost(badlyTunedWithoutIrqbalance().env(), "--no-turbo");

        assertFollowedBy(result.lines(), "would:  turbo off: no_turbo (0 -> 1)", "echo 1 | sudo tee ");
    }

    @Test
    void shouldPrintTheKernelCommandLineToAddInsteadOfApplyingIt() throws Exception
    {
        final Scripts.Result result = tuneHost(badlyTunedWithoutIrqbalance().env());

        assertTrue(result.lines().contains(
            "reboot: add to the kernel command line (tune-host never changes it): nohz_full=2-7 rcu_nocbs=2-7"),
            result.describe());
        assertTrue(result.lines().contains("reboot: to keep every CPU out of deep C-states for good, also add: " +
            "intel_idle.max_cstate=1 processor.max_cstate=1"), result.describe());
    }

    @Test
    void shouldSuggestTheKernelParametersForTheLastFourCpusWhenNoneAreIsolated() throws Exception
    {
        final Scripts.Result result = tuneHost(FakeHost.bare(tempDir.resolve("host"), "0-7").env());

        assertEquals(0, result.exitCode(), result.describe());
        assertTrue(result.lines().contains("reboot: add to the kernel command line (tune-host never changes it): " +
            "isolcpus=4-7 nohz_full=4-7 rcu_nocbs=4-7   (or any 4 CPUs but CPU 0)"), result.describe());
    }

    @Test
    void shouldWarnForEachChangeItCannotMakeAndChangeNothingWhenUnprivileged() throws Exception
    {
        final FakeHost host = badlyTunedWithoutIrqbalance();

        final Scripts.Result result = tuneHost(host.env(), "--apply", "--state", state());

        assertEquals(2, result.exitCode(), result.describe());
        assertEquals("", result.stderr(), result.describe());
        for (final String what : List.of("IRQ 40 (eth0) affinity", "CPU frequency governor, CPUs 2-3",
            "transparent huge pages", "transparent huge pages defrag", "vm.swappiness", "clocksource"))
        {
            assertTrue(result.stdout().contains("WARN:   " + what + ": could not change it ("),
                what + ": " + result.describe());
        }
        assertFalse(result.stdout().contains("done:"), result.describe());
        assertUnchanged(host);
        assertFalse(Files.exists(stateDir.resolve("tune.state")), result.describe());
    }

    @Test
    void shouldNeitherFailNorChangeThisHostWhenUnprivileged() throws Exception
    {
        final Path swappiness = Path.of("/proc/sys/vm/swappiness");
        final Path thp = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
        final String swappinessBefore = readIfExists(swappiness);
        final String thpBefore = readIfExists(thp);
        // --apply on the real host: make sure, once more, that it cannot run as root
        assertFalse(Scripts.run(tempDir, Map.of(), "id", "-u").stdout().strip().equals("0"),
            "the scripts would run as root");

        final Scripts.Result dryRun = tuneHost(Map.of());
        final Scripts.Result apply = tuneHost(Map.of(), "--apply", "--state", state());

        for (final Scripts.Result result : List.of(dryRun, apply))
        {
            assertTrue(result.exitCode() == 0 || result.exitCode() == 2, result.describe());
            assertEquals("", result.stderr(), result.describe());
        }
        assertFalse(apply.stdout().contains("done:"), apply.describe());
        assertEquals(swappinessBefore, readIfExists(swappiness));
        assertEquals(thpBefore, readIfExists(thp));
    }

    @Test
    void shouldApplyEveryChangeAndRevertToThePreviousValues() throws Exception
    {
        final FakeHost host = badlyTunedWithoutIrqbalance().writableByAll();

        final Scripts.Result apply = tuneHost(host.env(), "--apply", "--state", state());

        assertEquals(0, apply.exitCode(), apply.describe());
        assertEquals("performance", host.read("sys/devices/system/cpu/cpu2/cpufreq/scaling_governor"));
        assertEquals("1", host.read("sys/devices/system/cpu/cpu5/cpuidle/state3/disable"));
        assertEquals("never", host.read("sys/kernel/mm/transparent_hugepage/enabled"));
        assertEquals("1", host.read("proc/sys/vm/swappiness"));
        assertEquals("0-1", host.read("proc/irq/40/smp_affinity_list"));
        assertEquals("0-1", host.read("proc/irq/41/smp_affinity_list"));
        assertEquals("tsc", host.read("sys/devices/system/clocksource/clocksource0/current_clocksource"));
        assertEquals("0", host.read("sys/devices/system/cpu/intel_pstate/no_turbo"));
        assertTrue(Files.exists(stateDir.resolve("tune.state")));

        final Scripts.Result revert = tuneHost(host.env(), "--revert", "--state", state());

        assertEquals(0, revert.exitCode(), revert.describe());
        assertEquals("", revert.stderr(), revert.describe());
        assertEquals("powersave", host.read("sys/devices/system/cpu/cpu2/cpufreq/scaling_governor"));
        assertEquals("0", host.read("sys/devices/system/cpu/cpu5/cpuidle/state3/disable"));
        assertEquals("always", host.read("sys/kernel/mm/transparent_hugepage/enabled"));
        assertEquals("always", host.read("sys/kernel/mm/transparent_hugepage/defrag"));
        assertEquals("60", host.read("proc/sys/vm/swappiness"));
        assertEquals("0-7", host.read("proc/irq/40/smp_affinity_list"));
        assertEquals("hpet", host.read("sys/devices/system/clocksource/clocksource0/current_clocksource"));
        assertFalse(Files.exists(stateDir.resolve("tune.state")), revert.describe());
    }

    @Test
    void shouldRevertToTheValuesFromBeforeTheFirstApply() throws Exception
    {
        final FakeHost host = badlyTunedWithoutIrqbalance().writableByAll();

        assertEquals(0, tuneHost(host.env(), "--apply", "--state", state()).exitCode());
        Files.writeString(host.path("proc/sys/vm/swappiness"), "30\n", StandardCharsets.UTF_8);
        final Scripts.Result second = tuneHost(host.env(), "--apply", "--state", state());
        assertTrue(second.lines().contains("done:   vm.swappiness (30 -> 1)"), second.describe());
        assertEquals(0, tuneHost(host.env(), "--revert", "--state", state()).exitCode());

        assertEquals("60", host.read("proc/sys/vm/swappiness"));
        assertEquals("powersave", host.read("sys/devices/system/cpu/cpu3/cpufreq/scaling_governor"));
    }

    @Test
    void shouldRevertOnlyTheFilesTuneHostChanges() throws Exception
    {
        final FakeHost host = badlyTunedWithoutIrqbalance().writableByAll()
            .file("etc/motd", "hello").writableByAll();
        final Path state = stateDir.resolve("tune.state");
        Files.writeString(state, "file\t" + host.path("etc/motd") + "\towned\n" +
            "file\t" + host.path("proc/sys/vm/swappiness") + "\t7\n", StandardCharsets.UTF_8);
        giveToNobody(state);

        final Scripts.Result result = tuneHost(host.env(), "--revert", "--state", state());

        assertEquals(2, result.exitCode(), result.describe());
        assertTrue(result.stdout().contains("line 1: ignored: not a setting tune-host changes"), result.describe());
        assertEquals("hello", host.read("etc/motd"));
        assertEquals("7", host.read("proc/sys/vm/swappiness"));
        assertTrue(Files.exists(state), "the state file stays after a partial revert");
    }

    @Test
    void shouldRefuseAStateFileThatAnotherUserOwns() throws Exception
    {
        assumeTrue(Scripts.runningAsRoot(), "needs root to create a file the unprivileged run does not own");
        final FakeHost host = badlyTunedWithoutIrqbalance().writableByAll();
        final Path state = stateDir.resolve("tune.state");
        Files.writeString(state, "file\t" + host.path("proc/sys/vm/swappiness") + "\t7\n", StandardCharsets.UTF_8);

        final Scripts.Result result = tuneHost(host.env(), "--revert", "--state", state());

        assertEquals(1, result.exitCode(), result.describe());
        assertTrue(result.stderr().contains("another user owns it"), result.describe());
        assertEquals("60", host.read("proc/sys/vm/swappiness"));
    }

    @Test
    void shouldExitOneWhenThereIsNothingToRevert() throws Exception
    {
        final Scripts.Result result = tuneHost(badlyTunedWithoutIrqbalance().env(), "--revert", "--state", state());

        assertEquals(1, result.exitCode(), result.describe());
        assertTrue(result.stderr().contains("nothing to revert: no state file"), result.describe());
    }

    @Test
    void shouldRefuseApplyAndRevertTogether() throws Exception
    {
        final Scripts.Result result = tuneHost(Map.of(), "--apply", "--revert");

        assertEquals(1, result.exitCode(), result.describe());
        assertTrue(result.stderr().startsWith("tune-host: --apply and --revert exclude each other"),
            result.describe());
    }

    private FakeHost badlyTunedWithoutIrqbalance() throws IOException
    {
        // systemctl may or may not exist where the tests run: keep irqbalance out of the outcome
        return FakeHost.badlyTuned(tempDir.resolve("host")).remove("proc/1234");
    }

    private String state()
    {
        return stateDir.resolve("tune.state").toString();
    }

    private static void giveToNobody(final Path file) throws IOException
    {
        if (Scripts.runningAsRoot())
        {
            Files.setAttribute(file, "unix:uid", Scripts.NOBODY);
            Files.setAttribute(file, "unix:gid", Scripts.NOBODY);
        }
    }

    private static String readIfExists(final Path file) throws IOException
    {
        return Files.isReadable(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    private static void assertUnchanged(final FakeHost host) throws IOException
    {
        for (final Map.Entry<String, String> entry : new HashMap<>(BEFORE).entrySet())
        {
            assertEquals(entry.getValue(), host.read(entry.getKey()), entry.getKey());
        }
    }

    private static void assertFollowedBy(final List<String> lines, final String line, final String commandStart)
    {
        final int index = lines.indexOf(line);
        assertTrue(index >= 0, "no line '" + line + "' in:\n" + String.join("\n", lines));
        assertTrue(lines.get(index + 1).startsWith("        " + commandStart),
            "'" + line + "' is not followed by its command: " + lines.get(index + 1));
    }

    private Scripts.Result tuneHost(final Map<String, String> env, final String... options)
        throws IOException, InterruptedException
    {
        final List<String> command = new ArrayList<>();
        command.add(scripts.resolve("tune-host").toString());
        command.addAll(List.of(options));
        return Scripts.run(tempDir, env, command.toArray(String[]::new));
    }
}
