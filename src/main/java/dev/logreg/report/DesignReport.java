package dev.logreg.report;

import dev.logreg.design.Design;
import dev.logreg.design.DesignInput;
import dev.logreg.design.DesignTerm;
import dev.logreg.design.FactorLevels;
import dev.logreg.model.Model;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The report's design card for a model trained on a table with an R formula: the formula, the
 * raw columns it read, its terms with their model-matrix columns (R's names), each factor's levels
 * and reference, the offset and the rows the missing-value action omitted. A model trained on a
 * numeric matrix has none ({@link #of} gives null and the page leaves the card out).
 *
 * @param facts the formula, response, weights, offset, inputs and missing-value action, printed
 * @param terms one row per term of the formula, in R's order
 * @param factors one row per factor, in the model's order
 */
record DesignReport(List<ModelReport.Entry> facts, List<TermRow> terms, List<FactorRow> factors) {

    /** A term ({@code class:sex}) and its columns, joined by commas. */
    record TermRow(String label, String columns, int count) {}

    /** A factor: its levels in the model's order (the first is the reference) and how many. */
    record FactorRow(String variable, String reference, String levels, int count) {}

    static DesignReport of(Model model) {
        Design design = model.design();
        if (design == null) {
            return null;
        }
        List<ModelReport.Entry> facts = new ArrayList<>();
        facts.add(new ModelReport.Entry("Formula", design.formula()));
        facts.add(new ModelReport.Entry(
                "Response",
                design.response(),
                "The label: a 0/1 or proportion column, a logical, a two-level"
                        + " factor (its second level is 1) or cbind(successes, failures)"));
        facts.add(new ModelReport.Entry("Intercept", design.hasIntercept() ? "yes" : "no (the formula removes it)"));
        facts.add(new ModelReport.Entry("Weights", design.weights() == null ? "none" : design.weights()));
        facts.add(new ModelReport.Entry(
                "Offset",
                design.offset() == null ? "none" : design.offset(),
                "Added to the linear predictor with coefficient 1"));
        facts.add(new ModelReport.Entry(
                "Inputs",
                inputs(design.inputs()),
                "The raw columns the formula reads and their types; predictions take all but the response"));
        facts.add(new ModelReport.Entry(
                "Missing values",
                design.naAction() + ": " + design.rowsOmitted()
                        + (design.rowsOmitted() == 1 ? " row omitted" : " rows omitted"),
                "omit drops a row missing a value the formula or weights use (R's na.omit); fail refuses it"));
        List<TermRow> terms = new ArrayList<>(design.terms().size());
        for (DesignTerm term : design.terms()) {
            terms.add(new TermRow(
                    term.label(),
                    String.join(", ", term.columns()),
                    term.columns().size()));
        }
        List<FactorRow> factors = new ArrayList<>(design.factors().size());
        for (Map.Entry<String, FactorLevels> factor : design.factors().entrySet()) {
            List<String> levels = factor.getValue().levels();
            factors.add(new FactorRow(
                    factor.getKey(), factor.getValue().reference(), String.join(", ", levels), levels.size()));
        }
        return new DesignReport(facts, terms, factors);
    }

    /** {@code class (text), age (number)}. */
    private static String inputs(List<DesignInput> inputs) {
        List<String> printed = new ArrayList<>(inputs.size());
        for (DesignInput input : inputs) {
            printed.add(input.name() + " (" + input.type() + ")");
        }
        return String.join(", ", printed);
    }
}
