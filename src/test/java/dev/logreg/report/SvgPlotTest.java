package dev.logreg.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class SvgPlotTest {

    static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aPlotIsWellFormedScalableSvgWithTitleAxesTicksAndEscapedText() throws Exception {
        SvgPlot plot = new SvgPlot(
                400, 300, "Loss <script>&", SvgPlot.Axis.linear("x \"axis\"", 0, 10), SvgPlot.Axis.log("y", 1e-6, 1));
        plot.line(new double[] {0, 5, 10}, new double[] {1, 1e-3, 1e-6}, "series")
                .point(5, 1e-3, 3, "marker", "five <b>")
                .note(SvgPlot.Corner.TOP_RIGHT, "min = 1e-6");
        Document svg = parse(plot.render("loss", "A & B"));

        Element root = svg.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("svg");
        assertThat(root.getAttribute("viewBox")).isEqualTo("0 0 400 300");
        assertThat(root.hasAttribute("width")).as("scales with its container").isFalse();
        assertThat(svg.getElementsByTagName("title").item(0).getTextContent()).isEqualTo("Loss <script>&");
        assertThat(svg.getElementsByTagName("desc").item(0).getTextContent()).isEqualTo("A & B");
        assertThat(textsOfClass(svg, "axis-label")).contains("x \"axis\"", "y");
        assertThat(textsOfClass(svg, "tick-label")).contains("0", "2", "10", "10-6", "100");
        assertThat(svg.getElementsByTagName("polyline").getLength()).isEqualTo(1);
        assertThat(textsOfClass(svg, "note")).containsExactly("min = 1e-6");
    }

    @Test
    void dataMapToThePlottingAreaAndBadPointsBreakTheLine() throws Exception {
        SvgPlot plot = new SvgPlot(400, 300, "t", SvgPlot.Axis.linear("x", 0, 10), SvgPlot.Axis.log("y", 0.01, 100));
        assertThat(plot.px(0)).isEqualTo(72.0);
        assertThat(plot.px(10)).isEqualTo(400 - 18.0);
        assertThat(plot.py(100)).isEqualTo(40.0);
        assertThat(plot.py(0.01)).isEqualTo(300 - 54.0);
        assertThat(plot.py(1)).isCloseTo((40.0 + 246.0) / 2, within(1e-9));

        plot.line(new double[] {0, 1, 2, 3, 4, 5}, new double[] {1, 2, 0, 3, Double.NaN, 4}, "series");
        Document svg = parse(plot.render("t", "t"));
        NodeList lines = svg.getElementsByTagName("polyline");
        assertThat(lines.getLength())
                .as("broken at the 0 (log axis) and at NaN")
                .isEqualTo(3);
    }

    @Test
    void axesRejectEmptyRangesAndLogAxesNonPositiveMinima() {
        assertThatThrownBy(() -> SvgPlot.Axis.linear("x", 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SvgPlot.Axis.log("x", 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SvgPlot.Axis.linear("x", 0, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    private static java.util.List<String> textsOfClass(Document svg, String cssClass) {
        java.util.List<String> texts = new java.util.ArrayList<>();
        NodeList nodes = svg.getElementsByTagName("text");
        for (int k = 0; k < nodes.getLength(); k++) {
            Element text = (Element) nodes.item(k);
            if (text.getAttribute("class").equals(cssClass)) {
                texts.add(text.getTextContent());
            }
        }
        return texts;
    }
}
