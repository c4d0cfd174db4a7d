# Reference fits of glmnet's binomial elastic net (glmnet 4.1, Debian r-cran-glmnet) on real data,
# written to src/test/resources/elasticnet/<case>.json for ElasticNetReferenceTest.
#
# Each case holds the data as the service takes it (featureNames, features, labels, weights), the
# options (alpha, standardize, fitIntercept, penaltyFactors, lambdas or nLambda/lambdaMinRatio), and
# glmnet's answers: the path (lambda, a0, beta per lambda, df, dev.ratio, nulldev) fitted with
# thresh = 1e-30, and for some cases cv.glmnet(foldid = ) with each type.measure: cvm, cvsd,
# lambda.min, lambda.1se. Why 1e-30, not 1e-20: glmnet's thresh bounds the last pass's squared
# moves, and coordinate descent creeps on correlated columns, so at 1e-20 glmnet still sits up to
# 1e-5 (relative) from the minimiser on wide interaction designs (measured on 60 rows of
# MASS::Boston with 55 interaction columns); at 1e-30 it agrees with the service to 3e-8.
#
#     Rscript scripts/reference/make-elastic-net-reference.R
suppressPackageStartupMessages({
  library(glmnet)
  library(MASS)
})

out <- "src/test/resources/elasticnet"
dir.create(out, showWarnings = FALSE, recursive = TRUE)

# A small JSON writer: numbers with 17 significant digits so every double reads back exactly.
num <- function(x) ifelse(is.na(x), "null", sprintf("%.17g", x))
json <- function(x) {
  if (inherits(x, "arr")) return(paste0("[", paste(num(unclass(x)), collapse = ","), "]"))
  if (is.list(x) && !is.null(names(x))) {
    keep <- !vapply(x, is.null, logical(1))
    x <- x[keep]
    return(paste0("{", paste0('"', names(x), '":', vapply(x, json, ""), collapse = ","), "}"))
  }
  if (is.list(x)) return(paste0("[", paste(vapply(x, json, ""), collapse = ","), "]"))
  if (is.character(x)) {
    if (length(x) == 1 && !inherits(x, "AsIs")) return(paste0('"', x, '"'))
    return(paste0("[", paste0('"', x, '"', collapse = ","), "]"))
  }
  if (is.logical(x)) return(if (x) "true" else "false")
  if (length(x) == 1) return(num(x))
  paste0("[", paste(num(x), collapse = ","), "]")
}
arr <- function(x) structure(as.numeric(x), class = "arr")
rows <- function(m) lapply(seq_len(nrow(m)), function(i) arr(m[i, ]))
cols <- function(m) lapply(seq_len(ncol(m)), function(j) arr(m[, j]))

path_of <- function(fit) {
  beta <- as.matrix(fit$beta)
  list(lambda = arr(fit$lambda), intercepts = arr(fit$a0), coefficients = cols(beta),
       df = arr(fit$df), devianceRatio = arr(fit$dev.ratio), nullDeviance = fit$nulldev)
}

write_case <- function(name, description, x, y, w, alpha, standardize = TRUE, intercept = TRUE,
                       penalty = NULL, lambdas = NULL, nlambda = 100, ratio = NULL,
                       foldid = NULL, measures = character(0)) {
  n <- nrow(x)
  pf <- if (is.null(penalty)) rep(1, ncol(x)) else penalty
  ymat <- cbind(1 - y, y)
  args <- list(x = x, y = ymat, weights = w, family = "binomial", alpha = alpha,
               standardize = standardize, intercept = intercept, penalty.factor = pf,
               thresh = 1e-30, maxit = 1e8)
  if (!is.null(lambdas)) args$lambda <- lambdas else {
    args$nlambda <- nlambda
    if (!is.null(ratio)) args$lambda.min.ratio <- ratio
  }
  fit <- do.call(glmnet, args)
  options <- list(alpha = alpha, standardize = standardize, fitIntercept = intercept,
                  lambdas = if (is.null(lambdas)) NULL else arr(lambdas),
                  nLambda = if (is.null(lambdas)) nlambda else NULL,
                  lambdaMinRatio = ratio,
                  penaltyFactors = if (is.null(penalty)) NULL else arr(penalty))
  expected <- list(path = path_of(fit))
  if (!is.null(lambdas) || TRUE) {
    # The same fit at the (default) path's lambdas given explicitly, as cv.glmnet's folds fit.
    explicit <- args
    explicit$lambda <- fit$lambda
    explicit$nlambda <- NULL
    explicit$lambda.min.ratio <- NULL
    expected$explicitPath <- path_of(do.call(glmnet, explicit))
  }
  if (!is.null(foldid)) {
    cv <- list()
    for (m in measures) {
      cvargs <- args
      cvargs$foldid <- foldid
      cvargs$type.measure <- m
      r <- do.call(cv.glmnet, cvargs)
      stopifnot(isTRUE(all.equal(r$lambda, fit$lambda)))
      cv[[m]] <- list(cvm = arr(r$cvm), cvsd = arr(r$cvsd), lambdaMin = r$lambda.min,
                      lambda1se = r$lambda.1se)
    }
    expected$crossValidation <- list(foldIds = arr(foldid), measures = cv)
  }
  doc <- list(case = name, description = description,
              request = list(featureNames = I(colnames(x)), features = rows(x), labels = arr(y),
                             weights = arr(w)),
              options = options, expected = expected)
  writeLines(json(doc), file.path(out, paste0(name, ".json")))
  cat(sprintf("%-28s N=%4d d=%3d lambdas=%3d last dev.ratio=%.4f df=%d\n", name, n, ncol(x),
              length(fit$lambda), tail(fit$dev.ratio, 1), tail(fit$df, 1)))
}

folds <- function(n, k, seed) {
  set.seed(seed)
  sample(rep(seq_len(k), length.out = n))
}

# 1. Lasso on birthwt (race as dummies), default path; cross-validation with every measure.
bw <- MASS::birthwt
x <- model.matrix(low ~ age + lwt + factor(race) + smoke + ptl + ht + ui + ftv, bw)[, -1]
write_case("birthwt-lasso",
           "glmnet(model.matrix(low ~ age + lwt + factor(race) + smoke + ptl + ht + ui + ftv, MASS::birthwt)[, -1])",
           x, bw$low, rep(1, nrow(x)), alpha = 1, foldid = folds(nrow(x), 5, 1),
           measures = c("deviance", "auc", "class", "mse"))

# 2. Grouped data with weights and soft labels: esoph, cases / (cases + controls), weighted by the total.
es <- esoph
x <- model.matrix(~ factor(agegp, ordered = FALSE) + factor(alcgp, ordered = FALSE) +
                    factor(tobgp, ordered = FALSE), es)[, -1]
colnames(x) <- sub("factor\\((\\w+), ordered = FALSE\\)", "\\1", colnames(x))
total <- es$ncases + es$ncontrols
write_case("esoph-weighted-elastic-net",
           "glmnet(model.matrix(~ agegp + alcgp + tobgp, esoph)[, -1], cbind(1 - y, y), weights = ncases + ncontrols, alpha = 0.5)",
           x, es$ncases / total, total, alpha = 0.5, foldid = folds(nrow(x), 4, 2),
           measures = c("deviance", "mse", "class"))

# 3. p > N: mtcars with every pairwise interaction (55 columns, 32 rows), lasso, default path.
x <- model.matrix(am ~ .^2, mtcars)[, -1]
write_case("mtcars-wide-lasso", "glmnet(model.matrix(am ~ .^2, mtcars)[, -1], am)", x, mtcars$am,
           rep(1, nrow(x)), alpha = 1, foldid = folds(nrow(x), 4, 3), measures = c("deviance", "class"))

# 4. Penalty factors: infert, age unpenalised, spontaneous penalised twice as much.
inf <- infert
x <- model.matrix(case ~ age + parity + education + induced + spontaneous, inf)[, -1]
pf <- ifelse(colnames(x) == "age", 0, ifelse(colnames(x) == "spontaneous", 2, 1))
write_case("infert-penalty-factors",
           "glmnet(model.matrix(case ~ age + parity + education + induced + spontaneous, infert)[, -1], alpha = 0.7, penalty.factor)",
           x, inf$case, rep(1, nrow(x)), alpha = 0.7, penalty = pf, foldid = folds(nrow(x), 10, 4),
           measures = c("deviance", "auc"))

# 5. No standardisation, no intercept, mostly ridge, on infert.
write_case("infert-unstandardized-no-intercept",
           "glmnet(..., alpha = 0.3, standardize = FALSE, intercept = FALSE) on infert",
           x, inf$case, rep(1, nrow(x)), alpha = 0.3, standardize = FALSE, intercept = FALSE,
           nlambda = 30, ratio = 1e-3)

# 6. Explicit lambdas (given unsorted) on Pima.tr, alpha 0.9: no early stop.
pima <- MASS::Pima.tr
x <- as.matrix(pima[, 1:7])
write_case("pima-explicit-lambdas", "glmnet(MASS::Pima.tr[, 1:7], type, alpha = 0.9, lambda = ...)",
           x, as.numeric(pima$type == "Yes"), rep(1, nrow(x)), alpha = 0.9,
           lambdas = c(0.2, 0.05, 0.1, 0.01, 0.001, 0.0001, 0))
