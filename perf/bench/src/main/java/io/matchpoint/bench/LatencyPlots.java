package io.matchpoint.bench;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The run's pictures, drawn with XChart (headless, PNG): the percentile distribution on a log scale, in the usual
 * HdrHistogram form (x is 1 / (1 - percentile), so 90%, 99%, 99.9% are evenly spaced), one line per series; and the
 * latency over time, p50, p99 and max of each second. Both stacked in one PNG.
 */
final class LatencyPlots
{
    private static final int WIDTH = 1000;
    private static final int HEIGHT = 480;

    private LatencyPlots()
    {
    }

    /**
     * A named distribution for the percentile chart.
     */
    record Series(String name, Histogram histogram)
    {
    }

    /**
     * @param title     the chart's title (what ran, where).
     * @param series    distributions to draw together (ack, fill, ping-pong; or one per rate).
     * @param overTime  the per-second histograms of the run, null to leave that chart out.
     */
    static void write(final Path png, final String title, final List<Series> series, final LatencyRecorder overTime)
        throws IOException
    {
        final List<BufferedImage> images = new ArrayList<>();
        images.add(BitmapEncoder.getBufferedImage(percentiles(title, series)));
        if (overTime != null)
        {
            images.add(BitmapEncoder.getBufferedImage(overTime(overTime)));
        }
        final BufferedImage combined = new BufferedImage(WIDTH, HEIGHT * images.size(), BufferedImage.TYPE_INT_RGB);
        final Graphics2D graphics = combined.createGraphics();
        graphics.setColor(Color.WHITE);
        graphics.fillRect(0, 0, combined.getWidth(), combined.getHeight());
        for (int i = 0; i < images.size(); i++)
        {
            graphics.drawImage(images.get(i), 0, i * HEIGHT, null);
        }
        graphics.dispose();
        ImageIO.write(combined, "png", png.toFile());
    }

    private static XYChart percentiles(final String title, final List<Series> series)
    {
        final XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
            .xAxisTitle("percentile").yAxisTitle("latency (µs)").build();
        chart.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true)
            .setXAxisTickLabelsFormattingFunction(LatencyPlots::percentileLabel).setYAxisDecimalPattern("#,##0.#");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW).setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setMarkerSize(0);
        for (final Series one : series)
        {
            if (one.histogram().getTotalCount() == 0)
            {
                continue;
            }
            final List<Double> x = new ArrayList<>();
            final List<Double> y = new ArrayList<>();
            for (final HistogramIterationValue value : one.histogram().percentiles(5))
            {
                final double percentile = value.getPercentileLevelIteratedTo();
                if (percentile >= 100.0)
                {
                    break;
                }
                x.add(1.0 / (1.0 - percentile / 100.0));
                y.add(Math.max(0.001, value.getValueIteratedTo() / 1000.0));
            }
            if (!x.isEmpty())
            {
                final XYSeries drawn = chart.addSeries(one.name(), x, y);
                drawn.setMarker(SeriesMarkers.NONE);
            }
        }
        return chart;
    }

    private static String percentileLabel(final Double x)
    {
        final double percentile = 100.0 * (1.0 - 1.0 / x);
        if (percentile < 1e-9)
        {
            return "0%";
        }
        final String text = String.format("%.4f", percentile).replaceAll("0+$", "").replaceAll("\\.$", "");
        return text + "%";
    }

    private static XYChart overTime(final LatencyRecorder recorder)
    {
        final XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("acknowledgement latency over time")
            .xAxisTitle("second of the measured run").yAxisTitle("latency (µs)").build();
        chart.getStyler().setYAxisLogarithmic(true).setYAxisDecimalPattern("#,##0.#");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW).setChartBackgroundColor(Color.WHITE);
        final List<Double> seconds = new ArrayList<>();
        final List<Double> p50 = new ArrayList<>();
        final List<Double> p99 = new ArrayList<>();
        final List<Double> max = new ArrayList<>();
        for (int s = 0; s < recorder.seconds(); s++)
        {
            final Histogram second = recorder.second(s);
            if (second.getTotalCount() == 0)
            {
                continue;
            }
            seconds.add((double)s);
            p50.add(Math.max(0.001, second.getValueAtPercentile(50) / 1000.0));
            p99.add(Math.max(0.001, second.getValueAtPercentile(99) / 1000.0));
            max.add(Math.max(0.001, second.getMaxValue() / 1000.0));
        }
        if (!seconds.isEmpty())
        {
            chart.addSeries("p50", seconds, p50);
            chart.addSeries("p99", seconds, p99);
            chart.addSeries("max", seconds, max);
        }
        return chart;
    }
}
