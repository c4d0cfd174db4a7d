package dev.logreg.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logreg.math.Dataset;
import dev.logreg.problem.FieldError;
import dev.logreg.problem.InvalidRequestException;
import dev.logreg.problem.MalformedBodyException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvTrainingReaderTest {

    private static final DatasetLimits LIMITS = new DatasetLimits(1000, 5, 10_000);
    private static final String PLAIN = "hp,wt,am\n110,2.62,1\n93,2.32,1\n175,3.44,0\n62,3.19,0\n";

    private static Dataset read(String csv) {
        return read(csv, "am", null);
    }

    private static Dataset read(String csv, String label, String weight) {
        return CsvTrainingReader.read(
                        new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
                        LIMITS,
                        "test",
                        label,
                        weight,
                        Map.of())
                .dataset();
    }

    private static List<FieldError> errors(String csv, String label, String weight) {
        try {
            read(csv, label, weight);
        } catch (InvalidRequestException rejected) {
            return rejected.errors();
        }
        throw new AssertionError("expected a 400 for " + csv);
    }

    private static void assertSameData(Dataset actual, Dataset expected) {
        assertThat(actual.numSamples()).isEqualTo(expected.numSamples());
        assertThat(actual.featureNames()).isEqualTo(expected.featureNames());
        assertThat(actual.columnMeanSquares()).containsExactly(expected.columnMeanSquares());
        assertThat(actual.totalWeight()).isEqualTo(expected.totalWeight());
    }

    @Test
    void quotedCellsAndHeadersReadAsTheirContents() {
        Dataset quoted =
                read("\"hp\",\"wt\",\"am\"\n\"110\",2.62,\"1\"\n93,\"2.32\",1\n\"175\",3.44,0\n62,3.19,\"0\"\n");
        assertSameData(quoted, read(PLAIN));
    }

    @Test
    void aQuotedHeaderMayHoldCommasQuotesAndLineBreaks() {
        Dataset dataset = read("\"a,b\",\"say \"\"hi\"\"\",\"two\r\nlines\",am\n1,2,3,0\n4,5,6,1\n");
        assertThat(dataset.featureNames()).containsExactly("a,b", "say \"hi\"", "two\r\nlines");
        assertThat(dataset.numSamples()).isEqualTo(2);
    }

    @Test
    void crlfLineEndsAndAByteOrderMarkReadAsLf() {
        String crlf = "\uFEFF\"hp\",wt,am\r\n110,2.62,1\r\n93,2.32,1\r\n175,3.44,0\r\n62,3.19,0\r\n";
        assertSameData(read(crlf), read(PLAIN));
    }

    @Test
    void lineEndsOfCrAloneEndLinesForTheLimitToo() {
        StringBuilder csv = new StringBuilder("hp,am\r");
        for (int i = 0; i < 900; i++) {
            csv.append(i).append(".123456,").append(i % 2).append('\r');
        }
        assertThat(csv.length()).isGreaterThan((int) LineLengthLimit.forValues(LIMITS.maxFeatures() + 2));
        assertThat(read(csv.toString()).numSamples()).isEqualTo(900);
    }

    @Test
    void blankLinesAndWhitespaceAroundNumbersAreIgnored() {
        String spaced = "hp , wt,am\n\n110, 2.62 ,1\n   \n93,2.32,1\r\n\r\n175,3.44,0\n62,\" 3.19\",0\n\n";
        assertSameData(read(spaced), read(PLAIN));
    }

    @Test
    void errorsNameTheLineAndColumnOfTheCell() {
        List<FieldError> errors = errors("hp,wt,am\n110,2.62,1\n\n93,\"heavy\",1\n175,,0\n62,3.19,2\n", "am", null);
        assertThat(errors)
                .containsExactly(
                        new FieldError("line 4, column 'wt'", "not a number: 'heavy'"),
                        new FieldError("line 5, column 'wt'", "empty cell"),
                        new FieldError("line 6, column 'am'", "must be between 0 and 1, got 2.0"));
    }

    @Test
    void aRowOfTheWrongLengthIsNamed() {
        assertThat(errors("hp,wt,am\n110,2.62,1\n93,2.32\n175,3.44,0,9\n", "am", null))
                .contains(
                        new FieldError("line 3", "expected 3 cells, got 2"),
                        new FieldError("line 4", "expected 3 cells, got 4"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"hp,am\n1,0\n\"2\"x,1\n", "hp,am\n1,0\n2,\"1\n"})
    void textThatIsNotCsvIsA400NamingTheLine(String csv) {
        List<FieldError> errors = errors(csv, "am", null);
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).field()).isEqualTo("line 3");
        assertThat(errors.get(0).message()).startsWith("is not valid CSV (RFC 4180): ");
    }

    @Test
    void aWeightColumnThatSharesAFeaturesNameIsNamedAsTheClash() {
        assertThat(errors("hp,wt,wt,am\n1,2,3,0\n4,5,6,1\n", "am", "wt"))
                .containsExactly(new FieldError(
                        "weight",
                        "names column 'wt', but the header has it twice (columns 2 and 3): rename the other one"));
    }

    @Test
    void aLabelColumnNamedTwiceAndAWeightThatIsTheLabelAreRefused() {
        assertThat(errors("am,wt,am\n1,2,0\n", "am", null))
                .extracting(FieldError::field)
                .containsExactly("label");
        assertThat(errors("hp,am\n1,0\n", "am", "am"))
                .containsExactly(new FieldError(
                        "weight", "names the label column 'am': the weights need a column of their own"));
    }

    @Test
    void aMissingLabelOrWeightColumnIsNamed() {
        assertThat(errors(PLAIN, "nope", null))
                .containsExactly(new FieldError("label", "no column named 'nope' in the header"));
        assertThat(errors(PLAIN, "am", "w"))
                .containsExactly(new FieldError("weight", "no column named 'w' in the header"));
    }

    @Test
    void weightsAreReadFromTheirColumn() {
        Dataset weighted = read("hp,w,am\n110,2,1\n93,0.5,\"1\"\n175,\"1.5\",0\n", "am", "w");
        assertThat(weighted.featureNames()).containsExactly("hp");
        assertThat(weighted.totalWeight()).isEqualTo(4.0);
    }

    @Test
    void anEmptyBodyHasNoHeader() {
        assertThatThrownBy(() -> read("\n  \n")).isInstanceOf(MalformedBodyException.class);
    }

    @Test
    void aLineLongerThanTheFeatureLimitNeedsIsRefusedAsItStreams() {
        long maxBytes = LineLengthLimit.forValues(LIMITS.maxFeatures() + 2);
        String longCell = "1" + " ".repeat((int) maxBytes);
        assertThat(errors("x,am\n" + longCell + ",0\n", "am", null))
                .singleElement()
                .satisfies(error -> assertThat(error.message()).contains("line longer than " + maxBytes));
        // A quoted field's line breaks do not end the count: its text is held whole.
        String spanning = "\"" + "\n".repeat((int) maxBytes) + "\"";
        assertThat(errors("x,am\n1," + spanning + "\n", "am", null))
                .singleElement()
                .satisfies(error -> assertThat(error.message()).contains("line longer than " + maxBytes));
    }

    @Test
    void aHeaderPastTheFeatureLimitIsRefused() {
        assertThat(errors("a,b,c,d,e,f,am\n1,2,3,4,5,6,0\n", "am", null))
                .singleElement()
                .satisfies(error -> assertThat(error.message()).contains("logreg.max-features = 5"));
    }
}
