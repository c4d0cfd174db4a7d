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

# Fits formula on data (weights optional) and writes <name>.json: the request as the service takes it
# and R's answers. Labels are proportions (successes / trials for grouped data, with trials as weights).
# epsilon 1e-14 makes R's answers the maximum-likelihood estimates to machine precision; glm.fit's
# aliasing tolerance is min(1e-7, epsilon / 1000), so the collinear case keeps the default 1e-8.
reference <- function(name, description, formula, data, weights = NULL, intercept = TRUE, epsilon = 1e-14) {
  environment(formula) <- environment()
  data$.w <- if (is.null(weights)) rep(1, nrow(data)) else weights
  fit <- suppressWarnings(glm(formula, family = binomial, data = data, weights = .w,
                              control = glm.control(epsilon = epsilon, maxit = 100)))
  x <- model.matrix(fit)
  y <- fit$y
  w <- fit$prior.weights
  features <- if (intercept) x[, -1, drop = FALSE] else x
  coef_table <- summary(fit)$coefficients
  estimates <- coef(fit)
  z <- qnorm(0.975)
  rows <- lapply(seq_along(estimates), function(j) {
    term <- names(estimates)[j]
    shown <- if (term == "(Intercept)") "(intercept)" else term
    if (is.na(estimates[j])) {
      return(list(name = shown, estimate = NA, standardError = NA, zValue = NA, pValue = NA,
                  lower95 = NA, upper95 = NA))
    }
    se <- coef_table[term, "Std. Error"]
    list(name = shown, estimate = unname(estimates[j]), standardError = se,
         zValue = coef_table[term, "z value"], pValue = coef_table[term, "Pr(>|z|)"],
         lower95 = unname(estimates[j]) - z * se, upper95 = unname(estimates[j]) + z * se)
  })
  mu <- fitted(fit)
  keep <- w > 0
  term <- function(p, q) ifelse(p == 0, 0, p * log(q))
  loglik <- sum(w[keep] * (term(y[keep], mu[keep]) + term(1 - y[keep], 1 - mu[keep])))
  rank <- fit$rank
  request <- list(featureNames = colnames(features), features = unname(features), labels = unname(y))
  if (any(w != 1)) request$weights <- unname(w)
  request$options <- list(fitIntercept = intercept)
  expected <- list(
    coefficients = rows,
    covariance = unname(vcov(fit, complete = FALSE)),
    deviance = fit$deviance, nullDeviance = fit$null.deviance, rank = rank,
    dfResidual = fit$df.residual, dfNull = fit$df.null,
    logLikelihood = loglik, aic = -2 * loglik + 2 * rank, bic = -2 * loglik + rank * log(sum(w)),
    rLogLik = as.numeric(logLik(fit)), rAic = AIC(fit))
  doc <- list(case = name, description = description, request = request, expected = expected)
  writeLines(toJSON(doc, digits = NA, auto_unbox = TRUE, null = "null", na = "null", matrix = "rowmajor"),
             file.path(out_dir, paste0(name, ".json")))
  cat(sprintf("%-24s N=%4d d=%2d rank=%2d converged=%s\n", name, nrow(features), ncol(features), rank,
              fit$converged))
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
reference("mtcars-collinear", "glm(am ~ hp + wt + hpwt, binomial) with hpwt = hp + 2 wt (aliased)",
          am ~ hp + wt + hpwt, collinear, epsilon = 1e-8)
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
