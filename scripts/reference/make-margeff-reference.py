#!/usr/bin/env python3
"""Marginal effects references: statsmodels' Logit(...).get_margeff(at = "overall" | "mean",
method = "dydx", dummy = True) for each case of src/test/resources/interpretation/<case>.json (written
by make-interpretation-reference.R), into <case>-margeff.json.

Two answers per `at`:
- "matrix": statsmodels itself, every 0/1 column a dummy of its own (discrete change from 0 to 1 with
  the other columns as they are), which is what the service does for a matrix model;
- "terms": a factor's dummy columns as one group (its level k against the reference: that dummy 1, the
  group's other dummies 0), as for a formula model. statsmodels has no such option; this script
  computes it from the same formulas (delta method, the model covariance), and checks that for groups
  of one column it equals statsmodels.

Frequency weights count as repeated rows (statsmodels' Logit takes none). Separated cases are skipped.
Run from the repository root (Debian 12: python3-statsmodels):
    /usr/bin/python3 scripts/reference/make-margeff-reference.py
"""
import glob
import json
import os

import numpy as np
from scipy.stats import norm
from statsmodels.discrete.discrete_model import Logit

DIR = "src/test/resources/interpretation"


def sigma(u):
    return 1 / (1 + np.exp(-u))


def grouped(X, b, V, groups, at, dummy_columns):
    """Effects and standard errors with each group of `groups` (lists of design columns) as discrete
    changes from the reference level; `dummy_columns` the single 0/1 columns treated as groups of one."""
    p = X.shape[1]
    rows = X if at == "overall" else X.mean(axis=0, keepdims=True)
    effects = np.zeros(p)
    jacobian = np.zeros((p, p))
    discrete = {}
    for group in groups:
        for column in group:
            discrete[column] = group
    for column in dummy_columns:
        discrete.setdefault(column, [column])
    for j in range(1, p):
        if j in discrete:
            x1 = rows.copy()
            x0 = rows.copy()
            x1[:, discrete[j]] = 0
            x0[:, discrete[j]] = 0
            x1[:, j] = 1
            mu1 = sigma(x1 @ b)
            mu0 = sigma(x0 @ b)
            effects[j] = np.mean(mu1 - mu0)
            jacobian[j] = np.mean((mu1 * (1 - mu1))[:, None] * x1 - (mu0 * (1 - mu0))[:, None] * x0, axis=0)
        else:
            mu = sigma(rows @ b)
            f = mu * (1 - mu)
            effects[j] = np.mean(f) * b[j]
            jacobian[j] = np.mean((f * (1 - 2 * mu) * b[j])[:, None] * rows, axis=0)
            jacobian[j, j] += np.mean(f)
    se = np.sqrt(np.einsum("ij,jk,ik->i", jacobian, V, jacobian))
    return effects[1:], se[1:]


def block(effects, se):
    z = effects / se
    q = norm.ppf(0.975)
    return {"dydx": effects.tolist(), "standardError": se.tolist(), "zValue": z.tolist(),
            "pValue": (2 * norm.sf(np.abs(z))).tolist(), "lower": (effects - q * se).tolist(),
            "upper": (effects + q * se).tolist()}


def main():
    for path in sorted(glob.glob(os.path.join(DIR, "*.json"))):
        if path.endswith("-margeff.json"):
            continue
        case = json.load(open(path))
        if case["separated"]:
            continue
        features = np.array(case["features"], dtype=float)
        labels = np.array(case["labels"], dtype=float)
        weights = case["weights"]
        repeat = np.ones(len(labels), dtype=int) if weights is None else np.array(weights, dtype=int)
        X = np.repeat(np.column_stack([np.ones(len(labels)), features]), repeat, axis=0)
        y = np.repeat(labels, repeat)
        fit = Logit(y, X).fit(method="newton", tol=1e-14, maxiter=200, disp=False)
        b = fit.params
        V = fit.cov_params()
        groups = [term["columns"] for term in case["terms"] if len(term["columns"]) > 1]
        out = {"name": case["name"], "coefficients": b.tolist()}
        for at in ["overall", "mean"]:
            margeff = fit.get_margeff(at=at, method="dydx", dummy=True)
            sm_effects, sm_se = np.asarray(margeff.margeff), np.asarray(margeff.margeff_se)
            dummies = [j for j in range(1, X.shape[1])
                       if X[:, j].min() == 0 and X[:, j].max() == 1 and np.all(X[:, j] % 1 == 0)]
            mine, mine_se = grouped(X, b, V, [], at, dummies)
            if not (np.allclose(mine, sm_effects, rtol=1e-9, atol=1e-12)
                    and np.allclose(mine_se, sm_se, rtol=1e-6, atol=1e-12)):
                raise SystemExit(f"{case['name']} {at}: the formulas differ from statsmodels")
            term_effects, term_se = grouped(X, b, V, groups, at, dummies)
            key = "average" if at == "overall" else "mean"
            out[key] = {"matrix": block(sm_effects, sm_se), "terms": block(term_effects, term_se)}
        target = path[:-5] + "-margeff.json"
        with open(target, "w") as handle:
            json.dump(out, handle, indent=1)
            handle.write("\n")
        print(f"{case['name']}: {X.shape[0]} rows, groups {groups}")


if __name__ == "__main__":
    main()
