#!/usr/bin/env python3
"""A second reference for formulas: statsmodels' formula API (patsy) on two of the R fixtures' tables.

Reads the raw tables of src/test/resources/design/{titanic,warpbreaks}.json (written by
make-formula-reference.R), fits glm(binomial) with statsmodels.formula.api.glm (frequency weights
for Titanic's counts), and writes src/test/resources/design/statsmodels-reference.json: per formula the
column names translated from patsy's (`Class[T.2nd]:Sex[T.Male]`) to R's (`Class2nd:SexMale`),
estimates, standard errors and deviance. Text columns are categorical with levels sorted as Python
sorts strings (by code point), the service's default. Run from the repository root:
    /usr/bin/python3 scripts/reference/make-formula-statsmodels.py
"""
import json
import re

import numpy as np
import pandas as pd
import statsmodels
import statsmodels.api as sm
import statsmodels.formula.api as smf

DIRECTORY = "src/test/resources/design"


def table(name):
    with open(f"{DIRECTORY}/{name}.json") as f:
        return pd.DataFrame(json.load(f)["data"])


def r_name(patsy_name):
    return "(Intercept)" if patsy_name == "Intercept" else re.sub(r"\[T\.([^\]]+)\]", r"\1", patsy_name)


def fit(name, data, formula, response, weights=None):
    kwargs = {"freq_weights": np.asarray(data[weights], dtype=float)} if weights else {}
    model = smf.glm(formula, data=data, family=sm.families.Binomial(), **kwargs)
    result = model.fit(tol=1e-14, maxiter=100)
    print(f"  {name}: {formula} (converged: {result.converged})")
    return {
        "table": name,
        "formula": response + " ~ " + formula.split("~", 1)[1].strip(),
        "weights": weights,
        "columns": [r_name(c) for c in result.params.index],
        "estimates": [float(v) for v in result.params.values],
        "standardErrors": [float(v) for v in result.bse.values],
        "deviance": float(result.deviance),
    }


titanic = table("titanic")
titanic["survived"] = (titanic["Survived"] == "Yes").astype(float)
warp = table("warpbreaks")
cases = [
    fit("titanic", titanic, "survived ~ Class * Sex + Age", "Survived", "Freq"),
    fit("titanic", titanic, "survived ~ Class + Sex + Age", "Survived", "Freq"),
    fit("warpbreaks", warp, "many ~ wool * tension", "many"),
    fit("warpbreaks", warp, "many ~ tension + wool", "many"),
]
with open(f"{DIRECTORY}/statsmodels-reference.json", "w") as f:
    json.dump({"statsmodels": statsmodels.__version__, "cases": cases}, f, indent=1)
    f.write("\n")
