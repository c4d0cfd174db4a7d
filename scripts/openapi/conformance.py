#!/usr/bin/env python3
"""Sends documented requests through Prism's validating proxy and fails on any response that
breaks the OpenAPI document (and on any valid request that Prism thinks breaks it)."""
import json
import sys
import urllib.error
import urllib.request

PROXY = sys.argv[1]

MTCARS = {
    "name": "mtcars-am", "featureNames": ["hp", "wt"],
    "features": [[110, 2.62], [110, 2.875], [93, 2.32], [110, 3.215], [175, 3.44], [105, 3.46], [245, 3.57],
                 [62, 3.19], [95, 3.15], [123, 3.44], [123, 3.44], [180, 4.07], [180, 3.73], [180, 3.78],
                 [205, 5.25], [215, 5.424], [230, 5.345], [66, 2.2], [52, 1.615], [65, 1.835], [97, 2.465],
                 [150, 3.52], [150, 3.435], [245, 3.84], [175, 3.845], [66, 1.935], [91, 2.14], [113, 1.513],
                 [264, 3.17], [175, 2.77], [335, 3.57], [109, 2.78]],
    "labels": [1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1],
    "options": {"solver": "newton", "tolerance": 1e-8},
}

failures = []
checked = 0


def call(method, path, body=None, content_type="application/json", expect=200, request_valid=True):
    global checked
    data = None
    if body is not None:
        data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
    request = urllib.request.Request(PROXY + path, data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", content_type)
    try:
        response = urllib.request.urlopen(request, timeout=60)
        status, headers, payload = response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        status, headers, payload = error.code, error.headers, error.read()
    checked += 1
    violations = json.loads(headers.get("sl-violations", "[]"))
    for violation in violations:
        location = violation.get("location", [])
        if location[:1] == ["response"] or request_valid:
            failures.append(f"{method} {path} -> {status}: {violation.get('message')} at {'/'.join(map(str, location))}")
    if status != expect:
        failures.append(f"{method} {path}: expected {expect}, got {status}: {payload[:300]!r}")
    return json.loads(payload) if payload and headers.get("Content-Type", "").find("json") >= 0 else None


model = call("POST", "/models", MTCARS, expect=201)
model_id = model["id"]
call("GET", f"/models/{model_id}")
call("GET", "/models?page=0&size=5")
call("GET", f"/models/{model_id}/predict?features=110,2.62")
call("GET", f"/models/{model_id}/predict?features=110,2.62&threshold=0.3")
call("POST", f"/models/{model_id}/predict", {"features": [[110, 2.62], [93, 2.32]], "threshold": 0.5})
call("GET", f"/models/{model_id}/predict?hp=110&wt=2.62&interval=0.95")
call("POST", f"/models/{model_id}/predict", {"features": [[110, 2.62], [93, 2.32]], "interval": 0.9})
call("GET", "/v2/health/live")
call("GET", "/v2/health/ready")
call("GET", "/v2")
call("GET", f"/v2/models/{model_id}")
call("GET", f"/v2/models/{model_id}/ready")
call("POST", f"/v2/models/{model_id}/infer",
     {"id": "42", "parameters": {"threshold": 0.5}, "inputs": [{"name": "features", "shape": [2, 2], "datatype": "FP64",
                                                                "data": [110, 2.62, 93, 2.32]}],
      "outputs": [{"name": "probabilities"}, {"name": "labels"}]})
call("POST", f"/v2/models/{model_id}/infer",
     {"inputs": [{"name": "features", "shape": [1, 2], "datatype": "FP64", "data": [[110, 2.62]]}]})
call("POST", "/models?label=am&name=csv", "hp,wt,am\n110,2.62,1\n110,2.875,0\n93,2.32,1\n110,3.215,0\n175,3.44,0\n",
     content_type="text/csv", expect=201)
call("POST", "/models", {"features": [[-2], [-1], [1], [2]], "labels": [0, 0, 1, 1]}, expect=201)
call("POST", "/models", {"features": [[1, 2, 2], [2, 1, 4], [3, 0, 6], [4, 1, 8], [5, 1, 10], [6, 0, 12]],
                         "labels": [0, 1, 1, 0, 1, 0]}, expect=201)
call("POST", "/objective", {"features": [[1], [2], [3]], "labels": [0, 1, 1], "coefficients": [0, 0]})
# Firth's fit on separated data, robust covariances, by JSON and by CSV query parameters.
call("POST", "/models", {"features": [[-2], [-1], [1], [2]], "labels": [0, 0, 1, 1],
                         "options": {"method": "firth", "covariance": "HC3"}}, expect=201)
call("POST", "/models?label=am&method=firth&covariance=HC1",
     "hp,wt,am\n110,2.62,1\n110,2.875,0\n93,2.32,1\n110,3.215,0\n175,3.44,0\n", content_type="text/csv", expect=201)
call("POST", "/models", {**MTCARS, "options": {"covariance": "HC0"}}, expect=201)
# Client mistakes: Prism may flag the request (expected); the problem documents must match the spec.
call("POST", "/models", {"features": [[1, 2], [1]], "labels": [0, 1]}, expect=400, request_valid=False)
# (Malformed JSON is left out: Prism 5 hangs on a body it cannot parse.)
call("GET", "/models/does-not-exist", expect=404)
call("POST", "/models", {**MTCARS, "options": {"covariance": "HC9"}}, expect=400, request_valid=False)
call("POST", "/models", {**MTCARS, "options": {"method": "firth", "solver": "sgd"}}, expect=400)
call("GET", f"/models/{model_id}/predict?features=1", expect=400, request_valid=False)
call("GET", "/models?size=0", expect=400, request_valid=False)
call("GET", f"/models/{model_id}/predict?features=110,2.62&interval=1.5", expect=400, request_valid=False)
call("POST", "/objective", {"features": [[1]], "labels": [0]}, expect=400, request_valid=False)
call("GET", "/v2/models/does-not-exist", expect=404)
call("POST", f"/v2/models/{model_id}/infer",
     {"inputs": [{"name": "features", "shape": [1, 3], "datatype": "FP64", "data": [1, 2, 3]}]}, expect=400)
# Without logreg.spark.remote a source request is refused with a problem document.
call("POST", "/models", {"source": {"uri": "file:///tmp/none.parquet", "format": "parquet", "label": "y"}},
     expect=503)
call("GET", "/jobs/does-not-exist", expect=404)
call("DELETE", f"/models/{model_id}", expect=204)
call("DELETE", f"/models/{model_id}", expect=404)

for failure in failures:
    print("VIOLATION:", failure)
print(f"openapi conformance: {checked} exchanges checked, {len(failures)} violations")
sys.exit(1 if failures else 0)
