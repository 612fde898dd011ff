#!/usr/bin/env python3
"""Prints glasstls-vs-OpenSSL ratios from a glasstls_bench JSON file.

    glasstls_bench --benchmark_repetitions=9 --benchmark_enable_random_interleaving=true \
        --benchmark_report_aggregates_only=true --benchmark_out=out.json
    python3 bench/ratios.py out.json

ratio = OpenSSL's median time per operation / ours (above 1: glasstls is faster). A row for a
named implementation, 'glasstls/X/<impl>' (portable, avx2, ...), is compared with 'openssl/X'.
Rows that report a heap_bytes counter (*/tls13/memory/...) are compared on it instead of time:
ratio = OpenSSL's median heap bytes / ours (above 1: glasstls holds less memory).
"""
import json
import sys


def main(path: str) -> int:
    with open(path) as f:
        data = json.load(f)
    median = {b["run_name"]: b["real_time"] for b in data["benchmarks"]
              if b.get("aggregate_name") == "median"}
    unit = {b["run_name"]: b.get("time_unit", "ns") for b in data["benchmarks"]}
    heap = {b["run_name"]: b["heap_bytes"] for b in data["benchmarks"]
            if b.get("aggregate_name") == "median" and "heap_bytes" in b}
    for name in heap:  # memory rows: compare bytes, not time
        median[name] = heap[name]
        unit[name] = " B"
    ctx = data.get("context", {})
    print(f"cpu features: {ctx.get('glasstls.cpu_features', '?')}")
    print(f"{'benchmark':44} {'glasstls':>12} {'openssl':>12} {'ratio':>7}")
    for name in sorted(median):
        if not name.startswith("glasstls/"):
            continue
        rest = name[len("glasstls/"):]
        twin = "openssl/" + rest
        if twin not in median and "/" in rest:
            twin = "openssl/" + rest.rsplit("/", 1)[0]
        if twin not in median:
            print(f"{name:44} {median[name]:10.1f}{unit[name]:>2} {'(no twin)':>12}")
            continue
        ratio = median[twin] / median[name]
        print(f"{name:44} {median[name]:10.1f}{unit[name]:>2} {median[twin]:10.1f}{unit[twin]:>2} "
              f"{ratio:7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "bench.json"))
