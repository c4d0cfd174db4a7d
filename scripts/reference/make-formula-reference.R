#!/usr/bin/env Rscript
# Regenerates the references for tables and formulas in src/test/resources/design/: for each table
# (shipped with R or MASS) the raw table as the service takes it (strings, numbers, booleans, null)
# and, per formula, R's model.matrix (column names and values after na.omit), term labels, offset,
# rows omitted, glm's estimates, standard errors, deviances, drop1(fit, test = "LRT") and
# predict(fit, newdata, se.fit = TRUE). Run from the repository root:
#   Rscript scripts/reference/make-formula-reference.R
# Output is deterministic. Character columns become factors inside glm's model.frame with levels
# sorted in the C collation (the service's default order); a case's `factors` fixes levels as the
# service's request does.
suppressPackageStartupMessages({
  library(jsonlite)
  library(MASS)
})
invisible(Sys.setlocale("LC_COLLATE", "C"))
options(contrasts = c("contr.treatment", "contr.treatment"))
out_dir <- "src/test/resources/design"
dir.create(out_dir, showWarnings = FALSE, recursive = TRUE)

# 17 significant digits, formatted here because jsonlite caps digits at 15.
num17 <- function(x) ifelse(is.na(x), "null", sprintf("%.17g", x))
json <- function(text) structure(text, class = "json")
vec <- function(x) json(paste0("[", paste(num17(unname(x)), collapse = ","), "]"))
scalar <- function(x) json(num17(x))
matrix_json <- function(m) {
  rows <- vapply(seq_len(nrow(m)), function(i) paste0("[", paste(num17(m[i, ]), collapse = ","), "]"), "")
  json(paste0("[", paste(rows, collapse = ","), "]"))
}
column_json <- function(x) {
  if (is.factor(x)) x <- as.character(x)
  if (is.numeric(x)) return(vec(x))
  json(toJSON(x, na = "null"))
}
table_json <- function(df) {
  parts <- vapply(names(df), function(n) paste0(toJSON(n, auto_unbox = TRUE), ":", column_json(df[[n]])), "")
  json(paste0("{", paste(parts, collapse = ","), "}"))
}

# R's data for one case: the raw table with the case's factor levels applied.
with_levels <- function(raw, factors) {
  data <- raw
  for (column in names(factors)) {
    spec <- factors[[column]]
    values <- data[[column]]
    if (!is.null(spec$levels)) {
      values <- factor(values, levels = spec$levels)
    } else {
      values <- factor(values)
    }
    if (!is.null(spec$reference)) values <- relevel(values, ref = spec$reference)
    data[[column]] <- values
  }
  # what model.frame does to the other character columns (and glm needs for a response)
  for (column in names(data)) if (is.character(data[[column]])) data[[column]] <- factor(data[[column]])
  data
}

fit_case <- function(raw, formula_text, weights = NULL, factors = list(), newdata_rows = 1:5) {
  data <- with_levels(raw, factors)
  formula <- as.formula(formula_text)
  environment(formula) <- environment()
  w <- if (is.null(weights)) NULL else data[[weights]]
  # glm.fit's aliasing tolerance is min(1e-7, epsilon / 1000): at epsilon 1e-14 it aliases nothing
  # and a rank-deficient fit diverges (see scripts/reference/README.md), so those take 1e-8 and
  # iterate from their own estimates until they stop moving.
  control <- glm.control(epsilon = 1e-8, maxit = 100)
  fit <- glm(formula, family = binomial, data = data, weights = w, control = control)
  if (fit$rank == ncol(model.matrix(fit))) control <- glm.control(epsilon = 1e-14, maxit = 100)
  for (refit in 1:6) {
    if (!fit$converged) stop(formula_text, ": glm did not converge")
    start <- coef(fit)
    start[is.na(start)] <- 0
    # glm.fit's QR holds the weights of the iteration before the last: iterations from the
    # estimates put vcov at the estimates (see make-inference-reference.R).
    fit <- glm(formula, family = binomial, data = data, weights = w, start = start, control = control)
  }
  moved <- max(abs(coef(fit) - start) / pmax(abs(start), 1), na.rm = TRUE)
  if (moved > 1e-12) stop(formula_text, ": estimates still move by ", moved)
  x <- model.matrix(fit)
  mf <- model.frame(fit)
  off <- model.offset(mf)
  est <- coef(fit)
  se <- sqrt(diag(vcov(fit, complete = TRUE)))
  pw <- fit$prior.weights
  y <- fit$y
  mu <- fitted(fit)
  term <- function(p, q) ifelse(p == 0, 0, p * log(q))
  loglik <- sum(pw * (term(y, mu) + term(1 - y, 1 - mu)))
  d1 <- drop1(fit, test = "LRT")
  newdata <- raw[newdata_rows, , drop = FALSE]
  pred <- suppressWarnings(predict(fit, newdata = with_levels(newdata, factors), type = "link", se.fit = TRUE))
  expected <- list(
    columns = I(colnames(x)), terms = I(attr(terms(fit), "term.labels")),
    matrix = matrix_json(unname(x)), offset = if (is.null(off)) NULL else vec(off),
    rowsOmitted = nrow(raw) - nrow(mf), labels = vec(y), weights = vec(pw),
    estimates = vec(est), standardErrors = vec(se), deviance = scalar(fit$deviance),
    nullDeviance = scalar(fit$null.deviance), logLikelihood = scalar(loglik),
    aic = scalar(-2 * loglik + 2 * fit$rank), rank = fit$rank,
    drop1 = list(terms = I(rownames(d1)), df = vec(d1$Df), deviance = vec(d1$Deviance), aic = vec(d1$AIC),
                 lrt = vec(d1$LRT), pValue = vec(d1[["Pr(>Chi)"]])),
    predict = list(rows = vec(newdata_rows - 1), logit = vec(pred$fit), standardError = vec(pred$se.fit)))
  case <- list(formula = formula_text)
  if (!is.null(weights)) case$weights <- weights
  if (length(factors) > 0) case$factors <- factors
  case$expected <- expected
  cat(sprintf("  %-55s N=%3d p=%2d rank=%2d omitted=%d\n", formula_text, nrow(x), ncol(x), fit$rank,
              nrow(raw) - nrow(mf)))
  case
}

write_table <- function(name, description, raw, cases) {
  doc <- list(table = name, description = description, data = table_json(raw), cases = cases)
  writeLines(toJSON(doc, auto_unbox = TRUE, json_verbatim = TRUE, null = "null", na = "null"),
             file.path(out_dir, paste0(name, ".json")))
}

strings <- function(df) {
  for (n in names(df)) if (is.factor(df[[n]])) df[[n]] <- as.character(df[[n]])
  df
}

# Titanic as a data frame of counts: the counts are frequency weights; two-factor interactions.
cat("titanic\n")
titanic <- strings(as.data.frame(Titanic))
titanic_levels <- list(Class = list(levels = c("1st", "2nd", "3rd", "Crew")),
                       Survived = list(levels = c("No", "Yes")))
write_table("titanic", "as.data.frame(Titanic), Freq as weights", titanic, list(
  fit_case(titanic, "Survived ~ Class * Sex + Age", "Freq", titanic_levels, c(1, 6, 11, 20, 31)),
  fit_case(titanic, "Survived ~ Class + Sex + Age", "Freq"),
  fit_case(titanic, "Survived ~ . - Freq", "Freq", list(Sex = list(reference = "Male"))),
  fit_case(titanic, "Survived ~ Class:Sex + Age", "Freq"),
  fit_case(titanic, "Survived ~ 0 + Class + Sex", "Freq"),
  fit_case(titanic, "Survived ~ (Class + Sex + Age)^2 - Class:Age", "Freq")))

# warpbreaks: two factors and their interaction, margins absent (indicator coding), nesting.
cat("warpbreaks\n")
warp <- strings(warpbreaks)
warp$many <- as.integer(warp$breaks > 26)
warp_levels <- list(tension = list(levels = c("L", "M", "H")))
write_table("warpbreaks", "warpbreaks, many = breaks > 26", warp, list(
  fit_case(warp, "many ~ wool * tension", NULL, warp_levels, c(1, 10, 19, 28, 37, 46)),
  fit_case(warp, "many ~ wool * tension"),
  fit_case(warp, "many ~ wool:tension"),
  fit_case(warp, "many ~ 0 + wool:tension", NULL, warp_levels),
  fit_case(warp, "many ~ tension/wool", NULL, warp_levels),
  fit_case(warp, "many ~ tension + tension:wool - 1"),
  fit_case(warp, "many ~ (wool + tension)^2 - wool")))

# infert: numeric-by-factor interactions (with and without the factor's margin), I(), log(),
# factor() of a number, a reference level moved.
cat("infert\n")
inf <- strings(infert)
inf$stratum <- NULL
inf$pooled.stratum <- NULL
write_table("infert", "infert (without the strata)", inf, list(
  fit_case(inf, "case ~ education * age + spontaneous + induced", NULL, list(), c(1, 50, 100, 150, 200, 248)),
  fit_case(inf, "case ~ age:education + spontaneous"),
  fit_case(inf, "case ~ spontaneous * induced + I(age^2) + log(parity)"),
  fit_case(inf, "case ~ education + factor(induced) + exp(spontaneous/2)"),
  fit_case(inf, "case ~ education/age + sqrt(parity)", NULL,
           list(education = list(levels = c("0-5yrs", "6-11yrs", "12+ yrs"), reference = "6-11yrs")))))

# airquality: missing values (na.omit), factor(Month) sorted numerically, a logical column.
cat("airquality\n")
air <- airquality
air$high <- as.integer(air$Ozone > 60)
air$hot <- air$Temp > 80
air_rows <- c(1, 5, 10, 30, 60, 100, 150)
write_table("airquality", "airquality, high = Ozone > 60 (NA where Ozone is), hot = Temp > 80", air, list(
  fit_case(air, "high ~ Solar.R + Wind + factor(Month)", NULL, list(), air_rows),
  fit_case(air, "high ~ log(Solar.R) + Wind * hot", NULL, list(), air_rows),
  fit_case(air, "high ~ Wind + I(Temp/10) + I((Temp - 70)^2/100)", NULL, list(), air_rows),
  fit_case(air, "high ~ Wind + hot + factor(Month) - 1", NULL, list(), air_rows)))

# esoph: grouped data, cbind(successes, failures), levels given as in R.
cat("esoph\n")
eso <- strings(esoph)
esoph_levels <- list(agegp = list(levels = levels(esoph$agegp)), alcgp = list(levels = levels(esoph$alcgp)),
                     tobgp = list(levels = levels(esoph$tobgp)))
write_table("esoph", "esoph, cbind(ncases, ncontrols)", eso, list(
  fit_case(eso, "cbind(ncases, ncontrols) ~ agegp + tobgp + alcgp", NULL, esoph_levels, c(1, 20, 40, 60, 80)),
  fit_case(eso, "cbind(ncases, ncontrols) ~ agegp + alcgp + tobgp:alcgp", NULL, esoph_levels)))

# MASS::Insurance: an offset, factor() of numbers, arithmetic inside cbind.
cat("insurance\n")
ins <- strings(Insurance)
ins$District <- as.numeric(ins$District)
ins_levels <- list(Group = list(levels = levels(Insurance$Group)), Age = list(levels = levels(Insurance$Age)))
write_table("insurance", "MASS::Insurance, cbind(Claims, Holders - Claims) with offset(log(Holders))", ins, list(
  fit_case(ins, "cbind(Claims, Holders - Claims) ~ factor(District) + Group + Age + offset(log(Holders))",
           NULL, ins_levels, c(1, 17, 33, 49, 64)),
  fit_case(ins, "cbind(Claims, Holders - Claims) ~ factor(District) + Group + Age", NULL, ins_levels),
  fit_case(ins, "cbind(Claims, Holders - Claims) ~ Group + Age + offset(log(Holders)/10)", NULL, ins_levels)))

# The grammar: term labels, intercept and model.matrix column names (and values) of many formulas on
# a small table with two factors, numbers, a logical and a name that needs backquotes.
cat("grammar\n")
g <- data.frame(y = c(0, 1, 1, 0, 1, 0, 1, 1, 0, 0, 1, 0),
                a = c("p", "q", "r", "p", "q", "r", "p", "q", "r", "p", "q", "r"),
                b = c("u", "u", "v", "v", "u", "v", "v", "u", "u", "v", "u", "v"),
                x = c(1.5, 2, 3.25, 4, 5, 6.5, 7, 8, 9.75, 10, 11, 12),
                z = c(3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8),
                l = c(TRUE, FALSE, TRUE, TRUE, FALSE, FALSE, TRUE, FALSE, TRUE, FALSE, TRUE, TRUE),
                check.names = FALSE)
g[["my col"]] <- c(2, 7, 1, 8, 2, 8, 1, 8, 2, 8, 4, 5)
grammar <- c(
  "y ~ a", "y ~ a + b", "y ~ a * b", "y ~ a:b", "y ~ b:a", "y ~ a + a:b", "y ~ b + a:b", "y ~ 0 + a:b",
  "y ~ a * b - a", "y ~ a * b - 1", "y ~ -1 + a * b", "y ~ a * b + 0", "y ~ 0 + a + 1", "y ~ a - 1 + 1",
  "y ~ (a + b + x)^2", "y ~ (a + b + x)^3 - a:b:x", "y ~ .", "y ~ .^2", "y ~ . - z - `my col`",
  "y ~ a %in% b", "y ~ a/b", "y ~ (a + x)/b", "y ~ x:z + x", "y ~ x * z * l", "y ~ l", "y ~ 0 + l",
  "y ~ 0 + x + l:a", "y ~ `my col` + I(x^2) + log(z) + exp(x/10) + sqrt(z)",
  "y ~ I(x * 2 - 3/z) + I(-x) + I((x + 1)^2.5) + I(x^-1)", "y ~ x + I(100000 * x) + I(x/1e-05)",
  "y ~ factor(z)", "y ~ factor(z):a", "y ~ factor(l) + x", "y ~ a:x + b:x", "y ~ a + b + a:b:x",
  "y ~ x:a:b", "y ~ 1", "y ~ a + offset(x)", "y ~ a + offset(x) + offset(log(z))", "y ~ a + b + a - b",
  "y ~ (a + b)*(x + z)", "y ~ x + x:z + z:l - x", "y ~ a + (b + x)^2", "y ~ +a", "y ~ a + -1")
formulas <- lapply(grammar, function(text) {
  f <- as.formula(text)
  tt <- terms(f, data = g)
  mm <- model.matrix(tt, model.frame(tt, g))
  list(formula = text, terms = I(attr(tt, "term.labels")), intercept = attr(tt, "intercept") == 1,
       columns = I(colnames(mm)), matrix = matrix_json(unname(mm)))
})
writeLines(toJSON(list(data = table_json(g), formulas = formulas), auto_unbox = TRUE, json_verbatim = TRUE,
                  null = "null", na = "null"),
           file.path(out_dir, "grammar-r.json"))
cat(sprintf("  %d formulas\n", length(grammar)))
