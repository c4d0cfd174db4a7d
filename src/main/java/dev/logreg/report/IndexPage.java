package dev.logreg.report;

import dev.logreg.model.Model;
import dev.logreg.model.ModelPage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The index page's content: one page of models, newest first, printed.
 *
 * @param page 0-based
 * @param solvers the solvers the upload form offers
 */
record IndexPage(List<Row> models, int page, int totalPages, long totalModels, List<String> solvers) {

    /** One model in the list. */
    record Row(
            String id,
            String name,
            String createdAt,
            String samples,
            String features,
            String solver,
            boolean converged,
            int warnings,
            String auc,
            String aic,
            String reportHref,
            String jsonHref) {}

    static IndexPage of(ModelPage page, List<String> solvers) {
        List<Row> rows = new ArrayList<>(page.content().size());
        for (Model model : page.content()) {
            rows.add(new Row(
                    model.id(),
                    model.name() == null || model.name().isBlank() ? "(unnamed)" : model.name(),
                    ModelReport.CREATED.format(model.createdAt()),
                    Integer.toString(model.training().numSamples()),
                    String.join(", ", model.featureNames()),
                    model.training().solver(),
                    model.training().converged(),
                    model.training().warnings().size(),
                    model.metrics().rocAuc() == null
                            ? Numbers.MISSING
                            : Numbers.fixed(model.metrics().rocAuc(), 3),
                    model.statistics() == null || model.statistics().aic() == null
                            ? Numbers.MISSING
                            : Numbers.significant(model.statistics().aic(), 5),
                    model.links().report(),
                    model.links().self()));
        }
        return new IndexPage(rows, page.page(), Math.max(page.totalPages(), 1), page.totalElements(), solvers);
    }

    // Public: the template's SpEL finds only public methods (the pager shows past 20 models).
    public boolean hasNewer() {
        return page > 0;
    }

    public boolean hasOlder() {
        return page + 1 < totalPages;
    }

    /** "Page 2 of 3". */
    public String position() {
        return String.format(Locale.ROOT, "Page %d of %d", page + 1, totalPages);
    }
}
