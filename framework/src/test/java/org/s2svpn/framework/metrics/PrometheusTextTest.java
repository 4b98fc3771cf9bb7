package org.s2svpn.framework.metrics;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.s2svpn.framework.metrics.MetricFamily.Sample;
import org.s2svpn.framework.metrics.MetricFamily.Type;

public class PrometheusTextTest {
    private final PrometheusText text = new PrometheusText();

    @Test
    public void helpEscapesBackslashAndLineFeedAndLabelValuesAlsoTheDoubleQuote() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("customergateway", "branch \"Nord\"\\2\nfloor");
        labels.put("id", "c1");
        MetricFamily family = new MetricFamily("x_info", "what \"it\" is: a\\b\nnext line", Type.GAUGE, List.of(new Sample("x_info", labels, 1)));

        assertEquals("""
                # HELP x_info what "it" is: a\\\\b\\nnext line
                # TYPE x_info gauge
                x_info{customergateway="branch \\"Nord\\"\\\\2\\nfloor",id="c1"} 1
                """, text.write(List.of(family)));
    }

    @Test
    public void labelValuesKeepOtherCharactersAsTheyAre() {
        MetricFamily family = new MetricFamily("x", "h", Type.GAUGE, List.of(new Sample("x", Map.of("name", "Zürich {a=b}, 'c' \t#"), 2)));

        assertEquals("# HELP x h\n# TYPE x gauge\nx{name=\"Zürich {a=b}, 'c' \t#\"} 2\n", text.write(List.of(family)));
    }

    @Test
    public void samplesWithoutLabelsHaveNoBraces() {
        MetricFamily family = new MetricFamily("sweeps_total", "Sweeps.", Type.COUNTER, List.of(new Sample("sweeps_total", Map.of(), 7)));

        assertEquals("# HELP sweeps_total Sweeps.\n# TYPE sweeps_total counter\nsweeps_total 7\n", text.write(List.of(family)));
    }

    @Test
    public void wholeNumbersHaveNoFractionAndSpecialValuesAreSpelledAsPrometheusReadsThem() {
        assertEquals("3", PrometheusText.number(3.0));
        assertEquals("0", PrometheusText.number(-0.0));
        assertEquals("9007199254740991", PrometheusText.number(9007199254740991.0));
        assertEquals("0.25", PrometheusText.number(0.25));
        assertEquals("1.0E20", PrometheusText.number(1e20));
        assertEquals("NaN", PrometheusText.number(Double.NaN));
        assertEquals("+Inf", PrometheusText.number(Double.POSITIVE_INFINITY));
        assertEquals("-Inf", PrometheusText.number(Double.NEGATIVE_INFINITY));
    }

    @Test
    public void namesThatTheFormatDoesNotAllowAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new MetricFamily("1x", "h", Type.GAUGE, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new MetricFamily("a-b", "h", Type.GAUGE, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Sample("x", Map.of("a-b", "v"), 1));
        assertThrows(IllegalArgumentException.class, () -> new Sample("x", Map.of("__name__", "v"), 1));
        assertThrows(IllegalArgumentException.class, () -> new MetricFamily("x", "h", Type.GAUGE, List.of(new Sample("y", Map.of(), 1))));
        assertThrows(IllegalArgumentException.class, () -> new MetricFamily("x", "h", Type.COUNTER, List.of(new Sample("x_sum", Map.of(), 1))));
    }
}
