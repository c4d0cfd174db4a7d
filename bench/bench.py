"""The Python side of the benchmark (see BENCHMARKS.md): seeded synthetic data for both sides,
scikit-learn and numpy timings on the same bytes, and the combined report.

    python3 bench.py generate   writes bench/data/*.bin (and the JSON body of the end-to-end run)
    python3 bench.py measure    times numpy and scikit-learn, reads bench/results/java.json,
                                prints the report and writes bench/results/report.md

A .bin file is little-endian: int64 N, int64 d, then X (N x d float64, row-major), then y (N
float64, 0/1). The Java side (dev.logreg.bench.Benchmark) reads the same files.
"""
import json
import os
import platform
import statistics
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data")
RESULTS = os.path.join(HERE, "results")
SEED = 20260424
# name, N, d, repetitions (fewer for the big shapes: everything within ~20 minutes on 2 cores)
SHAPES = [("100000x40", 100_000, 40, 7), ("1000000x100", 1_000_000, 100, 3), ("100000x500", 100_000, 500, 3),
          ("20000x2000", 20_000, 2000, 1)]
E2E = ("100000x40", 100_000, 40)
E2E_REPS = 3


def bin_path(name):
    return os.path.join(DATA, name + ".bin")


def json_path(name):
    return os.path.join(DATA, name + ".json")


def make(n, d, seed):
    """Features N(0, 1) with column scales 1..3, coefficients N(0, 1/d), intercept -0.5."""
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((n, d)) * (1.0 + np.arange(d) % 3)
    beta = rng.normal(0.0, 1.0 / np.sqrt(d), size=d) / (1.0 + np.arange(d) % 3)
    u = -0.5 + x @ beta
    y = (rng.random(n) < 1.0 / (1.0 + np.exp(-u))).astype(np.float64)
    return x, y


def generate():
    os.makedirs(DATA, exist_ok=True)
    for index, (name, n, d, _) in enumerate(SHAPES):
        path = bin_path(name)
        if os.path.exists(path) and os.path.getsize(path) == 16 + 8 * (n * d + n):
            continue
        x, y = make(n, d, SEED + index)
        with open(path, "wb") as out:
            out.write(np.array([n, d], dtype="<i8").tobytes())
            out.write(np.ascontiguousarray(x, dtype="<f8").tobytes())
            out.write(np.ascontiguousarray(y, dtype="<f8").tobytes())
        print(f"wrote {path}", flush=True)
    name, n, d = E2E
    path = json_path(name)
    if not os.path.exists(path):
        x, y = read_bin(name)
        # repr-exact numbers: both sides parse the same decimal strings
        body = {"name": "bench-" + name, "features": x.tolist(), "labels": y.tolist(),
                "options": {"solver": "newton", "tolerance": 1e-8}}
        with open(path, "w") as out:
            json.dump(body, out, separators=(",", ":"))
        print(f"wrote {path} ({os.path.getsize(path) / 1e6:.0f} MB)", flush=True)


def read_bin(name):
    with open(bin_path(name), "rb") as f:
        n, d = np.frombuffer(f.read(16), dtype="<i8")
        x = np.fromfile(f, dtype="<f8", count=n * d).reshape(n, d)
        y = np.fromfile(f, dtype="<f8", count=n)
    return x, y


def timed(action, reps):
    times = []
    result = None
    for _ in range(reps):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    return statistics.median(times), times, result


def measure():
    from sklearn import __version__ as sklearn_version
    from sklearn.linear_model import LogisticRegression
    from threadpoolctl import threadpool_info

    with open(os.path.join(RESULTS, "java.json")) as f:
        java = json.load(f)
    blas = threadpool_info()
    print("threadpoolctl:", json.dumps(blas), flush=True)
    python = {"numpy": np.__version__, "sklearn": sklearn_version, "python": platform.python_version(),
              "blas": blas, "shapes": {}}

    for name, n, d, reps in SHAPES:
        x, y = read_bin(name)
        p = d + 1
        ones = np.column_stack([np.ones(n), x])  # the design with its intercept column, as ours
        ones.T @ ones
        gram_s, gram_all, _ = timed(lambda: ones.T @ ones, max(reps, 5))
        del ones
        shape = {"N": n, "d": d, "gram_seconds": gram_s, "gram_gflops": n * p * p / gram_s / 1e9,
                 "gram_all": gram_all}
        for solver, max_iter in (("newton-cholesky", 100), ("lbfgs", 1000)):
            model = LogisticRegression(penalty=None, solver=solver, tol=1e-8, max_iter=max_iter)
            seconds, all_times, fitted = timed(lambda: model.fit(x, y), reps)
            coef = np.concatenate([fitted.intercept_, fitted.coef_.ravel()])
            ours = np.array(java["shapes"][name]["coefficients"])
            shape[solver] = {"seconds": seconds, "all": all_times, "iterations": int(fitted.n_iter_[0]),
                             "max_abs_coef_diff_vs_ours": float(np.max(np.abs(coef - ours)))}
            print(f"{name} {solver}: {seconds:.3f} s, {fitted.n_iter_[0]} iterations", flush=True)
        python["shapes"][name] = shape
        print(f"{name} X.T @ X: {gram_s:.4f} s, {shape['gram_gflops']:.1f} GF/s", flush=True)
        del x, y

    name, n, d = E2E
    with open(json_path(name), "rb") as f:
        body = f.read()

    def parse_and_fit():
        document = json.loads(body)
        x = np.asarray(document["features"], dtype=np.float64)
        y = np.asarray(document["labels"], dtype=np.float64)
        parsed = time.perf_counter()
        LogisticRegression(penalty=None, solver="newton-cholesky", tol=1e-8).fit(x, y)
        return parsed

    times, parse_times = [], []
    for _ in range(E2E_REPS):
        start = time.perf_counter()
        parsed = parse_and_fit()
        end = time.perf_counter()
        times.append(end - start)
        parse_times.append(parsed - start)
    python["e2e"] = {"seconds": statistics.median(times), "parse_seconds": statistics.median(parse_times),
                     "all": times, "bytes": len(body)}
    print(f"e2e python {name}: {python['e2e']['seconds']:.3f} s (parse {python['e2e']['parse_seconds']:.3f} s)", flush=True)
    with open(os.path.join(RESULTS, "python.json"), "w") as f:
        json.dump(python, f, indent=1)
    report(java, python)


def report(java, python):
    lines = []
    add = lines.append
    add(f"Java: {java['java']}, kernel: {java['kernel']}, fit parallelism {java['parallelism']}")
    add(f"Python {python['python']}, numpy {python['numpy']}, scikit-learn {python['sklearn']}, BLAS: "
        + "; ".join(f"{b.get('internal_api')} {b.get('version')} {b.get('architecture')} "
                    f"{b.get('num_threads')} threads" for b in python["blas"]))
    add("")
    add("| shape (N x d) | ours: whole fit | ours: Newton alone | iterations | sklearn newton-cholesky "
        "| whole fit / newton-cholesky | Newton / newton-cholesky | sklearn lbfgs | whole fit / lbfgs "
        "| max abs coef diff |")
    add("|---|---|---|---|---|---|---|---|---|---|")
    for name, *_ in SHAPES:
        j = java["shapes"][name]
        p = python["shapes"][name]
        nc = p["newton-cholesky"]
        lb = p["lbfgs"]
        add(f"| {name} | {j['fit_seconds']:.3f} s | {j['newton_seconds']:.3f} s | {j['iterations']} "
            f"| {nc['seconds']:.3f} s ({nc['iterations']} it) | {j['fit_seconds'] / nc['seconds']:.2f} "
            f"| {j['newton_seconds'] / nc['seconds']:.2f} "
            f"| {lb['seconds']:.3f} s ({lb['iterations']} it) | {j['fit_seconds'] / lb['seconds']:.2f} "
            f"| {nc['max_abs_coef_diff_vs_ours']:.1e} |")
    add("")
    add("| shape | Newton alone | after Newton within the whole fit | after / Newton (goal <= 0.15) |")
    add("|---|---|---|---|")
    for name, *_ in SHAPES:
        j = java["shapes"][name]
        add(f"| {name} | {j['newton_seconds']:.3f} s | {j['after_newton_seconds']:.3f} s "
            f"| {j['after_newton_seconds'] / j['newton_seconds']:.2f} |")
    add("")
    add(f"Java kernel beside it: {java['shapes'][SHAPES[0][0]].get('gram_java_kernel')}")
    add("")
    add("| shape (N x p, p = d + 1) | ours: X^T W X (all sums) | GF/s | Java kernel GF/s | numpy X.T @ X | GF/s "
        "| ours / numpy GF/s | Java kernel / numpy |")
    add("|---|---|---|---|---|---|---|---|")
    for name, *_ in SHAPES:
        j = java["shapes"][name]
        p = python["shapes"][name]
        add(f"| {name} | {j['gram_seconds'] * 1e3:.1f} ms | {j['gram_gflops']:.1f} | {j['gram_java_gflops']:.1f} "
            f"| {p['gram_seconds'] * 1e3:.1f} ms | {p['gram_gflops']:.1f} | {j['gram_gflops'] / p['gram_gflops']:.2f} "
            f"| {j['gram_java_gflops'] / p['gram_gflops']:.2f} |")
    add("")
    e2e_java = java["e2e"]
    e2e_python = python["e2e"]
    add(f"End to end, {E2E[0]} as JSON ({e2e_python['bytes'] / 1e6:.0f} MB): POST /models "
        f"{e2e_java['seconds']:.3f} s (of which the fit {e2e_java['fit_seconds']:.3f} s); Python json.loads + "
        f"np.asarray + newton-cholesky {e2e_python['seconds']:.3f} s (parse {e2e_python['parse_seconds']:.3f} s); "
        f"ratio {e2e_java['seconds'] / e2e_python['seconds']:.2f}. The service's GC log (-Xmx1g): largest "
        f"occupancy {e2e_java['serverHeap']['maxBeforeGcMiB']} MiB before a collection, "
        f"{e2e_java['serverHeap']['maxAfterGcMiB']} MiB after one.")
    add("")
    add("| shape | 8 N p | -Xmx (2 x 8 N p + 64 MB) | fit completed | peak heap used (pools) | peak / 8 N p |")
    add("|---|---|---|---|---|---|")
    for name, *_ in SHAPES:
        h = java["shapes"][name]["heap"]
        add(f"| {name} | {h['dataBytes'] / 2**20:.0f} MiB | {h['xmxBytes'] / 2**20:.0f} MiB | {h['completed']} "
            f"| {h['peakUsedBytes'] / 2**20:.0f} MiB | {h['peakUsedBytes'] / h['dataBytes']:.2f} |")
    text = "\n".join(lines)
    print(text)
    with open(os.path.join(RESULTS, "report.md"), "w") as f:
        f.write(text + "\n")


if __name__ == "__main__":
    {"generate": generate, "measure": measure}[sys.argv[1]]()
