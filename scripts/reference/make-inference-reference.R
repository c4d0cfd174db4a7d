#!/usr/bin/env Rscript
# Regenerates the references for Firth's fit and robust covariances in
# src/test/resources/reference-inference/ from brglm2 and sandwich, on datasets that ship with R, MASS
# and brglm2. Run from the repository root:
#   Rscript scripts/reference/make-inference-reference.R
# Output is deterministic: running it twice gives identical files.
suppressPackageStartupMessages({
  library(jsonlite)
  library(MASS)
  library(brglm2)
  library(sandwich)
})
options(contrasts = c("contr.treatment", "contr.treatment"))
out_dir <- "src/test/resources/reference-inference"
dir.create(out_dir, showWarnings = FALSE, recursive = TRUE)

# 17 significant digits, formatted here because jsonlite caps digits at 15 (see make-reference.R).
num17 <- function(x) ifelse(is.na(x), "null", sprintf("%.17g", x))
vector_json <- function(x) paste0("[", paste(num17(x), collapse = ","), "]")
json <- function(text) structure(text, class = "json")
matrix_json <- function(m) {
  rows <- vapply(seq_len(nrow(m)), function(i) vector_json(m[i, ]), "")
  json(paste0("[", paste(rows, collapse = ","), "]"))
}
scalar <- function(x) json(num17(x))
vec <- function(x) json(vector_json(unname(x)))

# The statistics block under covariance matrix v: standard errors, z, p, 95% Wald intervals, v itself.
wald <- function(b, v) {
  se <- sqrt(diag(v))
  z <- b / se
  q <- qnorm(0.975)
  list(standardErrors = vec(se), zValues = vec(z), pValues = vec(2 * pnorm(-abs(z))),
       lower95 = vec(b - q * se), upper95 = vec(b + q * se), matrix = matrix_json(unname(v)))
}

# sandwich counts every row of the model matrix in n, rows of weight 0 included (which scales the
# covariance by (rows with weight > 0 / rows)^2); the service leaves such rows out, so cases here
# have positive weights only.
covariances <- function(fit) {
  b <- coef(fit)
  list(model = wald(b, vcov(fit)),
       HC0 = wald(b, vcovHC(fit, type = "HC0")), HC1 = wald(b, vcovHC(fit, type = "HC1")),
       HC2 = wald(b, vcovHC(fit, type = "HC2")), HC3 = wald(b, vcovHC(fit, type = "HC3")))
}

# logLik, AIC, BIC as the service defines them (without the binomial coefficients' constant, see
# make-reference.R), at the fit's estimates: for Firth's fit the unpenalised log-likelihood, which is
# what brglm2 reports as logLik and turns into its deviance and AIC.
summary_numbers <- function(fit) {
  y <- fit$y
  w <- fit$prior.weights
  mu <- fitted(fit)
  term <- function(p, q) ifelse(p == 0, 0, p * log(q))
  loglik <- sum(w * (term(y, mu) + term(1 - y, 1 - mu)))
  list(estimates = vec(coef(fit)), deviance = scalar(fit$deviance), nullDeviance = scalar(fit$null.deviance),
       logLikelihood = scalar(loglik), aic = scalar(-2 * loglik + 2 * fit$rank),
       bic = scalar(-2 * loglik + fit$rank * log(sum(w))), rAic = scalar(AIC(fit)),
       iterations = fit$iter, covariance = covariances(fit))
}

# Fits formula on data by maximum likelihood (unless ml = FALSE: separated data have no ML estimate)
# and by Firth's method, and writes <name>.json: the request as the service takes it and the answers.
reference <- function(name, description, formula, data, weights = NULL, intercept = TRUE, ml = TRUE) {
  environment(formula) <- environment()
  data$.w <- if (is.null(weights)) rep(1, nrow(data)) else weights
  if (any(data$.w <= 0)) stop(name, ": weights must be positive (see covariances())")
  firth <- glm(formula, family = binomial, data = data, weights = .w, method = brglmFit, type = "AS_mean",
               epsilon = 1e-13, maxit = 1000)
  if (!firth$converged) stop(name, ": brglmFit did not converge")
  x <- model.matrix(firth)
  if (intercept && colnames(x)[1] != "(Intercept)") stop(name, ": expected the intercept column first")
  features <- if (intercept) x[, -1, drop = FALSE] else x
  w <- firth$prior.weights
  request <- list(featureNames = colnames(features), features = matrix_json(features), labels = vec(firth$y))
  if (any(w != 1)) request$weights <- vec(w)
  request$options <- list(fitIntercept = intercept)
  expected <- list(names = sub("^\\(Intercept\\)$", "(intercept)", colnames(x)))
  if (ml) {
    fit <- glm(formula, family = binomial, data = data, weights = .w,
               control = glm.control(epsilon = 1e-14, maxit = 100))
    if (!fit$converged) stop(name, ": glm did not converge")
    # glm.fit's QR, and so vcov, hat values and sandwich, has the weights of the iteration before
    # the last (coefficients about sqrt(epsilon) away): one more iteration from the converged
    # estimates puts them at the estimates.
    fit <- glm(formula, family = binomial, data = data, weights = .w, start = coef(fit),
               control = glm.control(epsilon = 1e-14, maxit = 100))
    expected$ml <- summary_numbers(fit)
  }
  expected$firth <- summary_numbers(firth)
  doc <- list(case = name, description = description, request = request, expected = expected)
  writeLines(toJSON(doc, auto_unbox = TRUE, json_verbatim = TRUE, null = "null", na = "null"),
             file.path(out_dir, paste0(name, ".json")))
  cat(sprintf("%-20s N=%4d p=%2d firth iterations=%3d%s\n", name, nrow(x), ncol(x), firth$iter,
              if (ml) "" else "  (separated: no ML fit)"))
}

reference("mtcars-am", "am ~ hp + wt, mtcars", am ~ hp + wt, mtcars)
reference("mtcars-am-no-intercept", "am ~ hp + wt - 1, mtcars", am ~ hp + wt - 1, mtcars, intercept = FALSE)
reference("infert", "case ~ age + parity + induced + spontaneous, infert",
          case ~ age + parity + induced + spontaneous, infert)
reference("birthwt", "low ~ age + lwt + factor(race) + smoke + ptl + ht + ui + ftv, MASS::birthwt",
          low ~ age + lwt + factor(race) + smoke + ptl + ht + ui + ftv, birthwt)
esoph_data <- esoph
esoph_data$trials <- esoph_data$ncases + esoph_data$ncontrols
esoph_data$share <- esoph_data$ncases / esoph_data$trials
esoph_data$agegp <- factor(esoph_data$agegp, ordered = FALSE)
esoph_data$alcgp <- factor(esoph_data$alcgp, ordered = FALSE)
esoph_data$tobgp <- factor(esoph_data$tobgp, ordered = FALSE)
reference("esoph-grouped", "ncases / (ncases + ncontrols) ~ agegp + alcgp + tobgp, trials as weights, esoph",
          share ~ agegp + alcgp + tobgp, esoph_data, weights = esoph_data$trials)
# Complete separation: low birth weight is defined as bwt < 2500 g.
reference("birthwt-separated", "low ~ bwt + age + smoke, MASS::birthwt (bwt separates low completely)",
          low ~ bwt + age + smoke, birthwt, ml = FALSE)
# Quasi-complete separation: every patient with NV = 1 has HG = 1 (Heinze and Schemper 2002).
data(endometrial, package = "brglm2")
reference("endometrial", "HG ~ NV + PI + EH, brglm2::endometrial (NV separates quasi-completely)",
          HG ~ NV + PI + EH, endometrial, ml = FALSE)
