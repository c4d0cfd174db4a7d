package dev.logreg.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SourceUrisTest {

    private static final List<String> DATA = List.of("file:///data/", "s3a://Bucket/training");

    @ParameterizedTest
    @ValueSource(
            strings = {
                "file:///data/clicks.parquet",
                "file:/data/clicks.parquet",
                "FILE:///data/part-*.csv",
                "file:///data/./a/../clicks.csv",
                "file:///data//clicks.csv",
                "s3a://bucket/training",
                "s3a://bucket/training/2026/x.parquet"
            })
    void admitsWhatLiesUnderAPrefix(String uri) {
        assertThat(SourceUris.allowed(uri, DATA)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "file:///etc/passwd",
                "file:///data/../etc/passwd",
                "file:///data/x/../../etc/passwd",
                "file:///data/x?/../../etc/passwd",
                "file:///data/x#/../../etc/passwd",
                "file:///data/%2e%2e/etc/passwd",
                "file:///data/%2E./etc/passwd",
                "file:///data/{..}/etc/passwd",
                "file:///data\\..\\etc\\passwd",
                "file:///../data/x",
                "file:///datafile",
                "file://data/x",
                "hdfs:///data/x",
                "/data/x",
                "data/x",
                "file:data/x",
                "s3a://bucket/training-other/x",
                "s3a://other/training/x",
                ""
            })
    void refusesWhatEscapesOrLiesElsewhere(String uri) {
        assertThat(SourceUris.allowed(uri, DATA)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "file:///data/./a/../clicks.csv, file:///data/clicks.csv",
        "file:/data//x, file:/data/x",
        "s3a://bucket/a/b/.., s3a://bucket/a"
    })
    void normalisesAsHadoopReads(String uri, String normalised) {
        assertThat(SourceUris.normalised(uri)).isEqualTo(normalised);
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///data/../etc/", "/data/", "file:///data/./x", "data"})
    void aPrefixMustBeAnAbsoluteNormalisedUri(String prefix) {
        assertThat(SourceUris.validPrefix(prefix)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///data/", "s3a://bucket/training/", "file:///"})
    void acceptsNormalisedPrefixes(String prefix) {
        assertThat(SourceUris.validPrefix(prefix)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///data/x.csv", "file:///etc/passwd"})
    void anEmptyListAdmitsNothing(String uri) {
        assertThat(SourceUris.allowed(uri, List.of())).isFalse();
    }
}
