#!/usr/bin/python3
"""Every table of fresh results files (callsim run with --calls, callsim compare) opens as a
labelled pandas frame: pandas.DataFrame(f[path][()]) with one row per (replication,
interval, call type) and so on, label columns holding names and clock times.

Run by ctest: labelled_frames_test.py CALLSIM_BINARY SOURCE_DIR. Exit 0 when every check
holds, 1 with the failed checks listed, 77 (ctest: skipped) without h5py or pandas.
Plain python3, no pytest.
"""
import os
import re
import subprocess
import sys
import tempfile

try:
    import h5py
    import pandas as pd
except ImportError as e:  # Debian: python3-h5py python3-pandas (scripts/install-deps)
    print(f"skipped: {e}")
    sys.exit(77)

failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
        print(f"FAILED: {what}")


def text(values):
    return [v.decode("utf-8") if isinstance(v, bytes) else str(v) for v in values]


def frames_of(path):
    """Every compound dataset of the file, by path, as a DataFrame."""
    found = {}
    with h5py.File(path, "r") as f:
        def visit(name, obj):
            if isinstance(obj, h5py.Dataset) and obj.dtype.names is not None:
                found["/" + name] = pd.DataFrame(obj[()])
        f.visititems(visit)
    return found


def check_run(f, frames, run):
    g = f[run]
    reps = int(g.attrs["replications"])
    types = text(g.attrs["call_types"])
    groups = text(g.attrs["agent_groups"])
    p = f"/{run}"
    intervals = frames[p + "/intervals"]
    n_int = len(intervals) // reps
    s = len(frames[p + "/summary"])
    expected = {"replications": reps, "intervals": reps * n_int, "interval_types": reps * n_int * len(types),
                "groups": reps * len(groups), "interval_groups": reps * n_int * len(groups), "summary": s,
                "interval_summary": n_int * s}
    if "forecast" in g:
        expected["forecast"] = n_int * len(types)
    if "call_type_inputs" in g:
        expected["call_type_inputs"] = len(types)
    for name, rows in expected.items():
        check(len(frames[f"{p}/{name}"]) == rows, f"{p}/{name} has {len(frames[f'{p}/{name}'])} rows, not {rows}")

    it = frames[p + "/interval_types"]
    check(set(text(it["call_type"].unique())) == set(types), f"{p}/interval_types call_type labels are the call types")
    check(sorted(it["replication"].unique().tolist()) == list(range(reps)), f"{p}/interval_types replications 0..R-1")
    clock = re.compile(r"^\d\d+:\d\d:\d\d$")
    check(all(clock.match(c) for c in text(it["clock"])), f"{p}/interval_types clock is HH:MM:SS")
    # Long means groupby works: one group per (interval, call type), R rows in each.
    sizes = it.groupby(["clock", "call_type"]).size()
    check(len(sizes) == n_int * len(types) and (sizes == reps).all(), f"{p}/interval_types groups by clock and type")
    gr = frames[p + "/groups"]
    check(text(gr["group"][: len(groups)]) == groups, f"{p}/groups group labels are the agent groups in order")
    check(str(gr["handled"].dtype) == "uint64", f"{p}/groups handled is an integer column")
    check(str(intervals["offered"].dtype) == "uint64", f"{p}/intervals offered is an integer column")
    # Counts add up: the call types of each (replication, interval) to the interval's.
    by_type = it.groupby(["replication", "interval"])["offered"].sum().to_numpy()
    check((by_type == intervals["offered"].to_numpy()).all(), f"{p}/interval_types offered adds up to intervals")
    # Per (replication, interval, group): the intervals of a group add up to the group's
    # tally, the groups of an interval to the interval's agent time.
    ig = frames[p + "/interval_groups"]
    check(text(ig["group"][: len(groups)]) == groups, f"{p}/interval_groups group labels are the agent groups")
    per_group = ig.groupby(["replication", "group"], sort=False)[["staffed_time", "busy_time", "handled"]].sum()
    check(per_group["handled"].to_numpy().tolist() == gr["handled"].to_numpy().tolist(),
          f"{p}/interval_groups handled adds up to groups")
    for field in ("staffed_time", "busy_time"):
        got = per_group[field].to_numpy()
        want = gr[field].to_numpy()
        check(len(got) == len(want) and (abs(got - want) <= 1e-9 * (1 + abs(want))).all(),
              f"{p}/interval_groups {field} adds up to groups")
        by_interval = ig.groupby(["replication", "interval"])[field].sum().to_numpy()
        want = intervals[field].to_numpy()
        check(len(by_interval) == len(want) and (abs(by_interval - want) <= 1e-9 * (1 + abs(want))).all(),
              f"{p}/interval_groups {field} adds up to intervals")
    summary = frames[p + "/interval_summary"]
    sl = summary[summary["kpi"] == b"service_level"]
    check(len(sl) == n_int, f"{p}/interval_summary has one service_level row per interval")
    check(text(sl["clock"]) == text(intervals["clock"][:n_int]), f"{p}/interval_summary clocks are the intervals'")
    if "calls" in g:
        check(len(frames[p + "/calls"]) == int(frames[p + "/replications"]["calls_simulated"].sum()),
              f"{p}/calls has one row per simulated call")


def main(binary, source):
    library = os.path.join(source, "scenarios", "library")
    with tempfile.TemporaryDirectory() as tmp:
        run_file = os.path.join(tmp, "run.h5")
        compare_file = os.path.join(tmp, "compare.h5")
        subprocess.run([binary, "run", os.path.join(library, "bank-weekday.yaml"), "-r", "3", "--calls", "-q",
                        "-o", run_file], check=True)
        subprocess.run([binary, "compare", os.path.join(library, "multiskill-small.yaml"), "--policy",
                        "longest_idle_agent", "--policy", "static_priority", "-r", "2", "-q", "-o", compare_file],
                       check=True)
        for path in (run_file, compare_file):
            frames = frames_of(path)
            check(len(frames) >= 6, f"{path} has tables")
            with h5py.File(path, "r") as f:
                check(int(f.attrs["format_version"]) == 4, f"{path} is format 4")
                runs = [n for n in f if isinstance(f[n], h5py.Group) and n not in ("comparison", "input_files")]
                for run in runs:
                    check_run(f, frames, run)
                inputs = frames["/inputs"]
                check(len(inputs) == len(f["input_files"]), f"{path}: one /input_files dataset per /inputs row")
                if "comparison" in f:
                    variants = text(f["comparison"].attrs["variants"])
                    day = frames["/comparison/day"]
                    s = len(day) // len(variants)
                    check(text(day["variant"].unique()) == variants, "/comparison/day variant labels")
                    check(len(frames["/comparison/intervals"]) % (len(variants) * s) == 0,
                          "/comparison/intervals has one row per (variant, interval, KPI)")
            for name, frame in frames.items():
                check(len(frame.columns) >= 2, f"{name} opens as a frame with columns")
    if failures:
        print(f"{len(failures)} checks failed")
        return 1
    print("every table opens as a labelled frame")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
