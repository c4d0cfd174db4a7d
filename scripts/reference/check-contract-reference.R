# Checks the contract's reference fits in src/test/resources/reference-contract against R's glm:
# mtcars-am is glm(am ~ hp + wt), pima-tr is glm(type ~ ., MASS::Pima.tr), both binomial.
# Prints the largest relative difference per quantity and fails above 1e-10. From the repository root:
#   Rscript scripts/reference/check-contract-reference.R
library(jsonlite)
library(MASS)
dir <- "src/test/resources/reference-contract"
check <- function(name, fit) {
  expected <- fromJSON(file.path(dir, paste0(name, ".expected.json")))
  request <- fromJSON(file.path(dir, paste0(name, ".request.json")))
  rel <- function(a, b) max(abs(a - b) / pmax(abs(b), 1e-300))
  x <- model.matrix(fit)[, -1, drop = FALSE]
  diffs <- c(
    features = rel(unname(x), unname(request$features)),
    labels = rel(unname(fit$y), request$labels),
    estimate = rel(unname(coef(fit)), expected$estimate),
    standardError = rel(unname(summary(fit)$coefficients[, 2]), expected$standardError),
    deviance = rel(deviance(fit), expected$deviance),
    nullDeviance = rel(fit$null.deviance, expected$nullDeviance),
    aic = rel(AIC(fit), expected$aic),
    logLikelihood = rel(as.numeric(logLik(fit)), expected$logLikelihood))
  cat(name, ":", paste(names(diffs), signif(diffs, 3), sep = " ", collapse = ", "), "\n")
  if (!identical(colnames(x), request$featureNames) || any(diffs > 1e-10)) stop(name, " differs from R")
}
control <- glm.control(epsilon = 1e-14, maxit = 100)
check("mtcars-am", glm(am ~ hp + wt, binomial, mtcars, control = control))
check("pima-tr", glm(type ~ ., binomial, Pima.tr, control = control))
