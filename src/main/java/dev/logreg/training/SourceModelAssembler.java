package dev.logreg.training;

import dev.logreg.math.DegenerateDataException;
import dev.logreg.math.Fit;
import dev.logreg.model.Model;
import dev.logreg.model.ModelWarning;
import dev.logreg.spark.SparkRows;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The model of a fit on a source's rows: {@link ModelAssembler}'s, with a warning for the rows left out for nulls. */
final class SourceModelAssembler {

    private SourceModelAssembler() {}

    /**
     * @throws DegenerateDataException when a number of the model overflowed
     */
    static Model assemble(
            SourceTrainingInput input, SparkRows rows, Fit fit, Instant createdAt, ModelAssembler.Origin origin) {
        SparkRows.SourceCounts counts = rows.counts();
        List<ModelWarning> warnings = new ArrayList<>();
        if (counts.rowsWithNulls() > 0) {
            warnings.add(rowsWithNulls(counts));
        }
        Model model = ModelAssembler.assemble(
                UUID.randomUUID().toString(),
                input.name(),
                createdAt,
                new ModelAssembler.Columns(rows.hasIntercept(), rows.featureNames()),
                (int) counts.rowsFitted(),
                rows.labelTotals().totalWeight(),
                warnings,
                input.options(),
                fit,
                null,
                (System.nanoTime() - origin.start()) / 1e6,
                origin);
        String overflowed = FiniteModelCheck.firstNonFinite(model);
        if (overflowed != null) {
            throw new DegenerateDataException("The fit overflowed: " + overflowed + " is not a finite number, so"
                    + " there is no model to store. Standardise the features.");
        }
        return model;
    }

    private static ModelWarning rowsWithNulls(SparkRows.SourceCounts counts) {
        List<String> columns = new ArrayList<>();
        for (SparkRows.ColumnCount column : counts.nullsPerColumn()) {
            columns.add(column.column() + ": " + column.count());
        }
        return new ModelWarning(
                "ROWS_WITH_NULLS",
                counts.rowsWithNulls() + " of " + counts.rowsRead()
                        + " rows have a null label, weight or feature and were left out of the fit (rows with a"
                        + " null per column: " + String.join(", ", columns) + "). Fill or drop them in the source"
                        + " to decide for yourself.");
    }
}
