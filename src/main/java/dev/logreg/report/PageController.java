package dev.logreg.report;

import dev.logreg.math.Solvers;
import dev.logreg.model.Model;
import dev.logreg.model.ModelPage;
import dev.logreg.model.ModelStore;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The HTML pages: the index at {@code /} (models, newest first, and a CSV upload form that trains
 * through {@code POST /models}, a matrix by its label column or a table by an R formula) and each model's
 * report (with the design card of a formula model). Pages, not API, so they are left out of
 * the OpenAPI document; an unknown model gets a 404 page, not a problem document.
 */
@Controller
@Hidden
class PageController {

    /** Models per index page. */
    static final int PAGE_SIZE = 20;

    private final ModelStore store;

    PageController(ModelStore store) {
        this.store = store;
    }

    @GetMapping("/")
    ModelAndView index(@RequestParam(defaultValue = "0") int page) {
        ModelPage models = store.list(Math.max(page, 0), PAGE_SIZE);
        if (models.content().isEmpty() && models.totalPages() > 0) {
            // Past the end (the models were deleted since the link was made): the last page.
            models = store.list(models.totalPages() - 1, PAGE_SIZE);
        }
        return new ModelAndView("index", Map.of("index", IndexPage.of(models, Solvers.names())));
    }

    @GetMapping("/models/{id}/report")
    ModelAndView report(@PathVariable String id) {
        Optional<Model> model = store.find(id);
        if (model.isEmpty()) {
            ModelAndView notFound = new ModelAndView("model-not-found", Map.of("id", id));
            notFound.setStatus(HttpStatus.NOT_FOUND);
            return notFound;
        }
        ModelAndView report = new ModelAndView("report", Map.of("report", ModelReport.of(model.get())));
        DesignReport design = DesignReport.of(model.get());
        if (design != null) {
            report.addObject("design", design);
        }
        return report;
    }
}
