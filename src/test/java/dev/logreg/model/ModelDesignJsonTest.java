package dev.logreg.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logreg.design.Design;
import dev.logreg.design.DesignBuilder;
import dev.logreg.design.DesignLimits;
import dev.logreg.design.DesignRequest;
import dev.logreg.design.TableBuilder;
import org.junit.jupiter.api.Test;

/** A formula model's design is stored with it: the stored JSON reads back to an equal design that codes alike. */
class ModelDesignJsonTest {

    @Test
    void theDesignSurvivesTheStoredForm() {
        TableBuilder table = new TableBuilder();
        double[][] rows = {{110, 2.62, 1}, {93, 2.32, 0}, {Double.NaN, 3.2, 1}, {62, 3.19, 0}, {95, 3.15, 1}};
        String[] gear = {"4", "4", "3", "5", "3"};
        for (int i = 0; i < rows.length; i++) {
            table.column("hp").addNumber(rows[i][0]);
            table.column("wt").addNumber(rows[i][1]);
            table.column("am").addNumber(rows[i][2]);
            table.column("gear").addString(gear[i]);
        }
        Design design = DesignBuilder.build(
                        table.build(rows.length), new DesignRequest("am ~ log(hp) + gear"), DesignLimits.DEFAULTS)
                .design();
        Model example = TestModels.example("m-1");
        Model model = new Model(
                example.id(),
                example.name(),
                example.createdAt(),
                design.featureNames(),
                1.0,
                new double[] {2.0, -3.0, 0.5},
                example.options(),
                example.training(),
                example.statistics(),
                example.metrics(),
                example.diagnostics(),
                example.provenance(),
                null,
                design);
        String json = ModelJson.writeString(model);
        assertThat(json).contains("\"naAction\":\"omit\"").contains("\"rowsOmitted\":1");
        Model read = ModelJson.readModel(json);
        assertThat(read.design()).isEqualTo(design);
        TableBuilder record = new TableBuilder();
        record.column("hp").addNumber(100);
        record.column("gear").addString("5");
        assertThat(read.design().coder().code(record.build(1)).x()).containsExactly(1, Math.log(100), 0, 1);
    }
}
