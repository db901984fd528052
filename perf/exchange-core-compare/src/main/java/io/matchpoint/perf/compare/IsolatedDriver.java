package io.matchpoint.perf.compare;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;

/**
 * A {@link WorkloadDriver}, with its engine and its own copy of the workload, loaded by a class loader of its own from
 * this JVM's class path: its classes are its own, so are the JIT's profiles and compiled code. Two engines (or the same
 * engine configured two ways) can then take turns in one JVM without either's profile steering how the other is
 * compiled, as it would if they shared classes: a branch that one never takes and the other always takes would be
 * compiled for both.
 * <p>
 * Called reflectively, once per pass of hundreds of thousands of commands: the cost of the call is nothing beside it.
 */
final class IsolatedDriver implements AutoCloseable
{
    private final String engine;
    private final URLClassLoader loader;
    private final Object driver;
    private final Method prepare;
    private final Method runMeasured;
    private final Method failures;
    /** Each pass's result, kept observable. */
    private volatile long lastSink;

    IsolatedDriver(final URL[] classPath, final String engine, final int maxOrders)
    {
        this.engine = engine;
        // the platform loader as parent: the JDK is shared, everything in the jar is loaded again
        loader = new URLClassLoader("isolated-" + engine, classPath, ClassLoader.getPlatformClassLoader());
        try
        {
            final Class<?> benchmark = loader.loadClass(MixedWorkloadBenchmark.class.getName());
            final Class<?> workloadClass = loader.loadClass(MixedWorkload.class.getName());
            final Class<?> driverInterface = loader.loadClass(WorkloadDriver.class.getName());
            final Object workload = benchmark.getMethod("workload").invoke(null);
            driver = benchmark.getMethod("driver", String.class, workloadClass, int.class)
                .invoke(null, engine, workload, maxOrders);
            prepare = driverInterface.getMethod("prepare");
            runMeasured = driverInterface.getMethod("runMeasured");
            failures = driverInterface.getMethod("failures");
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new IllegalStateException("cannot load the " + engine + " driver", ex);
        }
    }

    /**
     * @return the class of the driver, as this driver's own loader loaded it.
     */
    Class<?> driverClass()
    {
        return driver.getClass();
    }

    /**
     * One untimed reset and one timed pass of {@link MixedWorkloadBenchmark#MEASURED_COMMANDS} commands.
     *
     * @return the timed pass's nanoseconds
     */
    long timedPass()
    {
        call(prepare);
        final long start = System.nanoTime();
        lastSink = (long)call(runMeasured);
        return System.nanoTime() - start;
    }

    /**
     * @return the commands per second of {@link #timedPass()}
     */
    double pass()
    {
        return MixedWorkloadBenchmark.MEASURED_COMMANDS * 1e9 / timedPass();
    }

    long failures()
    {
        return (long)call(failures);
    }

    /**
     * @throws IllegalStateException when the engine refused any command of the workload: its passes mean nothing
     */
    void checkNoFailures()
    {
        final long failed = failures();
        if (failed != 0)
        {
            throw new IllegalStateException(engine + " refused " + failed + " commands of the workload");
        }
    }

    private Object call(final Method method)
    {
        try
        {
            return method.invoke(driver);
        }
        catch (final InvocationTargetException ex)
        {
            throw new IllegalStateException(engine + " failed", ex.getCause());
        }
        catch (final IllegalAccessException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    @Override
    public void close() throws IOException
    {
        loader.close();
    }
}
