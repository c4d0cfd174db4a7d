package dev.logreg.design;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the tables and formula cases of {@code src/test/resources/design} (made by R, see the script). */
final class DesignFixtures {

    static final Path DIRECTORY = Path.of("src/test/resources/design");
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private DesignFixtures() {}

    /** One formula on one table and R's answers. */
    record Case(String table, Table data, JsonNode rawData, DesignRequest request, JsonNode expected) {
        @Override
        public String toString() {
            return table + ": " + request.formula();
        }
    }

    static List<Case> cases() throws IOException {
        List<Case> cases = new ArrayList<>();
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("[a-z]+\\.json"))
                    .sorted()
                    .toList()) {
                JsonNode root = MAPPER.readTree(file.toFile());
                Table table = table(root.get("data"));
                for (JsonNode c : root.get("cases")) {
                    cases.add(new Case(
                            root.get("table").asString(), table, root.get("data"), request(c), c.get("expected")));
                }
            }
        }
        return cases;
    }

    static DesignRequest request(JsonNode c) {
        Map<String, FactorSpec> factors = new LinkedHashMap<>();
        JsonNode specs = c.get("factors");
        if (specs != null) {
            for (Map.Entry<String, JsonNode> entry : specs.properties()) {
                JsonNode levels = entry.getValue().get("levels");
                JsonNode reference = entry.getValue().get("reference");
                factors.put(
                        entry.getKey(),
                        new FactorSpec(
                                levels == null ? null : strings(levels),
                                reference == null ? null : reference.asString()));
            }
        }
        JsonNode weights = c.get("weights");
        return new DesignRequest(
                c.get("formula").asString(), weights == null ? null : weights.asString(), factors, NaAction.OMIT);
    }

    /** A table of JSON columns, cell by cell as the service reads them. */
    static Table table(JsonNode columns) {
        TableBuilder builder = new TableBuilder();
        int rows = 0;
        for (Map.Entry<String, JsonNode> column : columns.properties()) {
            TableBuilder.ColumnBuilder cells = builder.column(column.getKey());
            for (JsonNode cell : column.getValue()) {
                if (cell.isNull()) {
                    cells.addMissing();
                } else if (cell.isNumber()) {
                    cells.addNumber(cell.asDouble());
                } else if (cell.isBoolean()) {
                    cells.addLogical(cell.asBoolean());
                } else {
                    cells.addString(cell.asString());
                }
            }
            rows = column.getValue().size();
        }
        return builder.build(rows);
    }

    /** The rows {@code rows} of a JSON column table, as a new table. */
    static Table rows(JsonNode columns, int[] rows) {
        TableBuilder builder = new TableBuilder();
        for (Map.Entry<String, JsonNode> column : columns.properties()) {
            TableBuilder.ColumnBuilder cells = builder.column(column.getKey());
            for (int row : rows) {
                JsonNode cell = column.getValue().get(row);
                if (cell.isNull()) {
                    cells.addMissing();
                } else if (cell.isNumber()) {
                    cells.addNumber(cell.asDouble());
                } else if (cell.isBoolean()) {
                    cells.addLogical(cell.asBoolean());
                } else {
                    cells.addString(cell.asString());
                }
            }
        }
        return builder.build(rows.length);
    }

    static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }

    static JsonNode read(String text) {
        return MAPPER.readTree(text);
    }
}
