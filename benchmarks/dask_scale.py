"""`framing features --dask local:N` on many copies of the AllSides corpus: time and peak memory.

    python benchmarks/dask_scale.py [--copies 10] [--shards 40] [--workers 2]
                                    [--work /tmp/framing-scale] [--report]

Writes `copies` copies of ../shared/data/allsides/articles.jsonl.gz (each article with a new
id, `<id>-c<k>`) as `shards` Parquet files under `--work` (never in the repository), runs
`framing features '<work>/shards/part-*.parquet' --dask local:N --no-cache --keep-furniture` (with
`--report`, `framing report --profile handout` too) and samples, every half second, the peak
resident memory (VmHWM) of the client process and of every process it starts (the
LocalCluster's nannies and workers). Prints the time, each process's peak and the load
average before and after: the machine is shared, say what else ran.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
ALLSIDES = Path(os.environ.get("FRAMING_SHARED_DATA") or PROJECT.parent / "shared" / "data"
                ) / "allsides" / "articles.jsonl.gz"


def write_copies(work: Path, copies: int, shards: int) -> str:
    """The copies as Parquet shards (made once); their glob."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder = work / "shards"
    pattern = str(folder / "part-*.parquet")
    if folder.is_dir() and len(list(folder.glob("part-*.parquet"))) == shards:
        return pattern
    folder.mkdir(parents=True, exist_ok=True)
    with gzip.open(ALLSIDES, "rt", encoding="utf-8") as file:
        rows = [json.loads(line) for line in file if line.strip()]
    keys = sorted({key for row in rows for key in row})
    total = len(rows) * copies
    size = -(-total // shards)
    every = ({**row, "id": f"{row['id']}-c{k}"} for k in range(copies) for row in rows)
    for shard in range(shards):
        batch = [next(every) for _ in range(min(size, total - shard * size))]
        table = pa.table({key: pa.array([None if row.get(key) is None else str(row.get(key))
                                         for row in batch], type=pa.string()) for key in keys})
        pq.write_table(table, folder / f"part-{shard:05d}.parquet", compression="zstd")
    return pattern


def peak_kib(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def measure(command: list[str]) -> dict:
    """Run `command`; its time and the peak memory of it and each process under it."""
    import psutil

    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=PROJECT)
    peaks: dict[int, tuple[str, int]] = {}
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            try:
                tree = [psutil.Process(process.pid)]
                tree += tree[0].children(recursive=True)
            except psutil.Error:
                tree = []
            for member in tree:
                kib = peak_kib(member.pid)
                if kib is None:
                    continue
                try:
                    line = " ".join(member.cmdline())
                except psutil.Error:
                    line = "?"
                role = ("client" if member.pid == process.pid else
                        "nanny" if "Nanny" in line or "nanny" in line else "worker")
                peaks[member.pid] = (role, max(kib, peaks.get(member.pid, ("", 0))[1]))
            stop.wait(0.5)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    code = process.wait()
    stop.set()
    sampler.join()
    return {"seconds": round(time.perf_counter() - start, 1), "exit": code,
            "peaks_mb": sorted(((role, round(kib / 1024)) for role, kib in peaks.values()),
                               key=lambda item: (item[0], -item[1]))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--shards", type=int, default=40)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--work", type=Path, default=Path("/tmp/framing-scale"))
    parser.add_argument("--report", action="store_true")
    args = parser.parse_args()
    pattern = write_copies(args.work, args.copies, args.shards)
    framing = [sys.executable, "-m", "framing"]
    # The copies are written as the export is, not through `framing corpus import --shards`
    # (which would remove each outlet's furniture first): the furniture stays in the text.
    runs = {"features": [*framing, "features", pattern, "-o", str(args.work / "features"),
                         "--no-cache", "--quiet", "--keep-furniture", "--dask",
                         f"local:{args.workers}"]}
    if args.report:
        runs["report"] = [*framing, "report", pattern, "-o", str(args.work / "report.pdf"),
                          "--profile", "handout", "--no-cache", "--quiet", "--keep-furniture",
                          "--dask", f"local:{args.workers}"]
    for name, command in runs.items():
        before = os.getloadavg()
        figures = measure(command)
        after = os.getloadavg()
        print(json.dumps({"run": name, **figures,
                          "load_before": [round(x, 2) for x in before],
                          "load_after": [round(x, 2) for x in after]}), flush=True)


if __name__ == "__main__":
    main()
