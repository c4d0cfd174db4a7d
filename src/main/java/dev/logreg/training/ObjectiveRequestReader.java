package dev.logreg.training;

import dev.logreg.math.Dataset;
import dev.logreg.math.GrowableDoubleArray;
import java.io.InputStream;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/** Reads the JSON body of {@code POST /objective}: a dataset, {@code coefficients} and {@code l2}. */
final class ObjectiveRequestReader {

    /** A parsed request: the dataset always has the intercept column, as coefficients start with b_0. */
    record ObjectiveInput(Dataset dataset, double[] coefficients, double l2) {}

    private ObjectiveRequestReader() {}

    static ObjectiveInput read(InputStream body, DatasetLimits limits) {
        Extras extras = new Extras();
        Dataset dataset = JsonDatasetReader.read(body, limits, extras);
        return new ObjectiveInput(dataset, extras.coefficients.toArray(), extras.l2);
    }

    private static final class Extras implements JsonDatasetReader.ExtraFields {

        private final GrowableDoubleArray coefficients = new GrowableDoubleArray(16);
        private boolean coefficientsGiven;
        private double l2;

        @Override
        public boolean read(String field, JsonParser parser, DatasetBuilder builder) {
            switch (field) {
                case "coefficients" -> {
                    coefficientsGiven = true;
                    if (parser.currentToken() != JsonToken.START_ARRAY) {
                        builder.error("coefficients", "must be an array of numbers");
                        parser.skipChildren();
                        return true;
                    }
                    for (JsonToken value = parser.nextToken();
                            value != JsonToken.END_ARRAY;
                            value = parser.nextToken()) {
                        // [b0, b1..bd]: with this one added there are coefficients.size() features
                        builder.checkFeatureCount(coefficients.size(), "coefficients");
                        String where = "coefficients[" + coefficients.size() + "]";
                        if (value.isNumeric() && Double.isFinite(parser.getDoubleValue())) {
                            coefficients.add(parser.getDoubleValue());
                        } else {
                            builder.error(where, "must be a finite number");
                            parser.skipChildren();
                            coefficients.add(0);
                        }
                    }
                    return true;
                }
                case "l2" -> {
                    JsonToken token = parser.currentToken();
                    if (token == JsonToken.VALUE_NULL) {
                        return true;
                    }
                    if (!token.isNumeric() || !(parser.getDoubleValue() >= 0 && parser.getDoubleValue() <= 1e12)) {
                        builder.error("l2", "must be a number between 0 and 1e12");
                        parser.skipChildren();
                    } else {
                        l2 = parser.getDoubleValue();
                    }
                    return true;
                }
                default -> {
                    return false;
                }
            }
        }

        @Override
        public boolean fitIntercept(DatasetBuilder builder) {
            int expected = builder.numFeatures() + 1;
            if (!coefficientsGiven) {
                builder.error("coefficients", "is required: [b0, b1, ..., bd]");
            } else if (builder.numRows() > 0 && coefficients.size() != expected) {
                builder.error(
                        "coefficients",
                        "expected " + expected + " values (the intercept and one per feature), got "
                                + coefficients.size());
            }
            return true;
        }
    }
}
