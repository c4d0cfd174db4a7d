package dev.logreg.training;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import dev.logreg.design.CodedTable;
import dev.logreg.design.DesignBuilder;
import dev.logreg.design.DesignException;
import dev.logreg.design.DesignRequest;
import dev.logreg.design.FactorSpec;
import dev.logreg.design.NaAction;
import dev.logreg.math.Dataset;
import dev.logreg.model.TrainingOptions;
import dev.logreg.problem.InvalidRequestException;
import dev.logreg.problem.MalformedBodyException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code text/csv} with a header row: the column named by {@code label} holds the labels,
 * the one named by {@code weight} (optional) the weights, every other column is a feature, in
 * header order. The text is RFC 4180 (FastCSV's strict parser: quoted fields, {@code ""} escapes,
 * CRLF or LF, an optional byte order mark), UTF-8 unless the mark says otherwise; {@link CsvTable}
 * hands each cell's characters to its column, which parses them straight into the dense arrays.
 * Errors name the line and column.
 */
final class CsvTrainingReader {

    /**
     * Room in FastCSV's buffer beyond the longest record {@link LineLengthLimit} lets through, for
     * the chunk it reads ahead, so that the parser's own limit is never the one reached.
     */
    private static final int READ_AHEAD_CHARS = 1 << 16;

    private CsvTrainingReader() {}

    /**
     * @param labelColumn the label column's name (required)
     * @param weightColumn the weight column's name, or null
     * @param rawOptions the options from query parameters, as strings
     */
    static TrainingInput read(
            InputStream body,
            DatasetLimits limits,
            String name,
            String labelColumn,
            String weightColumn,
            Map<String, Object> rawOptions) {
        DatasetBuilder builder = new DatasetBuilder(limits, "body");
        TrainingOptions options = new OptionsResolver(rawOptions, "", builder).resolve();
        if (labelColumn == null || labelColumn.isBlank()) {
            throw new InvalidRequestException("label", "is required: the name of the label column");
        }
        builder.checkModelName(name);
        long maxRecordBytes = LineLengthLimit.forValues(limits.maxFeatures() + 2);
        InputStream records =
                new LineLengthLimit(body, maxRecordBytes, "logreg.max-features = " + limits.maxFeatures());
        CsvTable table = new CsvTable(builder, labelColumn, weightColumn, limits.maxFeatures());
        try (CsvReader<CsvTable> csv = parser(maxRecordBytes).build(table, decode(records))) {
            Iterator<CsvTable> rows = csv.iterator();
            while (!builder.tooManyErrors() && rows.hasNext()) {
                rows.next();
            }
        } catch (CsvParseException failure) {
            throw translate(failure, table.line());
        } catch (IOException | UncheckedIOException failure) {
            throw undecodable(failure);
        }
        if (!table.hasHeader()) {
            throw new MalformedBodyException("The CSV body is empty: a header row is required.");
        }
        Dataset dataset = builder.build(options.fitIntercept(), table.featureNames(), "body", "label", "weight");
        if (options.elasticNet() != null) {
            ElasticNetRequest.checkAgainst(options.elasticNet(), dataset, ElasticNetRequest.FIELD);
        }
        return new TrainingInput(name, dataset, options);
    }

    /**
     * A CSV table for a formula: every column typed as R's {@code read.csv} types it, coded by the
     * formula ({@code weightColumn} naming the weights, {@code factorColumns} numeric columns to read
     * as factors); the formula decides the intercept.
     */
    static TrainingInput readTable(
            InputStream body,
            DatasetLimits limits,
            String name,
            String formula,
            String weightColumn,
            List<String> factorColumns,
            String naAction,
            Map<String, Object> rawOptions) {
        DatasetBuilder builder = new DatasetBuilder(limits, "body");
        builder.checkModelName(name);
        if (rawOptions.containsKey("fitIntercept")) {
            builder.error("fitIntercept", "a formula says whether there is an intercept (- 1 or + 0 removes it)");
        }
        NaAction action = naAction == null ? NaAction.OMIT : NaAction.fromApiName(naAction);
        if (action == null) {
            builder.error("naAction", "must be omit or fail, got '" + naAction + "'");
        }
        long maxRecordBytes = LineLengthLimit.forValues(limits.maxFeatures() + 2);
        InputStream records =
                new LineLengthLimit(body, maxRecordBytes, "logreg.max-features = " + limits.maxFeatures());
        CsvFormulaTable table = new CsvFormulaTable(builder, limits);
        try (CsvReader<CsvFormulaTable> csv = parser(maxRecordBytes).build(table, decode(records))) {
            Iterator<CsvFormulaTable> rows = csv.iterator();
            while (!builder.tooManyErrors() && rows.hasNext()) {
                rows.next();
            }
        } catch (CsvParseException failure) {
            throw translate(failure, table.line());
        } catch (IOException | UncheckedIOException failure) {
            throw undecodable(failure);
        }
        if (!table.hasHeader()) {
            throw new MalformedBodyException("The CSV body is empty: a header row is required.");
        }
        if (!builder.errors().isEmpty()) {
            throw new InvalidRequestException(builder.errors());
        }
        Map<String, FactorSpec> factors = new LinkedHashMap<>();
        if (factorColumns != null) {
            factorColumns.forEach(column -> factors.put(column, new FactorSpec(null, null)));
        }
        CodedTable coded;
        try {
            coded = DesignBuilder.build(
                    table.table(), new DesignRequest(formula, weightColumn, factors, action), limits.design());
        } catch (DesignException invalid) {
            throw new InvalidRequestException(csvField(invalid), invalid.getMessage());
        }
        Map<String, Object> withIntercept = new LinkedHashMap<>(rawOptions);
        withIntercept.put("fitIntercept", coded.design().hasIntercept());
        TrainingOptions options = new OptionsResolver(withIntercept, "", builder).resolve();
        if (coded.offset() != null && options.elasticNet() != null) {
            builder.error("formula", TrainingRequestReader.OFFSET_WITH_ELASTIC_NET);
        }
        if (!builder.errors().isEmpty()) {
            throw new InvalidRequestException(builder.errors());
        }
        if (options.elasticNet() != null) {
            ElasticNetRequest.checkAgainst(options.elasticNet(), coded.dataset(), ElasticNetRequest.FIELD);
        }
        return new TrainingInput(name, coded.dataset(), options, null, coded.design());
    }

    /** A cell's error named as CSV errors are, by line (the header is line 1) and column. */
    private static String csvField(DesignException invalid) {
        if (invalid.column() != null && invalid.row() >= 0) {
            return "line " + (invalid.row() + 2) + ", column '" + invalid.column() + "'";
        }
        String field = invalid.field();
        if (field.startsWith("factors.")) {
            return "factor";
        }
        if (field.startsWith("data.")) {
            return "column '" + field.substring("data.".length()) + "'";
        }
        return field.equals("weights") ? "weight" : field;
    }

    private static CsvReader.CsvReaderBuilder parser(long maxRecordBytes) {
        // The byte order mark is read by decode(), which decodes strictly.
        return CsvReader.builder()
                .allowUnclosedQuote(false)
                .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
                .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
                .maxBufferSize((int) Math.min(Integer.MAX_VALUE - 8, maxRecordBytes + READ_AHEAD_CHARS));
    }

    /**
     * FastCSV wraps whatever a column or the body's stream threw (a limit, a clash of names) in a
     * {@link CsvParseException}: that is rethrown as it was. A syntax error (text after a closing
     * quote, a quote never closed) becomes a 400 naming the line where its record starts.
     */
    private static RuntimeException translate(CsvParseException failure, long line) {
        Throwable cause = failure.getCause();
        if (cause instanceof IOException || cause instanceof UncheckedIOException) {
            return undecodable(cause);
        }
        if (cause instanceof RuntimeException thrown && !(cause instanceof CsvParseException)) {
            return thrown;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        String message = (cause == null ? failure : cause).getMessage();
        return new InvalidRequestException("line " + line, "is not valid CSV (RFC 4180): " + message);
    }

    /**
     * The body's text: UTF-8, unless a byte order mark names UTF-16 or UTF-32 (the mark is skipped in
     * either case), decoded strictly: an invalid byte is an error, as it is to the JSON parser, instead
     * of a U+FFFD that would end up in a feature's name or be read as a bad cell.
     */
    private static Reader decode(InputStream body) throws IOException {
        PushbackInputStream in = new PushbackInputStream(body, 4);
        byte[] start = in.readNBytes(4);
        Charset charset = StandardCharsets.UTF_8;
        int mark = 0;
        if (startsWith(start, 0xEF, 0xBB, 0xBF)) {
            mark = 3;
        } else if (startsWith(start, 0x00, 0x00, 0xFE, 0xFF)) {
            charset = Charset.forName("UTF-32BE");
            mark = 4;
        } else if (startsWith(start, 0xFF, 0xFE, 0x00, 0x00)) {
            charset = Charset.forName("UTF-32LE");
            mark = 4;
        } else if (startsWith(start, 0xFE, 0xFF)) {
            charset = StandardCharsets.UTF_16BE;
            mark = 2;
        } else if (startsWith(start, 0xFF, 0xFE)) {
            charset = StandardCharsets.UTF_16LE;
            mark = 2;
        }
        in.unread(start, mark, start.length - mark);
        InputStream text = charset.equals(StandardCharsets.UTF_8) ? new Utf8Validation(in) : in;
        return new InputStreamReader(text, charset.newDecoder());
    }

    private static boolean startsWith(byte[] bytes, int... mark) {
        if (bytes.length < mark.length) {
            return false;
        }
        for (int k = 0; k < mark.length; k++) {
            if ((bytes[k] & 0xFF) != mark[k]) {
                return false;
            }
        }
        return true;
    }

    /**
     * A failure to read the body: text the decoder cannot read is the client's (400; invalid UTF-8
     * is found first, where its line is known, by {@link Utf8Validation}, so this is text in the
     * UTF-16 or UTF-32 its byte order mark names); anything else, such as the connection failing
     * mid-body, goes on as it was.
     */
    private static RuntimeException undecodable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CharacterCodingException) {
                return new MalformedBodyException(
                        "The CSV body is not valid text in the encoding its byte order mark names (UTF-16 or UTF-32).");
            }
        }
        if (failure instanceof RuntimeException unchecked) {
            return unchecked;
        }
        return new UncheckedIOException((IOException) failure);
    }
}
