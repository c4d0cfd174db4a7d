package dev.logreg.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logreg.problem.FieldError;
import dev.logreg.problem.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceRequestReaderTest {

    private static final DatasetLimits LIMITS = new DatasetLimits(1000, 100, 100_000);

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void findsSourceAtTheTopLevelOnly() {
        assertThat(SourceRequestReader.hasSource(bytes("{\"name\":\"a\",\"source\":{}}")))
                .isTrue();
        assertThat(SourceRequestReader.hasSource(bytes("{\"options\":{\"source\":1},\"features\":[[1]]}")))
                .isFalse();
        assertThat(SourceRequestReader.hasSource(bytes("{\"features\":[[1],[2]],\"labels\":[0,1]}")))
                .isFalse();
        // A prefix that ends before "source" is an inline request (or malformed: its reader says so).
        assertThat(SourceRequestReader.hasSource(bytes("{\"features\":[[1],[2")))
                .isFalse();
        assertThat(SourceRequestReader.hasSource(bytes("not json"))).isFalse();
    }

    @Test
    void aBodyThatIsNotJsonIsExplainedAsForInlineData() {
        assertThatThrownBy(() -> SourceRequestReader.read(bytes("{\"source\": NaN}"), LIMITS))
                .isInstanceOf(dev.logreg.problem.MalformedBodyException.class)
                .hasMessage("The body is not valid JSON at line 1, column 15: Non-standard token 'NaN'"
                        + " (JSON numbers are finite: NaN and Infinity cannot be sent)");
    }

    @Test
    void readsAValidRequestWithDefaults() {
        SourceTrainingInput input = SourceRequestReader.read(bytes("""
                {"name":"clicks","source":{"uri":"file:///d/x.parquet","format":"parquet","label":"y"},
                 "options":{"l2":0.5}}"""), LIMITS);
        assertThat(input.name()).isEqualTo("clicks");
        assertThat(input.source().uri()).isEqualTo("file:///d/x.parquet");
        assertThat(input.source().weight()).isNull();
        assertThat(input.source().features()).isNull();
        assertThat(input.options().l2()).isEqualTo(0.5);
        assertThat(input.options().solver()).isEqualTo("newton");
    }

    @Test
    void namesEveryBadField() {
        assertThatThrownBy(() -> SourceRequestReader.read(bytes("""
                {"source":{"uri":"","format":"orc","weight":3,"features":["a","a"],"extra":1},
                 "labels":[1],"options":{"solver":"sgd","method":"firth","covariance":"HC3"}}"""), LIMITS))
                .isInstanceOfSatisfying(InvalidRequestException.class, invalid -> {
                    List<String> fields =
                            invalid.errors().stream().map(FieldError::field).toList();
                    assertThat(fields)
                            .contains(
                                    "labels",
                                    "source.extra",
                                    "source.uri",
                                    "source.format",
                                    "source.label",
                                    "source.weight",
                                    "source.features[1]",
                                    "options.solver",
                                    "options.method",
                                    "options.covariance");
                });
    }
}
