#!/usr/bin/python3
"""Example reader for callsim results files (format_version 2 to 4, docs/results-format.md).

Reads every dataset of the file and names each one it reads ("dataset /<path>: ..."):
the provenance attributes (seed, command line, overrides, complete), the scenario text,
and, for each run, the replications table (a few KPIs per replication), the KPI summary
table and the service level per reporting interval:
the mean over the replications in which it is defined, and the value pooled over all
replications, recomputed from the raw tallies. When the run names call types and agent
groups, it also prints each call type's service level (mean over replications) and each
agent group's occupancy and average handle time (means over replications). When the run
has the optional per-call table (callsim run --calls), it prints a summary of it: calls per
outcome and the mean wait and talk time of the answered ones, over the counted calls.
When the file holds a comparison (callsim compare, format_version 3), it prints each
variant's paired differences to the baseline for the whole day, and the intervals in which
the service-level difference is significant. From format_version 4 on it also prints the
files the run read (role, path, size, SHA-256, checked against the stored bytes), each
run's per-interval KPI summary, and what the file knows of the run's inputs (the scenario
as applied, the forecast, handle and patience means).

Format 4 tables are 1-D and long, one row per (replication, interval, call type) and so
on, with label columns: pandas.DataFrame(f["/run/interval_types"][()]) is a labelled frame.
This reader reshapes them into the arrays of format 3, (replications, intervals, call
types), so that one piece of code reads both.

Usage:  /usr/bin/python3 docs/read_results.py RESULTS.h5
Needs h5py and numpy (Debian: apt-get install python3-h5py python3-numpy).
"""
import sys

import h5py
import numpy as np

import hashlib

FORMAT_VERSIONS = (2, 3, 4)


def text(value):
    """Strings come back as str (variable-length) or bytes (fixed-length fields)."""
    if isinstance(value, bytes):
        return value.rstrip(b"\0").decode("utf-8", errors="replace")
    return str(value)


def runs_in_write_order(f, version):
    """Every group under / is a run, except /comparison from version 3 on; the file tracks
    link creation order, so use it."""
    names = []
    f.id.links.iterate(names.append, idx_type=h5py.h5.INDEX_CRT_ORDER)
    names = [name.decode() for name in names]
    return [name for name in names
            if isinstance(f[name], h5py.Group) and not (version >= 3 and name == "comparison")
            and not (version >= 4 and name == "input_files")]


def table(run, name, *axes):
    """The table `name` of `run` as an array of shape `axes` (-1 for the intervals, which
    follow from the rows): format 4 stores it 1-D in that order, format 3 in that shape."""
    rows = run[name][...]
    if rows.ndim == 1 and len(axes) > 1:
        known = int(np.prod([a for a in axes if a != -1]))
        shape = tuple(0 if a == -1 and known == 0 else a for a in axes)
        rows = rows.reshape(shape)
    return rows


def replication_count(run):
    return int(run.attrs["replications"])


def print_replications(run):
    rows = run["replications"][...]  # structured array, shape (replications,)
    print(f"  dataset {run.name}/replications: {rows.shape[0]} rows, one per replication")
    print(f"  {'replication':>11} {'calls':>10} {'offered':>10} {'service_level':>14} {'asa_s':>10}")
    for row in rows:
        print(f"  {int(row['replication']):>11d} {int(row['calls_simulated']):>10d} {row['offered']:>10.0f}"
              f" {row['service_level']:>14.6f} {row['asa']:>10.4f}")


def print_summary(run):
    print(f"  dataset {run.name}/summary: {run['summary'].shape[0]} KPIs")
    print(f"  {'kpi':<32} {'unit':<9} {'mean':>14} {'std':>14} {'ci95':>14} {'n':>4}")
    for row in run["summary"][...]:
        print(f"  {text(row['kpi']):<32} {text(row['unit']):<9} {row['mean']:>14.6f}"
              f" {row['std']:>14.6f} {row['ci95']:>14.6f} {int(row['n']):>4d}")


def mean_where_defined(values):
    """Mean over axis 0 of the non-NaN values, and how many there were (NaN if none)."""
    defined = ~np.isnan(values)
    n = defined.sum(axis=0)
    total = np.where(defined, values, 0.0).sum(axis=0)
    return np.divide(total, n, out=np.full(total.shape, np.nan), where=n > 0), n


def print_interval_service_level(run):
    rows = table(run, "intervals", replication_count(run), -1)  # shape (replications, intervals)
    print(f"  dataset {run.name}/intervals: shape {rows.shape}")
    if rows.size == 0:
        print("  no intervals")
        return
    mean, n = mean_where_defined(rows["service_level"])  # NaN where an interval had nobody to serve
    # Pooled: the KPI's definition applied to the tallies summed over replications.
    within = rows["answered_within"].sum(axis=0).astype(np.float64)
    denominator = (rows["answered"] + rows["abandoned"] - rows["abandoned_within"]).sum(axis=0)
    pooled = np.divide(within, denominator, out=np.full(within.shape, np.nan), where=denominator > 0)
    print("  service level per interval: mean over replications where defined (n of them),"
          " and pooled from the summed tallies")
    print(f"  {'interval':>9} {'start_s':>10} {'mean':>12} {'n':>3} {'pooled':>12}")
    starts = rows["interval_start"][0]
    for i in range(rows.shape[1]):
        print(f"  {i:>9d} {starts[i]:>10.1f} {mean[i]:>12.6f} {int(n[i]):>3d} {pooled[i]:>12.6f}")


def print_call_type_service_level(run):
    names = [text(name) for name in run.attrs["call_types"]]
    rows = table(run, "interval_types", replication_count(run), -1, len(names))  # (replications, intervals, call types)
    print(f"  dataset {run.name}/interval_types: shape {rows.shape}")
    if not names or rows.shape[0] == 0:
        return
    # A replication's whole-period figure for a type: its tallies summed over the intervals.
    within = rows["answered_within"].sum(axis=1).astype(np.float64)  # shape (replications, call types)
    denominator = (rows["answered"] + rows["abandoned"] - rows["abandoned_within"]).sum(axis=1)
    sl = np.divide(within, denominator, out=np.full(within.shape, np.nan), where=denominator > 0)
    mean, n = mean_where_defined(sl)
    print("  service level per call type: mean over replications where defined (n of them)")
    print(f"  {'mean':>12} {'n':>3}  call type")
    for k, name in enumerate(names):
        print(f"  {mean[k]:>12.6f} {int(n[k]):>3d}  {name}")


def print_group_occupancy(run):
    names = [text(name) for name in run.attrs["agent_groups"]]
    rows = table(run, "groups", replication_count(run), len(names))  # shape (replications, groups)
    print(f"  dataset {run.name}/groups: shape {rows.shape}")
    if not names or rows.shape[0] == 0:
        return
    occupancy, n_occupancy = mean_where_defined(rows["occupancy"])  # NaN where nobody was staffed
    aht, n_aht = mean_where_defined(rows["aht"])  # NaN where the group answered no call
    print("  per agent group: occupancy and average handle time, means over replications where defined")
    print(f"  {'occupancy':>12} {'n':>3} {'aht_s':>12} {'n':>3}  agent group")
    for g, name in enumerate(names):
        print(f"  {occupancy[g]:>12.6f} {int(n_occupancy[g]):>3d} {aht[g]:>12.6f} {int(n_aht[g]):>3d}  {name}")


def print_interval_group_occupancy(run):
    """Occupancy per agent group and interval, pooled over the replications (busy over
    staffed agent time), from the long table interval_groups."""
    if "interval_groups" not in run:  # format 3, and the first format 4 files
        return
    names = [text(name) for name in run.attrs["agent_groups"]]
    rows = table(run, "interval_groups", replication_count(run), -1, len(names))  # (replications, intervals, groups)
    print(f"  dataset {run.name}/interval_groups: shape {rows.shape}")
    if not names or rows.shape[0] == 0 or rows.shape[1] == 0:
        return
    busy, staffed = rows["busy_time"].sum(axis=0), rows["staffed_time"].sum(axis=0)  # (intervals, groups)
    occupancy = np.divide(busy, staffed, out=np.full(busy.shape, np.nan), where=staffed > 0)
    agents = staffed / (replication_count(run) * run.attrs["interval_seconds"])
    clocks = [text(c) for c in rows["clock"][0, :, 0]]
    print("  per interval and agent group: agents on duty (mean) and occupancy (pooled), first intervals")
    print(f"  {'clock':>10}  " + "  ".join(f"{name[:16]:>16}" for name in names))
    for i in range(min(4, len(clocks))):
        cells = "  ".join(f"{agents[i, g]:>7.2f} {occupancy[i, g]:>8.3f}" for g in range(len(names)))
        print(f"  {clocks[i]:>10}  {cells}")


def print_calls(run):
    """Summary of the optional per-call table, read a slice at a time (it can be large)."""
    if "calls" not in run:
        return
    table = run["calls"]
    names = h5py.check_enum_dtype(table.dtype["outcome"])  # {'answered': 0, ...}
    by_value = {value: name for name, value in names.items()}
    counts = {name: 0 for name in names}
    rows = 0
    counted_rows = 0
    waits = talks = 0.0
    step = 1 << 20
    for start in range(0, table.shape[0], step):
        calls = table[start:start + step]
        rows += calls.shape[0]
        calls = calls[calls["counted"] == 1]
        counted_rows += calls.shape[0]
        values, n = np.unique(calls["outcome"], return_counts=True)
        for value, count in zip(values, n):
            counts[by_value[int(value)]] += int(count)
        answered = calls[calls["outcome"] == names["answered"]]
        waits += answered["wait"].sum()
        talks += answered["talk"].sum()
    print(f"  dataset {table.name}: {rows} rows")
    print(f"  per-call table: {rows} calls, {counted_rows} counted; counted calls by outcome:")
    for name, count in counts.items():
        print(f"  {count:>12d}  {name}")
    if counts["answered"]:
        print(f"  answered: mean wait {waits / counts['answered']:.6f} s,"
              f" mean talk {talks / counts['answered']:.6f} s")


def print_comparison(f):
    """The paired differences of /comparison: variant minus baseline, replication by replication."""
    group = f["comparison"]
    variants = [text(name) for name in group.attrs["variants"]]
    day = table(group, "day", len(variants), -1)                 # shape (variants, KPIs)
    kpis = day.shape[1] if len(variants) else 0
    intervals = table(group, "intervals", len(variants), -1, kpis)  # shape (variants, intervals, KPIs)
    print()
    print(f"dataset /comparison/day: shape {day.shape}; dataset /comparison/intervals: shape {intervals.shape}")
    print(f"comparison against the baseline '{text(group.attrs['baseline'])}': paired differences"
          " (variant minus baseline) with 95% CI half-widths; * = the CI excludes 0")
    for v, name in enumerate(variants):
        print(f"  variant '{name}'")
        print(f"  {'kpi':<32} {'unit':<9} {'difference':>14} {'ci95':>14} {'n':>4}")
        for row in day[v]:
            mark = " *" if row["significant"] else ""
            print(f"  {text(row['kpi']):<32} {text(row['unit']):<9} {row['mean']:>14.6f}"
                  f" {row['ci95']:>14.6f} {int(row['n']):>4d}{mark}")
        if intervals.shape[1] == 0:
            continue
        kpis = [text(k) for k in intervals[v, 0]["kpi"]]
        if "service_level" not in kpis:
            continue
        sl = intervals[v, :, kpis.index("service_level")]
        flagged = [int(i) for i in sl["interval"][sl["significant"] == 1]]
        print(f"  service level differs significantly in intervals: {flagged if flagged else 'none'}")


def print_interval_summary(run):
    """Format 4: each KPI's mean and CI per interval, one row per (interval, KPI)."""
    if "interval_summary" not in run:
        return
    rows = run["interval_summary"][...]
    print(f"  dataset {run.name}/interval_summary: {rows.shape[0]} rows, one per interval and KPI")
    sl = rows[rows["kpi"] == b"service_level"]
    for row in sl[:3]:
        print(f"  {text(row['clock']):>9} service_level {row['mean']:.6f} +/- {row['ci95']:.6f}")


def print_run_inputs(run):
    """Format 4: what the run's reports need of its scenario, stored with the run."""
    if "clock_start" not in run.attrs:
        return
    overrides = [text(o) for o in run.attrs["overrides"]]
    print(f"  clock start {run.attrs['clock_start']:g} s after midnight; overrides: "
          f"{', '.join(overrides) if overrides else 'none'}")
    print(f"  dataset {run.name}/applied_scenario: {len(run['applied_scenario'][()])} bytes of text")
    for name, what in (("forecast", "per interval and call type"), ("ivr_forecast", "per interval"),
                       ("call_type_inputs", "per call type: handle_mean, patience_mean")):
        if name in run:
            rows = run[name][...]
            total = f", {rows['expected'].sum():.1f} calls expected" if "expected" in rows.dtype.names else ""
            print(f"  dataset {run.name}/{name}: {rows.shape[0]} rows, {what}{total}")
    if "costs" in run:
        costs = run["costs"].attrs
        print(f"  costs: currency '{text(costs['currency'])}', agent hour {list(costs['agent_hour'])}")


def print_inputs(f):
    """Format 4: every file the scenarios read, stored byte for byte with its SHA-256."""
    if "inputs" not in f:
        return
    rows = f["inputs"][...]
    print(f"  dataset /inputs: {rows.shape[0]} files the scenario read")
    for n, row in enumerate(rows):
        data = f[f"input_files/{n}"][...].tobytes()
        ok = "ok" if hashlib.sha256(data).hexdigest() == text(row["sha256"]) else "DIFFERS"
        print(f"  dataset /input_files/{n}: {text(row['role'])} {text(row['path'])}, {int(row['bytes'])} bytes,"
              f" sha256 {text(row['sha256'])[:12]}... {ok}")


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    with h5py.File(argv[1], "r") as f:
        version = int(f.attrs["format_version"])
        if version not in FORMAT_VERSIONS:
            print(f"{argv[1]}: format_version {version}; this reader knows {FORMAT_VERSIONS}", file=sys.stderr)
            return 1
        print(f"callsim results file {argv[1]}")
        print(f"  callsim {text(f.attrs['callsim_version'])}, created {text(f.attrs['created'])},"
              f" seed {int(f.attrs['seed'])}")
        print(f"  command line: {text(f.attrs['command_line'])}")
        # Added to version 3 later: absent from older files, which were complete and had no overrides.
        overrides = [text(o) for o in f.attrs["overrides"]] if "overrides" in f.attrs else []
        print(f"  overrides: {', '.join(overrides) if overrides else 'none'}")
        if int(f.attrs.get("complete", 1)) == 0:
            print(f"  INCOMPLETE: interrupted after {int(f.attrs['replications'])} of"
                  f" {int(f.attrs['replications_requested'])} replications (callsim run --resume continues it)")
        else:
            print("  complete")
        scenario = f["scenario"]
        print(f"  dataset /scenario: {text(scenario.attrs['path'])}, {len(scenario[()])} bytes of text")
        print_inputs(f)
        for name in runs_in_write_order(f, version):
            run = f[name]
            reps, intervals = table(run, "intervals", replication_count(run), -1).shape
            print()
            print(f"run '{name}': {reps} replications, {intervals} intervals of"
                  f" {run.attrs['interval_seconds']:g} s from {run.attrs['warmup_seconds']:g} s")
            print_replications(run)
            print_summary(run)
            print_interval_service_level(run)
            print_call_type_service_level(run)
            print_group_occupancy(run)
            print_interval_group_occupancy(run)
            print_interval_summary(run)
            print_run_inputs(run)
            print_calls(run)
        if version >= 3 and "comparison" in f:
            print_comparison(f)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
