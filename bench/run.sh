#!/usr/bin/env bash
# The benchmark against scikit-learn (BENCHMARKS.md): seeded synthetic data written once, then
# our fit, sums and POST /models (Java, ./mvnw -Pbench) and scikit-learn / numpy (Debian's
# python3-sklearn on /usr/bin/python3) on the same bytes, then the report with the ratios:
# bench/results/report.md. About 5 minutes on 2 cores; run it on an otherwise idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(python3-sklearn python3-numpy python3-threadpoolctl libopenblas0-pthread)
if ! dpkg -s "${packages[@]}" >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y "${packages[@]}" || { apt-get update && apt-get install -y "${packages[@]}"; }
fi
# OpenBLAS picks its own kernel for this CPU; a CORETYPE or L2 size from the environment would not.
python=(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3)

echo "== machine"
lscpu | grep -E '^(Model name|CPU\(s\)|L1d|L2|L3)' || true
grep -o -w -E 'avx2|avx512f|fma' /proc/cpuinfo | sort -u | tr '\n' ' '; echo
java -version 2>&1 | head -2
echo "load before: $(uptime)"

"${python[@]}" bench/bench.py generate
echo "load before Java: $(cat /proc/loadavg)"
# The fit splits rows across its own workers: OpenBLAS runs each dsyrk on one thread (BlasGramKernel).
OPENBLAS_NUM_THREADS=1 ./mvnw -B -q -Pbench -DskipTests test-compile exec:exec
echo "load before Python: $(cat /proc/loadavg)"
"${python[@]}" bench/bench.py measure
echo "load after: $(cat /proc/loadavg)"
