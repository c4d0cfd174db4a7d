package dev.logreg.design;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Coding rules beyond R's fixtures, and every bad input the issue names: a clear field and message. */
class DesignBuilderTest {

    /** y, class (text), age (numbers with a missing cell), adult (logical), month (numbers), n (weights). */
    private static Table titanicLike() {
        TableBuilder table = new TableBuilder();
        double[] y = {1, 0, 0, 1, 1, 0, 1, 0};
        String[] classes = {"1st", "3rd", "crew", "2nd", "1st", "crew", "3rd", "2nd"};
        double[] age = {29, Double.NaN, 40, 12, 50, 33, 8, 61};
        boolean[] adult = {true, true, true, false, true, true, false, true};
        double[] month = {5, 10, 5, 6, 10, 6, 5, 10};
        double[] n = {1, 1, 2, 1, 3, 1, 1, 2};
        for (int i = 0; i < y.length; i++) {
            table.column("y").addNumber(y[i]);
            table.column("class").addString(classes[i]);
            table.column("age").addNumber(age[i]);
            table.column("adult").addLogical(adult[i]);
            table.column("month").addNumber(month[i]);
            table.column("n").addNumber(n[i]);
        }
        return table.build(y.length);
    }

    private static CodedTable build(String formula) {
        return DesignBuilder.build(titanicLike(), new DesignRequest(formula), DesignLimits.DEFAULTS);
    }

    private static DesignException failure(Table table, DesignRequest request, DesignLimits limits) {
        try {
            DesignBuilder.build(table, request, limits);
        } catch (DesignException e) {
            return e;
        }
        throw new AssertionError("expected a DesignException for " + request.formula());
    }

    private static DesignException failure(String formula) {
        return failure(titanicLike(), new DesignRequest(formula), DesignLimits.DEFAULTS);
    }

    @Test
    void codesFactorsLogicalsAndNumbersWithRsNames() {
        CodedTable coded = build("y ~ class + adult + age");
        assertThat(coded.design().columns())
                .containsExactly("(Intercept)", "class2nd", "class3rd", "classcrew", "adultTRUE", "age");
        assertThat(coded.design().factors()).containsOnlyKeys("class");
        assertThat(coded.design().factors().get("class").reference()).isEqualTo("1st");
        assertThat(coded.design().rowsOmitted()).isEqualTo(1);
        assertThat(coded.tableRows()).containsExactly(0, 2, 3, 4, 5, 6, 7);
        assertThat(coded.numRows()).isEqualTo(7);
        // row 2 of the table (crew, adult, 40) is coded row 1
        assertThat(java.util.Arrays.copyOfRange(coded.x(), 6, 12)).containsExactly(1, 0, 0, 1, 1, 40);
        assertThat(coded.design().inputs())
                .containsExactly(
                        new DesignInput("y", "number"),
                        new DesignInput("class", "text"),
                        new DesignInput("age", "number"),
                        new DesignInput("adult", "logical"));
        assertThat(coded.design().dummyColumnIndices()).containsOnlyKeys("class", "adult");
        assertThat(coded.design().dummyColumnIndices().get("class")).containsExactly(1, 2, 3);
    }

    @Test
    void numericFactorLevelsSortNumerically() {
        CodedTable coded = build("y ~ factor(month)");
        assertThat(coded.design().columns()).containsExactly("(Intercept)", "factor(month)6", "factor(month)10");
        assertThat(coded.design().factors().get("factor(month)").levels()).containsExactly("5", "6", "10");
    }

    @Test
    void factorsNameANumericColumnAndFixTheOrder() {
        DesignRequest request = new DesignRequest(
                "y ~ month + class",
                "n",
                Map.of(
                        "month", new FactorSpec(List.of("10", "6", "5"), null),
                        "class", new FactorSpec(null, "crew")),
                NaAction.OMIT);
        CodedTable coded = DesignBuilder.build(titanicLike(), request, DesignLimits.DEFAULTS);
        assertThat(coded.design().columns())
                .containsExactly("(Intercept)", "month6", "month5", "class1st", "class2nd", "class3rd");
        assertThat(coded.weights()).containsExactly(1, 1, 2, 1, 3, 1, 1, 2);
        assertThat(coded.design().weights()).isEqualTo("n");
    }

    @Test
    void dotLeavesOutTheResponseAndTheWeights() {
        DesignRequest request = new DesignRequest("y ~ .", "n", null, null);
        CodedTable coded = DesignBuilder.build(titanicLike(), request, DesignLimits.DEFAULTS);
        assertThat(coded.design().terms().stream().map(DesignTerm::label))
                .containsExactly("class", "age", "adult", "month");
    }

    @Test
    void unusedLevelsAfterOmittingRowsAreDropped() {
        TableBuilder table = new TableBuilder();
        String[] group = {"a", "b", "c", "a", "b", "c"};
        double[] x = {1, 2, Double.NaN, 4, 5, Double.NaN};
        for (int i = 0; i < group.length; i++) {
            table.column("y").addNumber(i % 2);
            table.column("g").addString(group[i]);
            table.column("x").addNumber(x[i]);
        }
        CodedTable coded = DesignBuilder.build(table.build(6), new DesignRequest("y ~ g + x"), DesignLimits.DEFAULTS);
        assertThat(coded.design().columns()).containsExactly("(Intercept)", "gb", "x");
        assertThat(coded.design().factors().get("g").levels()).containsExactly("a", "b");
    }

    @Test
    void responsesAsRReadsThem() {
        TableBuilder table = new TableBuilder();
        String[] sex = {"male", "female", "male", "female"};
        boolean[] flag = {true, false, false, true};
        for (int i = 0; i < 4; i++) {
            table.column("sex").addString(sex[i]);
            table.column("flag").addLogical(flag[i]);
            table.column("s").addNumber(i);
            table.column("f").addNumber(3 - i);
            table.column("x").addNumber(i * i);
        }
        Table t = table.build(4);
        assertThat(DesignBuilder.build(t, new DesignRequest("sex ~ x"), DesignLimits.DEFAULTS)
                        .labels())
                .containsExactly(1, 0, 1, 0);
        assertThat(DesignBuilder.build(t, new DesignRequest("flag ~ x"), DesignLimits.DEFAULTS)
                        .labels())
                .containsExactly(1, 0, 0, 1);
        CodedTable grouped = DesignBuilder.build(t, new DesignRequest("cbind(s, f) ~ x"), DesignLimits.DEFAULTS);
        assertThat(grouped.labels()).containsExactly(0, 1.0 / 3, 2.0 / 3, 1);
        assertThat(grouped.weights()).containsExactly(3, 3, 3, 3);
        assertThat(grouped.design().response()).isEqualTo("cbind(s, f)");
    }

    @Test
    void unknownColumnPointsAtItsPosition() {
        DesignException e = failure("y ~ class + agee");
        assertThat(e.field()).isEqualTo("formula");
        assertThat(e.getMessage()).startsWith("at position 12: unknown column agee");
    }

    @Test
    void malformedFormulasPointAtThePosition() {
        assertThat(failure("y ~ class +").getMessage())
                .isEqualTo("at position 11: expected a variable, a number or '(' but the formula ends");
        assertThat(failure("y ~ (class + age").getMessage())
                .startsWith("at position 16: expected ')' to close the '(' at position 4");
        assertThat(failure("y class").getMessage()).startsWith("at position 2: expected '~'");
        assertThat(failure("y ~ age ~ class").getMessage()).startsWith("at position 8: unexpected a second '~'");
        assertThat(failure("y ~ age + 2").getMessage()).startsWith("at position 10: a number in a formula is 0 or 1");
        assertThat(failure("y ~ poly(age)").getMessage()).startsWith("at position 4: unknown function poly()");
        assertThat(failure("y ~ (class + age)^age").getMessage()).startsWith("at position 18: the power of a term");
        assertThat(failure("y ~ log(age:class)").getMessage()).startsWith("at position 11: ':' is not arithmetic");
        assertThat(failure("y ~ class $ age").getMessage()).startsWith("at position 10: unexpected '$'");
        assertThat(failure("").getMessage()).startsWith("at position 0: the formula is empty");
        assertThat(failure("y ~ 0").getMessage()).contains("no columns");
        assertThat(failure("y ~ y + age").getMessage()).contains("the response y is also a term");
    }

    @Test
    void aResponseOutsideZeroOneNamesTheCell() {
        DesignException e = failure("month ~ age");
        assertThat(e.field()).isEqualTo("data.month[0]");
        assertThat(e.getMessage()).contains("is 5 here; it must be in [0, 1]");
    }

    @Test
    void aFactorWithOneLevelIsRefused() {
        TableBuilder table = new TableBuilder();
        for (int i = 0; i < 3; i++) {
            table.column("y").addNumber(i % 2);
            table.column("g").addString("only");
        }
        DesignException e = failure(table.build(3), new DesignRequest("y ~ g"), DesignLimits.DEFAULTS);
        assertThat(e.field()).isEqualTo("data.g");
        assertThat(e.getMessage()).contains("has one level (only)");
    }

    @Test
    void moreLevelsThanTheLimitAreRefused() {
        DesignException e = failure(titanicLike(), new DesignRequest("y ~ class"), new DesignLimits(3, 10_000, 1001));
        assertThat(e.field()).isEqualTo("data.class");
        assertThat(e.getMessage()).contains("4 distinct values, more than the limit of 3 levels");
    }

    @Test
    void limitsOnTheFormulaAndTheColumns() {
        assertThat(failure(titanicLike(), new DesignRequest("y ~ class + age"), new DesignLimits(1000, 10, 1001))
                        .getMessage())
                .contains("more than the limit of 10");
        assertThat(failure(titanicLike(), new DesignRequest("y ~ class * age"), new DesignLimits(1000, 100, 5))
                        .getMessage())
                .contains("more than 5 columns (term class:age)");
    }

    @Test
    void textWhereTheFormulaNeedsANumberIsRefused() {
        DesignException e = failure("y ~ log(class)");
        assertThat(e.field()).isEqualTo("data.class[0]");
        assertThat(e.getMessage()).isEqualTo("class holds text ('1st') but the formula uses it as a number");
    }

    @Test
    void naActionFailNamesTheFirstMissingCell() {
        DesignException e = failure(
                titanicLike(),
                new DesignRequest("y ~ log(age) + class", null, null, NaAction.FAIL),
                DesignLimits.DEFAULTS);
        assertThat(e.field()).isEqualTo("data.age[1]");
        assertThat(e.getMessage()).contains("missing (NA) here, and naAction is fail");
    }

    @Test
    void factorsThatDoNotFitTheColumnAreRefused() {
        DesignException notListed = failure(
                titanicLike(),
                new DesignRequest(
                        "y ~ class", null, Map.of("class", new FactorSpec(List.of("1st", "2nd"), null)), null),
                DesignLimits.DEFAULTS);
        assertThat(notListed.field()).isEqualTo("factors.class.levels");
        assertThat(notListed.getMessage()).contains("'3rd' (row 1)");
        DesignException reference = failure(
                titanicLike(),
                new DesignRequest("y ~ class", null, Map.of("class", new FactorSpec(null, "4th")), null),
                DesignLimits.DEFAULTS);
        assertThat(reference.field()).isEqualTo("factors.class.reference");
        DesignException unknown = failure(
                titanicLike(),
                new DesignRequest("y ~ class", null, Map.of("klass", new FactorSpec(null, "4th")), null),
                DesignLimits.DEFAULTS);
        assertThat(unknown.field()).isEqualTo("factors.klass");
    }

    @Test
    void badWeightsAndCountsAreRefused() {
        TableBuilder table = new TableBuilder();
        for (int i = 0; i < 3; i++) {
            table.column("y").addNumber(i % 2);
            table.column("x").addNumber(i);
            table.column("w").addNumber(i - 1);
            table.column("s").addNumber(1 - i);
        }
        Table t = table.build(3);
        assertThat(failure(t, new DesignRequest("y ~ x", "w", null, null), DesignLimits.DEFAULTS)
                        .field())
                .isEqualTo("data.w[0]");
        assertThat(failure(t, new DesignRequest("y ~ x", "v", null, null), DesignLimits.DEFAULTS)
                        .field())
                .isEqualTo("weights");
        assertThat(failure(t, new DesignRequest("cbind(s, x) ~ x"), DesignLimits.DEFAULTS)
                        .field())
                .isEqualTo("data.s[2]");
    }

    @Test
    void predictionCodesRawRecordsAsTrainingDid() {
        Design design = build("y ~ class * age + adult + factor(month)").design();
        TableBuilder records = new TableBuilder();
        // as query parameters give them: text
        String[][] rows = {{"2nd", "30", "TRUE", "10"}, {"crew", "", "false", "5"}, {"1st", "20", "true", "6"}};
        for (String[] row : rows) {
            records.column("class").addCell(row[0]);
            records.column("age").addCell(row[1]);
            records.column("adult").addString(row[2]);
            records.column("month").addString(row[3]);
        }
        CodedRows coded = design.coder().code(records.build(3));
        assertThat(coded.missing()).containsExactly(false, true, false);
        int p = coded.numColumns();
        assertThat(design.columns())
                .containsExactly(
                        "(Intercept)",
                        "class2nd",
                        "class3rd",
                        "classcrew",
                        "age",
                        "adultTRUE",
                        "factor(month)6",
                        "factor(month)10",
                        "class2nd:age",
                        "class3rd:age",
                        "classcrew:age");
        assertThat(java.util.Arrays.copyOfRange(coded.x(), 0, p)).containsExactly(1, 1, 0, 0, 30, 1, 0, 1, 30, 0, 0);
        assertThat(java.util.Arrays.copyOfRange(coded.x(), 2 * p, 3 * p))
                .containsExactly(1, 0, 0, 0, 20, 1, 1, 0, 0, 0, 0);
    }

    @Test
    void anUnseenLevelNamesColumnRowAndLevel() {
        Design design = build("y ~ class + age").design();
        TableBuilder records = new TableBuilder();
        for (String level : List.of("1st", "2nd", "4th")) {
            records.column("class").addString(level);
            records.column("age").addNumber(30);
        }
        assertThatThrownBy(() -> design.coder().code(records.build(3)))
                .isInstanceOfSatisfying(DesignException.class, e -> {
                    assertThat(e.field()).isEqualTo("data.class[2]");
                    assertThat(e.column()).isEqualTo("class");
                    assertThat(e.row()).isEqualTo(2);
                })
                .hasMessage("level '4th' of class was not in the training data; its levels are 1st, 2nd, 3rd, crew");
    }

    @Test
    void predictionRefusesAbsentColumnsAndCellsOfTheWrongType() {
        Design design = build("y ~ class + age").design();
        TableBuilder noAge = new TableBuilder();
        noAge.column("class").addString("1st");
        assertThatThrownBy(() -> design.coder().code(noAge.build(1)))
                .isInstanceOfSatisfying(
                        DesignException.class, e -> assertThat(e.field()).isEqualTo("data.age"));
        TableBuilder textAge = new TableBuilder();
        textAge.column("class").addString("1st");
        textAge.column("age").addString("old");
        assertThatThrownBy(() -> design.coder().code(textAge.build(1)))
                .isInstanceOfSatisfying(
                        DesignException.class, e -> assertThat(e.field()).isEqualTo("data.age[0]"))
                .hasMessage("expected a number, got 'old'");
        assertThat(design.coder().requiredInputs())
                .extracting(DesignInput::name)
                .containsExactly("class", "age");
    }

    @Test
    void cellsAreTypedAsReadCsvTypesThem() {
        TableBuilder table = new TableBuilder();
        for (String cell : List.of("1", "2.50", "NA", "")) {
            table.column("numbers").addCell(cell);
        }
        for (String cell : List.of("TRUE", "false", "", "True")) {
            table.column("logicals").addCell(cell);
        }
        for (String cell : List.of("100000", "1.50", "x", "NA")) {
            table.column("texts").addCell(cell);
        }
        Table built = table.build(4);
        assertThat(built.column("numbers")).isInstanceOf(Column.Numbers.class);
        assertThat(((Column.Numbers) built.column("numbers")).values()).containsExactly(1, 2.5, Double.NaN, Double.NaN);
        assertThat(((Column.Logicals) built.column("logicals")).values()).containsExactly(1, 0, -1, 1);
        Column.Texts texts = (Column.Texts) built.column("texts");
        assertThat(texts.dictionary()).containsExactly("1e+05", "1.5", "x");
        assertThat(texts.isMissing(3)).isTrue();
    }

    @Test
    void numbersAreWrittenAsRWritesThem() {
        assertThat(RNumbers.format(100000)).isEqualTo("1e+05");
        assertThat(RNumbers.format(123456)).isEqualTo("123456");
        assertThat(RNumbers.format(1e-5)).isEqualTo("1e-05");
        assertThat(RNumbers.format(0.0001)).isEqualTo("1e-04");
        assertThat(RNumbers.format(1.0 / 3)).isEqualTo("0.333333333333333");
        assertThat(RNumbers.format(1e15)).isEqualTo("1e+15");
        assertThat(RNumbers.format(123456789012.0)).isEqualTo("123456789012");
        assertThat(RNumbers.format(0.1 + 0.2)).isEqualTo("0.3");
        assertThat(RNumbers.format(100000.1)).isEqualTo("100000.1");
        assertThat(RNumbers.format(-2.5)).isEqualTo("-2.5");
        assertThat(RNumbers.format(1e300)).isEqualTo("1e+300");
        assertThat(RNumbers.format(0)).isEqualTo("0");
    }
}
