package io.matchpoint.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PriceTextTest
{
    @ParameterizedTest(name = "{0} at {1} decimals is {2}")
    @CsvSource({
        "101.25, 2, 10125",
        "101.2, 2, 10120",
        "101, 2, 10100",
        "101., 2, 10100",
        ".5, 2, 50",
        "0.01, 2, 1",
        "0, 2, 0",
        "-0, 2, 0",
        "+1.5, 2, 150",
        "-0.05, 2, -5",
        "-101.25, 2, -10125",
        "1.50, 1, 15",
        "1.5000, 1, 15",
        "007, 0, 7",
        "0.0025, 4, 25",
        "12345, 0, 12345",
        "1, 18, 1000000000000000000",
        "92233720368547758.07, 2, 9223372036854775807",
        "-92233720368547758.08, 2, -9223372036854775808",
        "9223372036854775807, 0, 9223372036854775807",
    })
    void shouldParseExactly(final String text, final int decimals, final long units)
    {
        assertEquals(units, PriceText.parse(text, decimals));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = { "", "-", "+", ".", "-.", "1.2.3", "1e5", " 1", "1 ", "1,000", "+-1", "--1", "0x10", "1-",
        "١" })
    void shouldRejectMalformedText(final String text)
    {
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> PriceText.parse(text, 2));

        assertEquals("'" + text + "' is not a decimal number (expected digits with an optional sign and point, " +
            "like 101.25)", ex.getMessage());
    }

    @Test
    void shouldRejectMoreNonZeroDecimalsThanAllowed()
    {
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> PriceText.parse("101.255", 2));

        assertEquals("'101.255' has more than 2 decimals", ex.getMessage());
    }

    @Test
    void shouldRejectAnyDecimalAtZeroDecimals()
    {
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> PriceText.parse("3.1", 0));

        assertEquals("'3.1' has more than 0 decimals", ex.getMessage());
    }

    @Test
    void shouldRejectAValueAboveTheLargestLong()
    {
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> PriceText.parse("92233720368547758.08", 2));

        assertEquals("'92233720368547758.08' is out of range: at 2 decimals the limit is 92233720368547758.07",
            ex.getMessage());
    }

    @Test
    void shouldRejectAValueBelowTheSmallestLong()
    {
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> PriceText.parse("-92233720368547758.09", 2));

        assertEquals("'-92233720368547758.09' is out of range: at 2 decimals the limit is -92233720368547758.08",
            ex.getMessage());
    }

    @Test
    void shouldRejectAWholePartThatOverflowsOnlyOnceScaled()
    {
        assertThrows(IllegalArgumentException.class, () -> PriceText.parse("10", 18));
    }

    @Test
    void shouldRejectDecimalsOutsideTheRange()
    {
        assertThrows(IllegalArgumentException.class, () -> PriceText.parse("1", -1));
        assertThrows(IllegalArgumentException.class, () -> PriceText.parse("1", 19));
        assertThrows(IllegalArgumentException.class, () -> PriceText.format(1, 19));
    }

    @ParameterizedTest(name = "{0} at {1} decimals is {2}")
    @CsvSource({
        "10125, 2, 101.25",
        "1, 2, 0.01",
        "0, 2, 0.00",
        "-5, 2, -0.05",
        "-10125, 2, -101.25",
        "25, 4, 0.0025",
        "12345, 0, 12345",
        "-7, 0, -7",
        "9223372036854775807, 2, 92233720368547758.07",
        "-9223372036854775808, 2, -92233720368547758.08",
        "-9223372036854775808, 18, -9.223372036854775808",
    })
    void shouldFormatWithExactlyTheDecimals(final long units, final int decimals, final String text)
    {
        assertEquals(text, PriceText.format(units, decimals));
    }

    @Test
    void shouldParseWhatItFormats()
    {
        final SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 100_000; i++)
        {
            final long units = random.nextInt(4) == 0 ? random.nextLong() : random.nextLong(-1_000_000, 1_000_000);
            final int decimals = random.nextInt(PriceText.MAX_DECIMALS + 1);

            assertEquals(units, PriceText.parse(PriceText.format(units, decimals), decimals), units + " @" + decimals);
        }
    }
}
