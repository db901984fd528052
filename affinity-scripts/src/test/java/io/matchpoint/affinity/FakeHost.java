package io.matchpoint.affinity;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A fake {@code /sys}, {@code /proc} and {@code /dev} in a temporary folder, which the scripts read (and
 * {@code tune-host} writes) in place of the real ones through {@code MATCHPOINT_SYSFS}, {@code MATCHPOINT_PROCFS} and
 * {@code MATCHPOINT_DEVFS}: hosts unlike the one the tests run on.
 * <p>
 * Every folder is readable by anyone and every file read-only for everyone (so an unprivileged script cannot change
 * it), unless {@link #writableByAll()} says otherwise.
 */
final class FakeHost
{
    private final Path root;

    FakeHost(final Path root) throws IOException
    {
        this.root = Files.createDirectories(root);
        Scripts.openToAll(root);
        for (final String dir : List.of("sys", "proc", "dev"))
        {
            directory(dir);
        }
    }

    /**
     * A host that needs everything: 8 CPUs with 2-7 isolated (isolcpus on the kernel command line, nothing else),
     * hyperthread pairs (0,4) (1,5) (2,6) (3,7), two NUMA nodes (0-3, 4-7), powersave on CPUs 2 and 3, turbo on, C1E
     * and C6 enabled, THP always, swappiness 60, irqbalance running, NIC IRQ 40 (eth0) on CPUs 0-7 and 41 on 0-1, the
     * hpet clock source, no cpu_dma_latency held.
     *
     * @param root an empty folder.
     * @return the host.
     * @throws IOException when the tree cannot be written.
     */
    static FakeHost badlyTuned(final Path root) throws IOException
    {
        final FakeHost host = new FakeHost(root)
            .file("proc/cmdline", "BOOT_IMAGE=/vmlinuz root=/dev/sda1 ro isolcpus=2-7 quiet")
            .cpus("0-7")
            .file("sys/devices/system/cpu/isolated", "2-7")
            .file("sys/devices/system/cpu/nohz_full", "(null)")
            .file("sys/devices/system/cpu/intel_pstate/no_turbo", "0")
            .file("sys/devices/system/cpu/cpuidle/current_driver", "intel_idle")
            .file("sys/kernel/mm/transparent_hugepage/enabled", "[always] madvise never")
            .file("sys/kernel/mm/transparent_hugepage/defrag", "[always] defer defer+madvise madvise never")
            .file("proc/sys/vm/swappiness", "60")
            .file("proc/1/comm", "systemd")
            .file("proc/1234/comm", "irqbalance")
            .file("sys/devices/system/node/node0/cpulist", "0-3")
            .file("sys/devices/system/node/node1/cpulist", "4-7")
            .file("sys/devices/system/clocksource/clocksource0/current_clocksource", "hpet")
            .file("sys/devices/system/clocksource/clocksource0/available_clocksource", "tsc hpet acpi_pm")
            .nic("eth0", Map.of(40, "0-7", 41, "0-1"))
            .file("proc/irq/42/smp_affinity_list", "0-7")
            .cpuDmaLatency(2_000_000_000);
        for (int cpu = 0; cpu < 8; cpu++)
        {
            host.governor(cpu, cpu == 2 || cpu == 3 ? "powersave" : "performance")
                .siblings(cpu, cpu % 4 + "," + (cpu % 4 + 4))
                .idleState(cpu, 0, "POLL", 0)
                .idleState(cpu, 1, "C1", 2)
                .idleState(cpu, 2, "C1E", 10)
                .idleState(cpu, 3, "C6", 170);
        }
        return host;
    }

    /**
     * A host with nothing to fix: 8 CPUs, 3-7 isolated with nohz_full and rcu_nocbs, no SMT, one NUMA node,
     * performance everywhere, turbo off, C-states limited to C1, a process holding cpu_dma_latency at 0, THP never,
     * swappiness 1, no irqbalance, NIC IRQs on CPUs 0-2, tsc.
     *
     * @param root an empty folder.
     * @return the host.
     * @throws IOException when the tree cannot be written.
     */
    static FakeHost wellTuned(final Path root) throws IOException
    {
        final FakeHost host = new FakeHost(root)
            .file("proc/cmdline", "BOOT_IMAGE=/vmlinuz root=/dev/sda1 ro isolcpus=managed_irq,domain,3-7 " +
                "nohz_full=3-7 rcu_nocbs=3-7 intel_idle.max_cstate=1 processor.max_cstate=1 quiet")
            .cpus("0-7")
            .file("sys/devices/system/cpu/isolated", "3-7")
            .file("sys/devices/system/cpu/nohz_full", "3-7")
            .file("sys/devices/system/cpu/intel_pstate/no_turbo", "1")
            .file("sys/devices/system/cpu/cpuidle/current_driver", "intel_idle")
            .file("sys/kernel/mm/transparent_hugepage/enabled", "always madvise [never]")
            .file("sys/kernel/mm/transparent_hugepage/defrag", "always defer defer+madvise madvise [never]")
            .file("proc/sys/vm/swappiness", "1")
            .file("proc/1/comm", "systemd")
            .file("sys/devices/system/node/node0/cpulist", "0-7")
            .file("sys/devices/system/clocksource/clocksource0/current_clocksource", "tsc")
            .file("sys/devices/system/clocksource/clocksource0/available_clocksource", "tsc hpet acpi_pm")
            .nic("eth0", Map.of(40, "0-2", 41, "0-2"))
            .cpuDmaLatency(0);
        for (int cpu = 0; cpu < 8; cpu++)
        {
            host.governor(cpu, "performance")
                .siblings(cpu, Integer.toString(cpu))
                .idleState(cpu, 0, "POLL", 0)
                .idleState(cpu, 1, "C1", 1);
        }
        return host;
    }

    /**
     * A host with the given online CPUs and nothing else: no cpufreq, no NUMA, no cpuidle, no NIC.
     *
     * @param root   an empty folder.
     * @param online the online CPUs, e.g. {@code 0-1}.
     * @return the host.
     * @throws IOException when the tree cannot be written.
     */
    static FakeHost bare(final Path root, final String online) throws IOException
    {
        return new FakeHost(root).cpus(online).file("proc/cmdline", "root=/dev/vda1");
    }

    /**
     * @return the environment that points the scripts at this tree.
     */
    Map<String, String> env()
    {
        return Map.of(
            "MATCHPOINT_SYSFS", root.resolve("sys").toString(),
            "MATCHPOINT_PROCFS", root.resolve("proc").toString(),
            "MATCHPOINT_DEVFS", root.resolve("dev").toString());
    }

    Path path(final String relative)
    {
        return root.resolve(relative);
    }

    String read(final String relative) throws IOException
    {
        return Files.readString(root.resolve(relative), StandardCharsets.UTF_8).strip();
    }

    FakeHost cpus(final String online) throws IOException
    {
        return file("sys/devices/system/cpu/online", online).file("sys/devices/system/cpu/possible", online);
    }

    FakeHost governor(final int cpu, final String governor) throws IOException
    {
        final String dir = "sys/devices/system/cpu/cpu" + cpu + "/cpufreq/";
        return file(dir + "scaling_governor", governor)
            .file(dir + "scaling_available_governors", "performance powersave");
    }

    FakeHost siblings(final int cpu, final String siblings) throws IOException
    {
        return file("sys/devices/system/cpu/cpu" + cpu + "/topology/thread_siblings_list", siblings);
    }

    FakeHost idleState(final int cpu, final int state, final String name, final int latencyUs) throws IOException
    {
        final String dir = "sys/devices/system/cpu/cpu" + cpu + "/cpuidle/state" + state + "/";
        return file(dir + "name", name).file(dir + "latency", Integer.toString(latencyUs)).file(dir + "disable", "0");
    }

    /**
     * A physical interface: its device's MSI vectors, a /proc/interrupts line for each and their affinity.
     */
    FakeHost nic(final String name, final Map<Integer, String> affinityByIrq) throws IOException
    {
        directory("sys/class/net/lo");
        final StringBuilder interrupts = new StringBuilder("           CPU0       CPU1\n");
        final List<Integer> irqs = new ArrayList<>(affinityByIrq.keySet());
        irqs.sort(Comparator.naturalOrder());
        int queue = 0;
        for (final int irq : irqs)
        {
            file("sys/class/net/" + name + "/device/msi_irqs/" + irq, "msix");
            file("proc/irq/" + irq + "/smp_affinity_list", affinityByIrq.get(irq));
            interrupts.append(String.format(
                " %3d:       1000          0  PCI-MSIX-0000:3b:00.0 %d-edge      %s-TxRx-%d%n", irq, queue, name, queue));
            queue++;
        }
        interrupts.append(" 42:          5          0  PCI-MSIX-0000:5e:00.0 0-edge      nvme0q0\n");
        return file("proc/interrupts", interrupts.toString());
    }

    FakeHost cpuDmaLatency(final int microseconds) throws IOException
    {
        final byte[] value = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(microseconds).array();
        final Path file = root.resolve("dev/cpu_dma_latency");
        Files.write(file, value);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
        return this;
    }

    FakeHost file(final String relative, final String content) throws IOException
    {
        final Path file = root.resolve(relative);
        directory(root.relativize(file.getParent()).toString());
        Files.writeString(file, content.endsWith("\n") ? content : content + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
        return this;
    }

    FakeHost remove(final String relative) throws IOException
    {
        try (Stream<Path> paths = Files.walk(root.resolve(relative)))
        {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList())
            {
                Files.delete(path);
            }
        }
        return this;
    }

    /**
     * Makes one file unreadable for anyone but root (mode 000).
     */
    FakeHost unreadable(final String relative) throws IOException
    {
        Files.setPosixFilePermissions(root.resolve(relative), PosixFilePermissions.fromString("---------"));
        return this;
    }

    /**
     * Makes every file writable by anyone, so that an unprivileged tune-host can change the fake host.
     */
    FakeHost writableByAll() throws IOException
    {
        try (Stream<Path> paths = Files.walk(root))
        {
            for (final Path path : paths.filter(Files::isRegularFile).toList())
            {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-rw-rw-"));
            }
        }
        return this;
    }

    private void directory(final String relative) throws IOException
    {
        Path dir = root;
        for (final Path part : Path.of(relative))
        {
            dir = dir.resolve(part);
            if (!Files.isDirectory(dir))
            {
                Files.createDirectory(dir);
                Scripts.openToAll(dir);
            }
        }
    }
}
