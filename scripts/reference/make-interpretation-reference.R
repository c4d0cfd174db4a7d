#!/usr/bin/env Rscript
# Regenerates the interpretation references in src/test/resources/interpretation/<case>.json:
# profile-likelihood intervals by exact root finding on glm fits with an offset (and MASS::confint's
# spline-based intervals), the Hosmer-Lemeshow test grouped as ResourceSelection::hoslem.test, the le
# Cessie-van Houwelingen test as rms::residuals.lrm(type = "gof"), car::vif, drop1(test = "LRT") and
# rms::val.prob on new data. Run from the repository root (Debian 12: r-base-core, r-cran-mass,
# r-cran-car, r-cran-rms, r-cran-brglm2):
#   Rscript scripts/reference/make-interpretation-reference.R
# Two runs agree to the last bit or two (glm's arithmetic). statsmodels' marginal effects come from make-margeff-reference.py, which
# reads these files.
suppressPackageStartupMessages({
  library(MASS)
  library(car)
  library(rms)
  library(brglm2)
})
options(contrasts = c("contr.treatment", "contr.poly"))
out_dir <- "src/test/resources/interpretation"
dir.create(out_dir, showWarnings = FALSE, recursive = TRUE)

# 17 significant digits written by hand (jsonlite caps digits at 15, see make-reference.R).
num17 <- function(x) ifelse(is.na(x), "null", sprintf("%.17g", x))
vec <- function(x) paste0("[", paste(num17(unname(x)), collapse = ","), "]")
mat <- function(m) paste0("[", paste(vapply(seq_len(nrow(m)), function(i) vec(m[i, ]), ""), collapse = ","), "]")
str_json <- function(s) if (is.na(s)) "null" else paste0("\"", s, "\"")
obj <- function(...) {
  fields <- list(...)
  paste0("{", paste(sprintf("\"%s\": %s", names(fields), unlist(fields)), collapse = ", "), "}")
}
arr <- function(items) paste0("[", paste(items, collapse = ",\n  "), "]")

control <- glm.control(epsilon = 1e-15, maxit = 200)

# The deviance of the fit with coefficient j fixed at t: column j moves into the offset. IRLS from one
# start can break down (under large offsets from glm's default start, or far from the estimates), so
# the fit runs from three starts (the other estimates moved along the covariance's regression on b_j,
# the other estimates, glm's default) and the smallest deviance of the converged fits counts.
constrained_deviance <- function(X, y, w, b, v, j, t, ctl = control) {
  starts <- list(b[-j] + (t - b[j]) * v[-j, j] / v[j, j], b[-j], NULL)
  best <- NA_real_
  for (start in starts) {
    fit <- suppressWarnings(glm.fit(X[, -j, drop = FALSE], y, weights = w, offset = t * X[, j],
                                    family = binomial(), control = ctl, intercept = FALSE, start = start))
    if (fit$converged && is.finite(fit$deviance)) best <- min(best, fit$deviance, na.rm = TRUE)
  }
  best
}

# The two values of coefficient j where the constrained deviance exceeds the minimum by qchisq(level, 1),
# by uniroot on a bracket from the estimate outwards (steps sqrt(q) min(se, max(1, |b|)), doubling: under
# separation se is meaningless); NA for a side the deviance never reaches.
profile_interval <- function(X, y, w, b, v, dev0, level) {
  se <- sqrt(diag(v))
  q <- qchisq(level, 1)
  bounds <- matrix(NA_real_, ncol(X), 2)
  for (j in seq_len(ncol(X))) {
    for (side in 1:2) {
      s <- if (side == 1) -1 else 1
      f <- function(t) constrained_deviance(X, y, w, b, v, j, t, glm.control(epsilon = 1e-13, maxit = 500)) - dev0 - q
      step <- sqrt(q) * min(se[j], max(1, abs(b[j])))
      far <- b[j] + s * step
      found <- FALSE
      for (m in 0:40) {
        value <- f(far)
        if (is.na(value)) stop("no constrained fit converged")
        if (value > 0) { found <- TRUE; break }
        far <- b[j] + s * step * 2^(m + 1)
      }
      if (found) {
        root <- uniroot(f, sort(c(b[j], far)), tol = 1e-14 * max(1, abs(far)), maxiter = 1000)$root
        bounds[j, side] <- root
      }
    }
  }
  bounds
}

# ResourceSelection::hoslem.test's statistic (its code, which is not packaged for Debian): groups by
# cut(yhat, unique(quantile(yhat, 0:g/g)), include.lowest = TRUE), df = g - 2.
hoslem <- function(x, yhat, g = 10) {
  qq <- unique(quantile(yhat, probs = seq(0, 1, 1 / g)))
  cutyhat <- cut(yhat, breaks = qq, include.lowest = TRUE)
  observed <- xtabs(cbind(y0 = 1 - x, y1 = x) ~ cutyhat)
  expected <- xtabs(cbind(yhat0 = 1 - yhat, yhat1 = yhat) ~ cutyhat)
  chisq <- sum((observed - expected)^2 / expected)
  c(statistic = chisq, df = g - 2, p = 1 - pchisq(chisq, g - 2), groups = length(qq) - 1)
}

# le Cessie-van Houwelingen-Copas-Hosmer from its formula, checked against rms::residuals.lrm(type = "gof").
le_cessie <- function(X, y, p) {
  sse <- sum((y - p)^2)
  wt <- p * (1 - p)
  d <- 1 - 2 * p
  z <- lm.wfit(X, d, wt, method = "qr")
  res <- z$residuals * sqrt(z$weights)
  sd <- sqrt(sum(res^2))
  ev <- sum(wt)
  zz <- (sse - ev) / sd
  c(sse, ev, sd, zz, 2 * pnorm(-abs(zz)))
}

# formula on data (weights: frequency weights in column .w); terms for drop1 and vif from the formula;
# evaluation: a list(X =, y =, w =, coefficients =) of new rows and the coefficients to evaluate there.
reference <- function(name, description, formula, data, weights = NULL, evaluation = NULL, levels = 0.95) {
  environment(formula) <- environment()
  data$.w <- if (is.null(weights)) rep(1, nrow(data)) else weights
  fit <- glm(formula, family = binomial, data = data, weights = .w, control = control)
  X <- model.matrix(fit)
  y <- fit$y
  w <- fit$prior.weights
  b <- coef(fit)
  if (any(is.na(b))) stop(name, ": aliased columns")
  se <- sqrt(diag(vcov(fit)))
  separated <- any(abs(b) > 10 & se > 100)
  assign <- attr(X, "assign")
  labels <- attr(terms(fit), "term.labels")
  term_json <- vapply(seq_along(labels), function(k)
    obj(label = str_json(labels[k]), columns = vec(which(assign == k) - 1)), "")

  profiles <- vapply(levels, function(level) {
    bounds <- profile_interval(X, y, w, b, vcov(fit), fit$deviance, level)
    mass <- tryCatch(suppressMessages(suppressWarnings(confint(fit, level = level))),
                     error = function(e) matrix(NA_real_, ncol(X), 2))
    obj(level = num17(level), lower = vec(bounds[, 1]), upper = vec(bounds[, 2]),
        massLower = vec(mass[, 1]), massUpper = vec(mass[, 2]))
  }, "")

  # Frequency weights as repeated rows (the weighted cases have integer weights).
  rows <- rep(seq_len(nrow(X)), w)
  p <- fitted(fit)
  hl <- hoslem(y[rows], p[rows])
  lc <- le_cessie(X[rows, , drop = FALSE], y[rows], p[rows])
  if (!separated) { # rms's lrm cannot fit separated data
    expanded <- data.frame(.y = y[rows], X[rows, -1, drop = FALSE])
    lrm_fit <- lrm(.y ~ ., data = expanded, x = TRUE, y = TRUE, eps = 1e-10)
    lrm_gof <- residuals(lrm_fit, type = "gof")
    if (max(abs(lrm_gof - lc) / pmax(1, abs(lc))) > 1e-6) stop(name, ": le Cessie formula differs from rms")
  }

  vif_json <- "null"
  if (length(labels) >= 2) {
    v <- car::vif(fit)
    if (is.null(dim(v))) v <- cbind(GVIF = v, Df = 1, `GVIF^(1/(2*Df))` = sqrt(v))
    vif_json <- arr(vapply(seq_len(nrow(v)), function(k)
      obj(term = str_json(rownames(v)[k]), gvif = num17(v[k, 1]), df = v[k, 2], gvifAdjusted = num17(v[k, 3])), ""))
  }

  d1 <- drop1(fit, test = "LRT")
  loglik <- function(f) sum(w * ifelse(y == 1, log(fitted(f)), log(1 - fitted(f))))
  drop_json <- arr(vapply(seq_len(nrow(d1)), function(k)
    obj(term = str_json(if (k == 1) NA else rownames(d1)[k]), df = num17(d1$Df[k]), deviance = num17(d1$Deviance[k]),
        aic = num17(d1$AIC[k]), lrt = num17(d1$LRT[k]), pValue = num17(d1$`Pr(>Chi)`[k])), ""))

  eval_json <- "null"
  if (!is.null(evaluation)) {
    e <- evaluation
    logit <- drop(e$X %*% e$coefficients)
    erows <- rep(seq_len(nrow(e$X)), e$w)
    vp <- val.prob(plogis(logit[erows]), e$y[erows], pl = FALSE)
    # val.prob's C (ROC) comes from lrm.fit, which bins the probabilities; somers2's C is the exact area.
    exact_c <- Hmisc::somers2(plogis(logit[erows]), e$y[erows])[["C"]]
    eval_json <- obj(coefficients = vec(e$coefficients), features = mat(e$X[, -1, drop = FALSE]),
                     labels = vec(e$y), weights = if (all(e$w == 1)) "null" else vec(e$w),
                     intercept = num17(vp[["Intercept"]]), slope = num17(vp[["Slope"]]),
                     brier = num17(vp[["Brier"]]), rocAuc = num17(exact_c), valProbC = num17(vp[["C (ROC)"]]))
  }

  text <- paste0("{\n\"name\": ", str_json(name), ",\n\"description\": ", str_json(description),
    ",\n\"featureNames\": ", paste0("[", paste0("\"", colnames(X)[-1], "\"", collapse = ", "), "]"),
    ",\n\"features\": ", mat(X[, -1, drop = FALSE]), ",\n\"labels\": ", vec(y),
    ",\n\"weights\": ", if (all(w == 1)) "null" else vec(w),
    ",\n\"terms\": ", arr(term_json),
    ",\n\"separated\": ", tolower(separated),
    ",\n\"coefficients\": ", vec(b), ",\n\"deviance\": ", num17(fit$deviance),
    ",\n\"covariance\": ", mat(unname(vcov(fit))),
    ",\n\"profile\": ", arr(profiles),
    ",\n\"hosmerLemeshow\": ", obj(groups = hl[["groups"]], statistic = num17(hl[["statistic"]]), df = hl[["df"]],
                                   pValue = num17(hl[["p"]])),
    ",\n\"leCessieVanHouwelingen\": ", obj(sumOfSquares = num17(lc[1]), expected = num17(lc[2]), sd = num17(lc[3]),
                                          zValue = num17(lc[4]), pValue = num17(lc[5])),
    ",\n\"vif\": ", vif_json, ",\n\"drop1\": ", drop_json, ",\n\"evaluation\": ", eval_json, "\n}\n")
  writeLines(text, file.path(out_dir, paste0(name, ".json")))
  cat(sprintf("%-14s n = %4d, p = %2d, deviance %.6f, separated %s\n", name, nrow(X), ncol(X), fit$deviance,
              separated))
}

# A model evaluated on other rows: coefficients shrunk and shifted so that intercept and slope differ
# from 0 and 1.
other_coefficients <- function(b) c(b[1] + 0.3, 0.7 * b[-1])
same_rows <- function(formula, data, b) {
  X <- model.matrix(formula, data)
  list(X = X, y = as.numeric(model.response(model.frame(formula, data))), w = rep(1, nrow(X)),
       coefficients = other_coefficients(b))
}

reference("mtcars", "mtcars (n = 32): am ~ hp + wt; profile levels 0.95 and 0.8",
          am ~ hp + wt, mtcars, levels = c(0.95, 0.8),
          evaluation = same_rows(am ~ hp + wt, mtcars,
                                 coef(glm(am ~ hp + wt, binomial, mtcars, control = control))))

bw <- MASS::birthwt
bw$race <- factor(bw$race, labels = c("white", "black", "other"))
bw_formula <- low ~ age + lwt + race + smoke + ptl + ht + ui + ftv
reference("birthwt", "MASS::birthwt (n = 189): race a factor (treatment dummies), smoke/ht/ui 0/1",
          bw_formula, bw,
          evaluation = same_rows(bw_formula, bw, coef(glm(bw_formula, binomial, bw, control = control))))

reference("infert", "infert (n = 248): case ~ spontaneous + induced + age + parity",
          case ~ spontaneous + induced + age + parity, infert)

pima_formula <- type ~ npreg + glu + bp + skin + bmi + ped + age
pima_fit <- glm(pima_formula, binomial, MASS::Pima.tr, control = control)
pima_new <- MASS::Pima.te
reference("pima", "MASS::Pima.tr (n = 200), evaluated on MASS::Pima.te (n = 332)", pima_formula, MASS::Pima.tr,
          evaluation = list(X = model.matrix(pima_formula, pima_new), y = as.numeric(pima_new$type == "Yes"),
                            w = rep(1, nrow(pima_new)), coefficients = coef(pima_fit)))

ucb <- as.data.frame(UCBAdmissions)
ucb$admitted <- as.numeric(ucb$Admit == "Admitted")
reference("ucb", "UCBAdmissions (24 rows, frequency weights Freq, 4526 applicants): Dept a factor",
          admitted ~ Gender + Dept, ucb, weights = ucb$Freq)

data(endometrial, package = "brglm2")
reference("endometrial", "brglm2::endometrial (n = 79): quasi-complete separation along NV",
          HG ~ NV + PI + EH, endometrial)
