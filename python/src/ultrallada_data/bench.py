"""Read benchmark: ``python -m ultrallada_data.bench PATH [--passes N]``.

Reads and checks every record of PATH (a shard, manifest or split folder) in one process and prints
records/s and MB/s of decompressed payload (8 bytes per token + 16 per segment; 1 MB = 10^6 bytes).
The first pass warms the page cache; the best of the timed passes is reported (on a machine
shared with other work the best pass is the one least disturbed), with the median beside it, and
the MB per CPU-second of this process over all passes (the speed of one dedicated core).
"""
import argparse
import statistics
import time

from .split import open as open_ulds


def measure(path, passes: int = 10):
    reader = open_ulds(path)
    payload = reader.payload_bytes()
    records = len(reader)
    for _ in reader:  # warm-up: page cache and allocator
        pass
    times, cpu = [], []
    for _ in range(passes):
        start, start_cpu = time.perf_counter(), time.process_time()
        for _ in reader:
            pass
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    best, median = min(times), statistics.median(times)
    # CPU seconds of this process: what one dedicated core would give, whatever else the machine runs.
    cpu_total = sum(cpu)
    tokens = int(sum(int(s.index["n"].sum()) for s in reader.shards))
    return {"records": records, "tokens": tokens, "payload_bytes": payload, "seconds": best, "median_seconds": median,
            "records_per_s": records / best, "mb_per_s": payload / best / 1e6, "median_mb_per_s": payload / median / 1e6,
            "cpu_mb_per_s": payload * passes / cpu_total / 1e6 if cpu_total > 0 else float("inf")}


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m ultrallada_data.bench", description=__doc__.splitlines()[0])
    parser.add_argument("path")
    parser.add_argument("--passes", type=int, default=10)
    args = parser.parse_args(argv)
    m = measure(args.path, args.passes)
    print(f"{m['records']} records, {m['tokens']} tokens, {m['payload_bytes'] / 1e6:.1f} MB payload; best of {args.passes} passes {m['seconds'] * 1e3:.1f} ms")
    print(f"{m['records_per_s']:.1f} records/s, {m['mb_per_s']:.0f} MB/s of payload (one process, every check on); median pass {m['median_mb_per_s']:.0f} MB/s")
    print(f"{m['cpu_mb_per_s']:.0f} MB of payload per CPU-second of this process (all passes)")


if __name__ == "__main__":
    main()
