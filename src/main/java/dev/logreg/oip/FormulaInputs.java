package dev.logreg.oip;

import dev.logreg.design.CodedRows;
import dev.logreg.design.Design;
import dev.logreg.design.DesignException;
import dev.logreg.design.DesignInput;
import dev.logreg.design.TableBuilder;
import dev.logreg.oip.InferenceRequest.RequestInput;
import dev.logreg.oip.ProtocolDocuments.Tensor;
import dev.logreg.problem.InvalidRequestException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A formula model's Open Inference Protocol inputs: one per raw column its formula reads, shape
 * {@code [-1]}, {@code FP64} for numbers, {@code BOOL} for logicals, {@code BYTES} (strings) for
 * text; the rows are coded by the model's design as {@code POST .../predict} codes them.
 */
final class FormulaInputs {

    private FormulaInputs() {}

    /** The datatype of a raw column in the protocol's terms. */
    static String datatype(DesignInput input) {
        return switch (input.type()) {
            case "number" -> "FP64";
            case "logical" -> "BOOL";
            default -> "BYTES";
        };
    }

    static List<Tensor> tensors(Design design) {
        List<Tensor> tensors = new ArrayList<>();
        for (DesignInput input : design.coder().requiredInputs()) {
            tensors.add(new Tensor(input.name(), datatype(input), new long[] {-1}));
        }
        return tensors;
    }

    /** The coded rows of {@code inputs}, each a column of N cells named as the model's raw columns. */
    static CodedRows code(Design design, List<RequestInput> inputs) {
        List<DesignInput> wanted = design.coder().requiredInputs();
        Map<String, DesignInput> byName = new HashMap<>();
        wanted.forEach(input -> byName.put(input.name(), input));
        if (inputs == null || inputs.isEmpty()) {
            throw new InvalidRequestException("inputs", "expected one input per variable: " + names(wanted));
        }
        TableBuilder table = new TableBuilder();
        int rows = -1;
        for (int k = 0; k < inputs.size(); k++) {
            RequestInput input = inputs.get(k);
            String field = "inputs[" + k + "]";
            if (input == null) {
                throw new InvalidRequestException(field, "must be a tensor object, one of " + names(wanted));
            }
            DesignInput column = input.name() == null ? null : byName.get(input.name());
            if (column == null) {
                throw new InvalidRequestException(
                        field + ".name", "the model's inputs are " + names(wanted) + ", got '" + input.name() + "'");
            }
            if (table.hasColumn(column.name())) {
                throw new InvalidRequestException(field + ".name", "input '" + column.name() + "' is given twice");
            }
            String datatype = datatype(column);
            boolean numeric = datatype.equals("FP64");
            if (input.datatype() == null
                    || !(input.datatype().equals(datatype)
                            || (numeric && InferenceProtocolController.NUMERIC_TYPES.contains(input.datatype())))) {
                throw new InvalidRequestException(
                        field + ".datatype",
                        "expected " + datatype + ", got "
                                + (input.datatype() == null ? "none" : "'" + input.datatype() + "'"));
            }
            JsonNode data = input.data();
            if (data == null || !data.isArray()) {
                throw new InvalidRequestException(field + ".data", "is required: an array of N values");
            }
            long[] shape = InferenceProtocolController.shape(input.shape());
            if (shape == null
                    || !(shape.length == 1 || (shape.length == 2 && shape[1] == 1))
                    || shape[0] != data.size()) {
                throw new InvalidRequestException(
                        field + ".shape", "expected [N] with N the number of values, " + data.size());
            }
            if (rows >= 0 && data.size() != rows) {
                throw new InvalidRequestException(field + ".shape", "expected " + rows + " rows, as the first input");
            }
            rows = data.size();
            TableBuilder.ColumnBuilder cells = table.column(column.name());
            for (int i = 0; i < rows; i++) {
                JsonNode cell = data.get(i);
                String where = field + ".data[" + i + "]";
                if (numeric && cell.isNumber() && Double.isFinite(cell.asDouble())) {
                    cells.addNumber(cell.asDouble());
                } else if (datatype.equals("BOOL") && cell.isBoolean()) {
                    cells.addLogical(cell.asBoolean());
                } else if (datatype.equals("BYTES") && cell.isString()) {
                    cells.addString(cell.asString());
                } else {
                    throw new InvalidRequestException(
                            where,
                            "expected " + datatype + " values only (a missing"
                                    + " value has no prediction here; POST /models/{id}/predict answers null for it)");
                }
            }
        }
        for (DesignInput input : wanted) {
            if (!table.hasColumn(input.name())) {
                throw new InvalidRequestException(
                        "inputs",
                        "input '" + input.name() + "' is missing; the model's" + " inputs are " + names(wanted));
            }
        }
        try {
            return design.coder().code(table.build(rows));
        } catch (DesignException invalid) {
            String field = invalid.column() == null
                    ? "inputs"
                    : "inputs[" + indexOf(inputs, invalid.column()) + "].data[" + invalid.row() + "]";
            throw new InvalidRequestException(field, invalid.getMessage());
        }
    }

    private static int indexOf(List<RequestInput> inputs, String name) {
        for (int k = 0; k < inputs.size(); k++) {
            if (name.equals(inputs.get(k).name())) {
                return k;
            }
        }
        return -1;
    }

    private static String names(List<DesignInput> inputs) {
        return String.join(", ", inputs.stream().map(DesignInput::name).toList());
    }
}
