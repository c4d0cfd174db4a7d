package dev.logreg.design;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * The formula grammar against R's {@code terms} and {@code model.matrix} on a small table with two
 * factors, numbers, a logical and a backquoted name ({@code grammar-r.json}, made by
 * {@code scripts/reference/make-formula-reference.R}): term labels, intercept and column names
 * exactly, values to 1e-12.
 */
class GrammarReferenceTest {

    record Formula(String formula, JsonNode expected) {
        @Override
        public String toString() {
            return formula;
        }
    }

    private static final JsonNode ROOT = read();
    private static final Table TABLE = DesignFixtures.table(ROOT.get("data"));

    private static JsonNode read() {
        try {
            return DesignFixtures.read(Files.readString(DesignFixtures.DIRECTORY.resolve("grammar-r.json")));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Formula> formulas() {
        List<Formula> formulas = new ArrayList<>();
        for (JsonNode formula : ROOT.get("formulas")) {
            formulas.add(new Formula(formula.get("formula").asString(), formula));
        }
        return formulas;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formulas")
    void termsAndColumnsAsR(Formula formula) {
        JsonNode expected = formula.expected();
        CodedTable coded = DesignBuilder.build(TABLE, new DesignRequest(formula.formula()), DesignLimits.DEFAULTS);
        Design design = coded.design();
        assertThat(design.terms().stream().map(DesignTerm::label).toList())
                .isEqualTo(DesignFixtures.strings(expected.get("terms")));
        assertThat(design.hasIntercept()).isEqualTo(expected.get("intercept").asBoolean());
        assertThat(design.columns()).isEqualTo(DesignFixtures.strings(expected.get("columns")));
        JsonNode matrix = expected.get("matrix");
        int p = coded.numColumns();
        assertThat(coded.numRows()).isEqualTo(matrix.size());
        for (int i = 0; i < coded.numRows(); i++) {
            for (int j = 0; j < p; j++) {
                double r = matrix.get(i).get(j).asDouble();
                assertThat(Math.abs(coded.x()[i * p + j] - r))
                        .as("x[%d][%d] = %s against R's %s", i, j, coded.x()[i * p + j], r)
                        .isLessThanOrEqualTo(1e-12 * Math.max(1, Math.abs(r)));
            }
        }
        CodedRows again = design.coder().code(TABLE);
        assertThat(again.x()).startsWith(java.util.Arrays.copyOf(coded.x(), coded.numRows() * p));
    }
}
