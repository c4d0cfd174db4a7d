#!/usr/bin/env Rscript
# Regenerates the reference fits in src/test/resources/reference/ from R's own glm(family = binomial)
# on datasets that ship with R. Run from the repository root:
#   Rscript scripts/reference/make-reference.R
# Output is deterministic: running it twice gives identical files.
suppressPackageStartupMessages({
  library(jsonlite)
  library(MASS)
})
options(contrasts = c("contr.treatment", "contr.treatment"))
out_dir <- "src/test/resources/reference"
dir.create(out_dir, showWarnings = FALSE, recursive = TRUE)

# Numbers are written with 17 significant digits ("%.17g", correctly rounded by the C library), so
# every double reads back bit for bit. jsonlite's own digits = I(17) is capped at 15 significant
# digits (jsonlite 1.8.x), so doubles are formatted here and handed to toJSON verbatim; NA becomes null.
num17 <- function(x) ifelse(is.na(x), "null", sprintf("%.17g", x))
vector_json <- function(x) paste0("[", paste(num17(x), collapse = ","), "]")
matrix_json <- function(m) {
  rows <- vapply(seq_len(nrow(m)), function(i) vector_json(m[i, ]), "")
  json(paste0("[", paste(rows, collapse = ","), "]"))
}
json <- function(text) structure(text, class = "json")
scalar <- function(x) json(num17(x))
vec <- function(x) json(vector_json(unname(x)))

# Fits formula on data (weights optional) and writes <name>.json: the request as the service takes it
# and R's answers. Labels are proportions (successes / trials for grouped data, with trials as weights).
# epsilon 1e-14 makes R's answers the maximum-likelihood estimates to machine precision. glm.fit's
# aliasing tolerance is min(1e-7, epsilon / 1000), too tight at 1e-14 to see an exact collinearity
# that floating point blurs, so the collinear case passes its own epsilon (and is checked below).
reference <- function(name, description, formula, data, weights = NULL, intercept = TRUE, epsilon = 1e-14) {
  environment(formula) <- environment()
  data$.w <- if (is.null(weights)) rep(1, nrow(data)) else weights
  warnings_seen <- character()
  fit <- withCallingHandlers(
    glm(formula, family = binomial, data = data, weights = .w,
        control = glm.control(epsilon = epsilon, maxit = 100)),
    warning = function(w) {
      warnings_seen <<- c(warnings_seen, conditionMessage(w))
      invokeRestart("muffleWarning")
    })
  if (!fit$converged) stop(name, ": glm did not converge")
  x <- model.matrix(fit)
  y <- fit$y
  w <- fit$prior.weights
  if (intercept && colnames(x)[1] != "(Intercept)") stop(name, ": expected the intercept column first")
  features <- if (intercept) x[, -1, drop = FALSE] else x
  coef_table <- summary(fit)$coefficients
  estimates <- coef(fit)
  z <- qnorm(0.975)
  rows <- lapply(seq_along(estimates), function(j) {
    term <- names(estimates)[j]
    shown <- if (term == "(Intercept)") "(intercept)" else term
    if (is.na(estimates[j])) {
      numbers <- rep(NA_real_, 6)
    } else {
      b <- unname(estimates[j])
      se <- coef_table[term, "Std. Error"]
      numbers <- c(b, se, coef_table[term, "z value"], coef_table[term, "Pr(>|z|)"], b - z * se, b + z * se)
    }
    row <- lapply(numbers, scalar)
    names(row) <- c("estimate", "standardError", "zValue", "pValue", "lower95", "upper95")
    c(list(name = shown), row)
  })
  mu <- fitted(fit)
  keep <- w > 0
  term <- function(p, q) ifelse(p == 0, 0, p * log(q))
  loglik <- sum(w[keep] * (term(y[keep], mu[keep]) + term(1 - y[keep], 1 - mu[keep])))
  rank <- fit$rank
  request <- list(featureNames = colnames(features), features = matrix_json(features), labels = vec(y))
  if (any(w != 1)) request$weights <- vec(w)
  request$options <- list(fitIntercept = intercept)
  expected <- list(
    coefficients = rows,
    covariance = matrix_json(vcov(fit, complete = FALSE)),
    deviance = scalar(fit$deviance), nullDeviance = scalar(fit$null.deviance), rank = rank,
    dfResidual = scalar(fit$df.residual), dfNull = scalar(fit$df.null),
    logLikelihood = scalar(loglik), aic = scalar(-2 * loglik + 2 * rank),
    bic = scalar(-2 * loglik + rank * log(sum(w))),
    rLogLik = scalar(as.numeric(logLik(fit))), rAic = scalar(AIC(fit)))
  doc <- list(case = name, description = description, request = request, expected = expected)
  writeLines(toJSON(doc, auto_unbox = TRUE, json_verbatim = TRUE, null = "null", na = "null"),
             file.path(out_dir, paste0(name, ".json")))
  cat(sprintf("%-24s N=%4d d=%2d rank=%2d iterations=%2d%s\n", name, nrow(features), ncol(features), rank,
              fit$iter, if (length(warnings_seen)) paste0("  warning: ", paste(unique(warnings_seen), collapse = "; ")) else ""))
  invisible(fit)
}

reference("mtcars-am", "glm(am ~ hp + wt, binomial, mtcars)", am ~ hp + wt, mtcars)
reference("mtcars-vs", "glm(vs ~ mpg + wt + disp, binomial, mtcars)", vs ~ mpg + wt + disp, mtcars)
reference("infert", "glm(case ~ age + parity + induced + spontaneous, binomial, infert)",
          case ~ age + parity + induced + spontaneous, infert)
esoph_data <- esoph
esoph_data$trials <- esoph_data$ncases + esoph_data$ncontrols
esoph_data$share <- esoph_data$ncases / esoph_data$trials
reference("esoph-grouped", "glm(cbind(ncases, ncontrols) ~ agegp + alcgp + tobgp, binomial, esoph) as proportions with trial weights",
          share ~ agegp + alcgp + tobgp, esoph_data, weights = esoph_data$trials)
ucb <- as.data.frame(UCBAdmissions)
admitted <- ucb[ucb$Admit == "Admitted", c("Gender", "Dept", "Freq")]
rejected <- ucb[ucb$Admit == "Rejected", c("Gender", "Dept", "Freq")]
ucb_grouped <- merge(admitted, rejected, by = c("Gender", "Dept"), suffixes = c(".admitted", ".rejected"))
ucb_grouped$total <- ucb_grouped$Freq.admitted + ucb_grouped$Freq.rejected
ucb_grouped$share <- ucb_grouped$Freq.admitted / ucb_grouped$total
reference("ucb-admissions-grouped", "UCBAdmissions: admitted share ~ Gender + Dept, trial weights",
          share ~ Gender + Dept, ucb_grouped, weights = ucb_grouped$total)
titanic <- as.data.frame(Titanic)
titanic$survived <- as.numeric(titanic$Survived == "Yes")
reference("titanic-freq-weights", "Titanic: Survived == Yes ~ Class + Sex + Age, weights = Freq (zero weights kept)",
          survived ~ Class + Sex + Age, titanic, weights = titanic$Freq)
reference("birthwt", "glm(low ~ age + lwt + factor(race) + smoke + ptl + ht + ui + ftv, binomial, MASS::birthwt)",
          low ~ age + lwt + factor(race) + smoke + ptl + ht + ui + ftv, birthwt)
collinear <- mtcars
collinear$hpwt <- collinear$hp + 2 * collinear$wt
# At epsilon 1e-14 glm.fit's rank tolerance is 1e-17 and it keeps hpwt (rank 4, estimates ~1e28); at 1e-8
# (tolerance 1e-11) it aliases hpwt. The estimates must then be those of am ~ hp + wt at 1e-14.
aliased <- reference("mtcars-collinear", "glm(am ~ hp + wt + hpwt, binomial) with hpwt = hp + 2 wt (aliased)",
                     am ~ hp + wt + hpwt, collinear, epsilon = 1e-8)
reduced <- glm(am ~ hp + wt, family = binomial, data = mtcars, control = glm.control(epsilon = 1e-14, maxit = 100))
if (!is.na(coef(aliased)[["hpwt"]]) ||
    max(abs(coef(aliased)[1:3] / coef(reduced) - 1), abs(aliased$deviance / reduced$deviance - 1)) > 1e-12) {
  stop("mtcars-collinear: the aliased fit is not the reduced model's maximum-likelihood fit")
}
reference("mtcars-no-intercept", "glm(am ~ hp + wt - 1, binomial, mtcars)", am ~ hp + wt - 1, mtcars,
          intercept = FALSE)
scaled <- mtcars
scaled$hp_big <- scaled$hp * 1e6
scaled$wt_tiny <- scaled$wt * 1e-6
reference("mtcars-scaled", "glm(am ~ hp_big + wt_tiny, binomial) with hp * 1e6 and wt * 1e-6",
          am ~ hp_big + wt_tiny, scaled)
pima_te <- Pima.te
pima_te$diabetic <- as.numeric(pima_te$type == "Yes")
reference("pima-te", "glm(type == Yes ~ npreg + glu + bp + skin + bmi + ped + age, binomial, MASS::Pima.te)",
          diabetic ~ npreg + glu + bp + skin + bmi + ped + age, pima_te)
pima_tr <- Pima.tr
pima_tr$diabetic <- as.numeric(pima_tr$type == "Yes")
reference("pima-tr", "glm(type == Yes ~ npreg + glu + bp + skin + bmi + ped + age, binomial, MASS::Pima.tr)",
          diabetic ~ npreg + glu + bp + skin + bmi + ped + age, pima_tr)
