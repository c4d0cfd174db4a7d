#!/usr/bin/env Rscript
# Regenerates the prediction-interval references in src/test/resources/prediction-reference/ from R's
# predict.glm(type = "link", se.fit = TRUE) and the inverse link, on datasets that ship with R. Run from
# the repository root:
#   Rscript scripts/reference/make-prediction-reference.R
# Needs base R, MASS, brglm2 and sandwich (Debian: r-base-core, r-cran-mass, r-cran-brglm2,
# r-cran-sandwich). Output is deterministic.
suppressPackageStartupMessages({
  library(MASS)
  library(brglm2)
  library(sandwich)
})
out_dir <- "src/test/resources/prediction-reference"
dir.create(out_dir, showWarnings = FALSE, recursive = TRUE)

# 17 significant digits ("%.17g") so that every double reads back bit for bit; JSON written by hand.
num17 <- function(x) ifelse(is.na(x), "null", sprintf("%.17g", x))
vector_json <- function(x) paste0("[", paste(num17(unname(x)), collapse = ","), "]")
matrix_json <- function(m) {
  paste0("[", paste(vapply(seq_len(nrow(m)), function(i) vector_json(m[i, ]), ""), collapse = ","), "]")
}
string_json <- function(s) paste0("\"", gsub("\"", "\\\\\"", s), "\"")
levels <- c(0.95, 0.8)

# Fits y ~ the columns of `features` (a numeric matrix, the design without the intercept column) as
# glm(family = binomial) would from the original formula, then predicts at `points` (rows of the same
# columns). Each interval is R's recipe: fit +- qnorm(1 - (1 - level) / 2) * se.fit on the link scale,
# mapped through family$linkinv. epsilon as in make-reference.R (1e-8 where aliasing must be seen).
# glm.fit's QR, which predict.glm's se.fit uses, has the weights of the iteration before the last
# (coefficients about sqrt(epsilon) away); one more iteration from the converged estimates puts them
# at the estimates, where the service computes its covariance (see make-inference-reference.R).
# With covariance = "HC0".."HC3" (sandwich::vcovHC) or method = "firth" (brglm2's brglmFit, AS_mean,
# and its vcov) se.fit is computed from that covariance V as predict.glm does from vcov:
# sqrt(rowSums((X V) * X)) over the points' design rows X.
reference <- function(name, description, features, y, points, weights = rep(1, length(y)),
                      intercept = TRUE, epsilon = 1e-14, covariance = "model", method = "ml") {
  colnames(features) <- make.names(colnames(features))
  colnames(points) <- colnames(features)
  data <- as.data.frame(features)
  data$.y <- y
  data$.w <- weights
  terms <- paste(sprintf("`%s`", colnames(features)), collapse = " + ")
  formula <- as.formula(paste(".y ~", terms, if (intercept) "" else "- 1"))
  if (method == "firth") {
    fit <- glm(formula, family = binomial, data = data, weights = .w, method = brglmFit, type = "AS_mean",
               epsilon = 1e-13, maxit = 1000)
  } else {
    fit <- suppressWarnings(glm(formula, family = binomial, data = data, weights = .w,
                                control = glm.control(epsilon = epsilon, maxit = 100)))
    # An aliased coefficient (NA) starts at 0, the value it keeps.
    fit <- suppressWarnings(glm(formula, family = binomial, data = data, weights = .w,
                                start = ifelse(is.na(coef(fit)), 0, coef(fit)),
                                control = glm.control(epsilon = epsilon, maxit = 100)))
  }
  if (!fit$converged) stop(name, ": the fit did not converge")
  if (covariance == "model" && method == "ml") {
    predicted <- suppressWarnings(predict(fit, newdata = as.data.frame(points), type = "link", se.fit = TRUE))
  } else {
    v <- if (covariance == "model") vcov(fit) else vcovHC(fit, type = covariance)
    x <- if (intercept) cbind(1, points) else points
    predicted <- list(fit = drop(x %*% coef(fit)), se.fit = sqrt(rowSums((x %*% v) * x)))
  }
  intervals <- vapply(levels, function(level) {
    z <- qnorm(1 - (1 - level) / 2)
    sprintf("{\"level\":%s,\"lower\":%s,\"upper\":%s}", num17(level),
            vector_json(binomial()$linkinv(predicted$fit - z * predicted$se.fit)),
            vector_json(binomial()$linkinv(predicted$fit + z * predicted$se.fit)))
  }, "")
  request <- sprintf("{\"featureNames\":[%s],\"features\":%s,\"labels\":%s%s,\"options\":{\"fitIntercept\":%s,\"method\":\"%s\",\"covariance\":\"%s\"}}",
                     paste(string_json(colnames(features)), collapse = ","), matrix_json(features), vector_json(y),
                     if (any(weights != 1)) paste0(",\"weights\":", vector_json(weights)) else "",
                     if (intercept) "true" else "false", method, covariance)
  doc <- sprintf(paste0("{\"case\":%s,\"description\":%s,\"request\":%s,\"points\":%s,\"expected\":{",
                        "\"rank\":%d,\"logit\":%s,\"standardError\":%s,\"probability\":%s,\"intervals\":[%s]}}"),
                 string_json(name), string_json(description), request, matrix_json(points), fit$rank,
                 vector_json(predicted$fit), vector_json(predicted$se.fit),
                 vector_json(binomial()$linkinv(predicted$fit)), paste(intervals, collapse = ","))
  writeLines(doc, file.path(out_dir, paste0(name, ".json")))
  cat(sprintf("%-20s N=%4d d=%2d rank=%2d points=%3d se in [%.3g, %.3g]\n", name, nrow(features), ncol(features),
              fit$rank, nrow(points), min(predicted$se.fit), max(predicted$se.fit)))
}

# The points: every 4th training row, the column means, and two points off the data (means +- 2 sd in
# every column), where the standard error is large.
points_for <- function(features) {
  means <- colMeans(features)
  spread <- apply(features, 2, sd)
  rbind(features[seq(1, nrow(features), by = 4), , drop = FALSE], means, means + 2 * spread, means - 2 * spread)
}
design <- function(formula, data) {
  x <- model.matrix(formula, data)
  x[, colnames(x) != "(Intercept)", drop = FALSE]
}

mtcars_x <- design(am ~ hp + wt, mtcars)
reference("mtcars-am", "glm(am ~ hp + wt, binomial, mtcars)", mtcars_x, mtcars$am, points_for(mtcars_x))
infert_x <- design(case ~ age + parity + induced + spontaneous, infert)
reference("infert", "glm(case ~ age + parity + induced + spontaneous, binomial, infert)",
          infert_x, infert$case, points_for(infert_x))
birthwt_x <- design(low ~ age + lwt + factor(race) + smoke + ptl + ht + ui + ftv, birthwt)
reference("birthwt", "glm(low ~ age + lwt + factor(race) + smoke + ptl + ht + ui + ftv, binomial, MASS::birthwt)",
          birthwt_x, birthwt$low, points_for(birthwt_x))
esoph_x <- design(ncases ~ agegp + alcgp + tobgp, esoph)
esoph_trials <- esoph$ncases + esoph$ncontrols
reference("esoph-grouped", "glm(cbind(ncases, ncontrols) ~ agegp + alcgp + tobgp, binomial, esoph) as proportions with trial weights",
          esoph_x, esoph$ncases / esoph_trials, points_for(esoph_x), weights = esoph_trials)
# hpwt = hp + 2 wt is aliased: predict.glm uses the estimated columns only (R warns that the fit is
# rank-deficient); the points keep hpwt consistent with hp and wt.
collinear_x <- cbind(mtcars_x, hpwt = mtcars$hp + 2 * mtcars$wt)
collinear_points <- points_for(mtcars_x)
collinear_points <- cbind(collinear_points, hpwt = collinear_points[, "hp"] + 2 * collinear_points[, "wt"])
reference("mtcars-collinear", "glm(am ~ hp + wt + hpwt, binomial) with hpwt = hp + 2 wt (aliased)",
          collinear_x, mtcars$am, collinear_points, epsilon = 1e-8)
reference("mtcars-no-intercept", "glm(am ~ hp + wt - 1, binomial, mtcars)", mtcars_x, mtcars$am,
          points_for(mtcars_x), intercept = FALSE)
reference("mtcars-am-hc3", "glm(am ~ hp + wt, binomial, mtcars) with sandwich::vcovHC(type = \"HC3\")", mtcars_x,
          mtcars$am, points_for(mtcars_x), covariance = "HC3")
reference("infert-hc0", "glm(case ~ age + parity + induced + spontaneous, binomial, infert) with vcovHC HC0",
          infert_x, infert$case, points_for(infert_x), covariance = "HC0")
# Quasi-complete separation (every patient with NV = 1 has HG = 1): only Firth's fit has estimates.
data(endometrial, package = "brglm2")
endometrial_x <- design(HG ~ NV + PI + EH, endometrial)
reference("endometrial-firth", "brglmFit(HG ~ NV + PI + EH, brglm2::endometrial, type = \"AS_mean\") (NV separates)",
          endometrial_x, endometrial$HG, points_for(endometrial_x), method = "firth")
