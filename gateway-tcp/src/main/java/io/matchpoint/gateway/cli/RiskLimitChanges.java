package io.matchpoint.gateway.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What {@code matchpoint admin limits} changes: for each of the six limits (in the order the wire carries them), the
 * new value, -1 for none, or null to keep it; or {@code clear} to drop the account's own limits.
 *
 * @param values six entries, null where the limit stays as it is.
 * @param clear  whether the account drops its own limits and follows the defaults.
 */
public record RiskLimitChanges(List<Long> values, boolean clear)
{
    /** Nothing changes: only the report. */
    public static final RiskLimitChanges NONE = new RiskLimitChanges(Collections.nCopies(6, null), false);

    public RiskLimitChanges
    {
        values = Collections.unmodifiableList(new ArrayList<>(values));
    }

    public boolean changesAnything()
    {
        return clear || values.stream().anyMatch(value -> value != null);
    }

    /**
     * @param current the six limits in force.
     * @return them with the changes applied.
     */
    public long[] applyTo(final long[] current)
    {
        final long[] changed = current.clone();
        for (int i = 0; i < changed.length; i++)
        {
            if (values.get(i) != null)
            {
                changed[i] = values.get(i);
            }
        }
        return changed;
    }
}
