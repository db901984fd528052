package io.matchpoint.engine.match;

/**
 * The seeded random command streams of the differential tests, for tests outside this package (the service's): each
 * {@link #next()} is drawn against a {@link ReferenceEngine} that the stream keeps in step itself, so the caller only
 * has to apply the command to what it tests.
 */
public final class RandomCommandStream
{
    private final RandomCommands.Mix mix;
    private final ReferenceEngine model;
    private final RandomCommands generator;

    /**
     * @param mix one of {@link #mixes()}.
     */
    public RandomCommandStream(final long seed, final String mix)
    {
        this.mix = RandomCommands.Mix.valueOf(mix);
        model = new ReferenceEngine(this.mix.config(), new NoOpListener());
        generator = new RandomCommands(seed, this.mix, model);
    }

    /**
     * @return the names of the mixes, as the differential tests know them.
     */
    public static String[] mixes()
    {
        final RandomCommands.Mix[] mixes = RandomCommands.Mix.values();
        final String[] names = new String[mixes.length];
        for (int i = 0; i < mixes.length; i++)
        {
            names[i] = mixes[i].name();
        }
        return names;
    }

    /**
     * @return the engine configuration the mix is drawn for (a fresh copy).
     */
    public EngineConfig config()
    {
        return mix.config();
    }

    /**
     * @return the next command, already applied to the stream's reference model.
     */
    public Command next()
    {
        final Command command = generator.next();
        command.applyTo(model);
        return command;
    }
}
