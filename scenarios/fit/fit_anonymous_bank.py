#!/usr/bin/python3
"""Estimate the bank-weekday scenario tables from the "Anonymous Bank" call logs (1999).

Data source: "Anonymous Bank" call-center data, Technion Service Enterprise Engineering
(SEE) lab; documentation by Ilan Guedj and Avi Mandelbaum, February 9, 2000. The data is
free for use with acknowledgement of the source. The raw logs are NOT part of this
repository: this script reads them at run time from ../shared/data/anonymous_bank_1999 and
writes only small derived tables.

Usage (from the repository root; Debian's python3 and python3-numpy only):

    /usr/bin/python3 scenarios/fit/fit_anonymous_bank.py \
        [--data ../shared/data/anonymous_bank_1999] [--months 01,02,03] \
        --out scenarios/library/bank-weekday

Months: by default January, February and March 1999 (--months 01,02,03): one quarter of
consecutive months, before the internet (IN) volume ramps up in July-September and away
from the autumn holidays. --months all uses every month file present (01-07 and 09;
August is missing from the source).

Days: Sunday to Thursday (the Israeli working week; the centre is staffed 07:00-24:00),
without "abnormally low" days: a weekday whose number of logged calls (all hours,
PHANTOM rows excluded) is below 60% of the median weekday count of its month is taken as
a holiday, holiday eve or recording gap and dropped. The day of a call is the date in the
log, i.e. the date of its VRU entry.

Definitions (times are unwrapped across midnight against the VRU entry; waits clamped >= 0):
  vru_arrivals.csv  every logged VRU entry of a kept day, by call type, binned on vru_entry.
  ivr_arrivals.csv  the same entries, all types together (column 'ivr'): the arrivals of a
                    model with the IVR in front (scenarios/library/bank-weekday-ivr.yaml).
  offered_to_agents.csv
                    calls that left the VRU for an agent, binned on the time they left the
                    VRU: calls that queued (q_start != 0:00:00) PLUS calls that were
                    answered at once by an agent without a queue record (q_start 0:00:00,
                    outcome AGENT; about 1/4 to 1/2 of all answered calls). The latter
                    are offered load too: in a simulator they are the arrivals that find an
                    idle agent. Counting only q_start != 0:00:00 would drop them.
  seen_serving.csv  agents: mean (over kept days) of the number of distinct server names
                    (!= NO_SERVER) whose service overlaps the half hour, rounded half up;
                    busy_agents: mean service seconds inside the half hour / 1800.
  observed_kpis.csv per half hour of queue arrival, pooled over kept days: offered (per
                    day), answered, abandoned (queued calls that hung up), asa_s (mean wait
                    of answered calls, 0 for those answered at once), abandon_rate =
                    abandoned / offered, service_level_20s = answered within 20 s /
                    (answered + abandoned after more than 20 s).
  parameters.json / parameters.md: per-type shares, service, patience, VRU time, IVR exits,
                    priorities (see parameters.md for the methods).

Quirks handled: H:MM:SS times without a leading zero; 0:00:00 = did not happen; PHANTOM
rows ignored; a handful of undocumented type AA rows dropped (counted in the output);
ser_start often 1 s before q_exit (wait = q_exit - q_start, clamped at 0); calls crossing
midnight carry the date of their VRU entry; about 6% of services are shorter than 10 s
(agents hanging up to take a break) and are reported apart from the service-time fit.

The output is deterministic: same data and flags, byte-identical files.
"""

import argparse
import datetime
import glob
import json
import math
import os
import statistics
import sys

import numpy as np

TYPES = [("PS", "retail"), ("PE", "english"), ("IN", "internet"),
         ("NE", "stock"), ("NW", "prospect"), ("TT", "callback")]
CODE_INDEX = {code: i for i, (code, _) in enumerate(TYPES)}
NAMES = [name for _, name in TYPES]
NT = len(TYPES)

OPEN_S = 7 * 3600          # 07:00
CLOSE_S = 24 * 3600        # 24:00
SLOT_S = 1800              # half hour
NSLOTS = (CLOSE_S - OPEN_S) // SLOT_S   # 34
LOW_DAY_FRACTION = 0.6     # a weekday below 60% of its month's median weekday is dropped
SHORT_SERVICE_S = 10       # services under 10 s are reported apart
SL_THRESHOLD_S = 20
PRIORITY_CREDIT_S = 90     # documented 1.5-minute credit of priority-2 customers
KM_MIN_AT_RISK = 30        # Kaplan-Meier points used by the least-squares fits
MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July",
               "August", "September", "October", "November", "December"]
HEADER = ["vru+line", "call_id", "customer_id", "priority", "type", "date", "vru_entry",
          "vru_exit", "vru_time", "q_start", "q_exit", "q_time", "outcome", "ser_start",
          "ser_exit", "ser_time", "server"]

ACK = ('Data: "Anonymous Bank" call-center data (1999), Technion Service Enterprise '
       'Engineering (SEE) lab, documentation by I. Guedj and A. Mandelbaum (2000).')


def clock(text):
    """H:MM:SS (hours without a leading zero) -> seconds after midnight."""
    h, m, s = text.split(":")
    return int(h) * 3600 + int(m) * 60 + int(s)


def hhmm(seconds):
    return "%02d:%02d" % (seconds // 3600, (seconds % 3600) // 60)


def slot_of(t):
    """Half-hour index in the 07:00-24:00 window, or -1 outside it."""
    if OPEN_S <= t < CLOSE_S:
        return (t - OPEN_S) // SLOT_S
    return -1


def r(x, nd=4):
    """Round for JSON (plain Python float)."""
    if x is None or (isinstance(x, float) and not math.isfinite(x)):
        return None
    return float(round(float(x), nd))


class Call:
    __slots__ = ("t", "date", "prio", "entry", "vexit", "queued", "qs", "qe", "outcome",
                 "ss", "se", "server")


def month_files(data, months):
    files = []
    for mm in months:
        hits = sorted(glob.glob(os.path.join(data, "%s_*.txt" % mm)))
        if not hits:
            sys.exit("fit_anonymous_bank: no file %s_*.txt in %s" % (mm, data))
        files.append(hits[0])
    return files


def read_month(path, counters):
    """Return the month's calls (types of TYPES, PHANTOM dropped) and its daily counts."""
    calls = []
    per_day = {}
    with open(path, encoding="latin-1", newline="") as f:
        header = f.readline().rstrip("\r\n").split("\t")
        if header != HEADER:
            sys.exit("fit_anonymous_bank: unexpected header in %s" % path)
        for line in f:
            v = line.rstrip("\r\n").split("\t")
            if len(v) != 17:
                counters["malformed"] += 1
                continue
            counters["rows"] += 1
            if v[12] == "PHANTOM":
                counters["phantom"] += 1
                continue
            d = v[5]
            date = datetime.date(1900 + int(d[:2]) if int(d[:2]) >= 50 else 2000 + int(d[:2]),
                                 int(d[2:4]), int(d[4:6]))
            per_day[date] = per_day.get(date, 0) + 1
            if v[4] not in CODE_INDEX:
                counters["other_type_" + v[4]] = counters.get("other_type_" + v[4], 0) + 1
                continue
            c = Call()
            c.t = CODE_INDEX[v[4]]
            c.date = date
            c.prio = int(v[3])
            c.entry = clock(v[6])

            def unwrap(text, ref=c.entry):
                x = clock(text)
                # after midnight only when far "before" the entry; a few vru_exit values
                # are up to ~2 min before vru_entry (clock skew): VRU time clamped at 0
                return x + 86400 if x < ref - 43200 else x

            c.vexit = unwrap(v[7])
            if c.vexit < c.entry:
                counters["vru_exit_before_entry"] += 1
            c.queued = v[9] != "0:00:00"
            c.qs = unwrap(v[9]) if c.queued else None
            c.qe = unwrap(v[10]) if c.queued else None
            c.outcome = v[12]
            if v[13] != "0:00:00":
                c.ss = unwrap(v[13])
                c.se = unwrap(v[14])
                if c.se < c.ss:
                    c.se = c.ss
            else:
                c.ss = c.se = None
            c.server = v[16]
            calls.append(c)
    return calls, per_day


def is_weekday(date):
    return date.weekday() in (6, 0, 1, 2, 3)    # Sunday..Thursday


def wait_of(c):
    """Time in queue in seconds, clamped at 0; 0 for a call answered without queueing."""
    if not c.queued:
        return 0
    return max(0, c.qe - c.qs)


def arrival_at_queue(c):
    """Time the call left the VRU towards the agents (q_start, or vru_exit if served at once)."""
    return c.qs if c.queued else c.vexit


def to_agents(c):
    return c.queued or c.outcome == "AGENT"


def quantiles(x, qs):
    if len(x) == 0:
        return [None] * len(qs)
    return [r(v, 2) for v in np.percentile(np.asarray(x, dtype=float), qs)]


def lognormal_from_logs(x):
    lx = np.log(np.asarray(x, dtype=float))
    mu = float(lx.mean())
    sigma = float(lx.std())
    mean = math.exp(mu + sigma * sigma / 2)
    cv = math.sqrt(math.expm1(sigma * sigma))
    return mu, sigma, mean, cv


def kaplan_meier(times, events):
    """KM survival at each distinct event time (events before censorings at ties)."""
    t = np.asarray(times, dtype=float)
    e = np.asarray(events, dtype=bool)
    order = np.lexsort((~e, t))
    t, e = t[order], e[order]
    n = len(t)
    out_t, out_s, out_r = [], [], []
    s = 1.0
    i = 0
    while i < n:
        j = i
        d = 0
        while j < n and t[j] == t[i]:
            d += int(e[j])
            j += 1
        at_risk = n - i
        if d > 0:
            s *= 1.0 - d / at_risk
            out_t.append(float(t[i]))
            out_s.append(s)
            out_r.append(at_risk)
        i = j
    return np.array(out_t), np.array(out_s), np.array(out_r)


def linfit(x, y):
    slope, intercept = np.polyfit(x, y, 1)
    pred = slope * x + intercept
    ss_res = float(((y - pred) ** 2).sum())
    ss_tot = float(((y - y.mean()) ** 2).sum())
    return float(slope), float(intercept), 1.0 - ss_res / ss_tot if ss_tot > 0 else None


def weibull_censored_mle(times, events):
    """Censored Weibull MLE (shape k, scale lam); times of 0 s are taken as 0.5 s."""
    t = np.maximum(np.asarray(times, dtype=float), 0.5)
    e = np.asarray(events, dtype=bool)
    d = int(e.sum())
    if d == 0:
        return None
    lt = np.log(t)
    mean_log_events = float(lt[e].mean())

    def score(k):
        tk = t ** k
        return float((tk * lt).sum() / tk.sum()) - 1.0 / k - mean_log_events

    lo, hi = 0.05, 20.0
    if score(lo) > 0 or score(hi) < 0:
        return None
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        if score(mid) < 0:
            lo = mid
        else:
            hi = mid
    k = 0.5 * (lo + hi)
    lam = float(((t ** k).sum() / d) ** (1.0 / k))
    return k, lam


def patience_fit(waits, abandoned):
    w = np.asarray(waits, dtype=float)
    a = np.asarray(abandoned, dtype=bool)
    n_ab = int(a.sum())
    res = {"queued_calls": int(len(w)), "abandoned": n_ab,
           "served_censored": int(len(w) - n_ab),
           "total_wait_s": int(w.sum())}
    if n_ab == 0:
        res["exponential_mean_s"] = None
        return res
    m = float(w.sum()) / n_ab
    res["exponential_mean_s"] = r(m, 1)
    res["exponential_mean_95ci_s"] = [r(m / (1 + 1.96 / math.sqrt(n_ab)), 1),
                                      r(m / (1 - 1.96 / math.sqrt(n_ab)), 1) if n_ab > 4 else None]
    if n_ab < 20:
        res["note"] = "fewer than 20 abandonments: only the exponential mean is given"
        return res
    kt, ks, kr = kaplan_meier(w, a)
    km = {}
    for x in (10, 30, 60, 120, 180, 300, 600):
        idx = np.searchsorted(kt, x, side="right") - 1
        km[str(x)] = r(ks[idx] if idx >= 0 else 1.0, 4)
    res["km_survival_at_s"] = km
    use = (kt >= 1) & (ks > 0) & (ks < 1) & (kr >= KM_MIN_AT_RISK)
    res["km_points_used"] = int(use.sum())
    res["km_last_time_used_s"] = r(kt[use].max(), 0) if use.any() else None
    if use.sum() >= 5:
        lt = np.log(kt[use])
        nd = statistics.NormalDist()
        z = np.array([nd.inv_cdf(1.0 - s) for s in ks[use]])
        slope, icpt, r2 = linfit(lt, z)
        sigma = 1.0 / slope
        mu = -icpt * sigma
        res["lognormal_km_ls"] = {"mu": r(mu, 4), "sigma": r(sigma, 4),
                                  "median_s": r(math.exp(mu), 1),
                                  "mean_s": r(math.exp(mu + sigma * sigma / 2), 1),
                                  "r2": r(r2, 4)}
        y = np.log(-np.log(ks[use]))
        slope, icpt, r2 = linfit(lt, y)
        k = slope
        lam = math.exp(-icpt / k)
        res["weibull_km_ls"] = {"shape": r(k, 4), "scale_s": r(lam, 1),
                                "median_s": r(lam * math.log(2) ** (1 / k), 1),
                                "mean_s": r(lam * math.gamma(1 + 1 / k), 1),
                                "r2": r(r2, 4)}
    mle = weibull_censored_mle(w, a)
    if mle:
        k, lam = mle
        res["weibull_censored_mle"] = {"shape": r(k, 4), "scale_s": r(lam, 1),
                                       "median_s": r(lam * math.log(2) ** (1 / k), 1),
                                       "mean_s": r(lam * math.gamma(1 + 1 / k), 1)}
    return res


def priority_check(day_calls):
    """Overtaking test of the 1.5-minute credit within each call type and day.

    Pairs of served queued calls: an earlier call A (queued at tA) still waiting when a later
    call B of the same type joins (tA < tB <= tA + window, A leaves the queue after tB).
    Counts how often B is served first, by (priority of A, priority of B) class."""
    out = {}
    keys = [("regular_then_priority_within_90s", 90, False, True),
            ("regular_then_regular_within_90s", 90, False, False),
            ("priority_then_priority_within_90s", 90, True, True),
            ("priority_then_regular_within_90s", 90, True, False),
            ("regular_then_priority_90_to_180s", (90, 180), False, True)]
    for k, _, _, _ in keys:
        out[k] = [0, 0]
    for calls in day_calls:
        for t in range(NT):
            q = sorted((c for c in calls if c.t == t and c.queued and c.outcome == "AGENT"
                        and c.ss is not None), key=lambda c: (c.qs, c.ss))
            for i, a in enumerate(q):
                for b in q[i + 1:]:
                    gap = b.qs - a.qs
                    if gap > 180:
                        break
                    if gap <= 0 or a.qe <= b.qs:
                        continue
                    pa, pb = a.prio == 2, b.prio == 2
                    for key, win, ka, kb in keys:
                        inside = gap <= win if isinstance(win, int) else win[0] < gap <= win[1]
                        if inside and pa == ka and pb == kb:
                            out[key][0] += 1
                            out[key][1] += int(b.ss < a.ss)
    return {k: {"pairs": v[0], "later_served_first": r(v[1] / v[0], 4) if v[0] else None}
            for k, v in out.items()}


def main(argv=None):
    here = os.path.dirname(os.path.abspath(__file__))
    default_data = os.path.normpath(os.path.join(here, "..", "..", "..", "shared", "data",
                                                 "anonymous_bank_1999"))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default=default_data,
                    help="folder with 01_January.txt ... (default: %(default)s)")
    ap.add_argument("--months", default="01,02,03",
                    help="comma-separated two-digit months, or 'all' (default: %(default)s)")
    ap.add_argument("--out", required=True, help="output folder")
    args = ap.parse_args(argv)

    if args.months == "all":
        months = sorted(os.path.basename(p)[:2]
                        for p in glob.glob(os.path.join(args.data, "[01][0-9]_*.txt")))
    else:
        months = ["%02d" % int(m) for m in args.months.split(",") if m.strip()]
    if not months:
        sys.exit("fit_anonymous_bank: no month selected")
    files = month_files(args.data, months)

    counters = {"rows": 0, "phantom": 0, "malformed": 0, "vru_exit_before_entry": 0}
    kept_days = []
    dropped_days = []
    absent_days = []
    calls_by_day = {}
    for path in files:
        calls, per_day = read_month(path, counters)
        by_month = {}
        for d, n in per_day.items():
            if is_weekday(d):
                by_month.setdefault((d.year, d.month), []).append(n)
        medians = {k: statistics.median(v) for k, v in by_month.items()}
        for (y, m) in sorted(by_month):
            day = datetime.date(y, m, 1)
            while day.month == m:
                if is_weekday(day) and day not in per_day:
                    absent_days.append(day)
                day += datetime.timedelta(days=1)
        for d in sorted(per_day):
            if not is_weekday(d):
                continue
            med = medians[(d.year, d.month)]
            if per_day[d] < LOW_DAY_FRACTION * med:
                dropped_days.append((d, per_day[d], med))
            else:
                kept_days.append(d)
        kept = set(kept_days)
        for c in calls:
            if c.date in kept:
                calls_by_day.setdefault(c.date, []).append(c)
    kept_days = sorted(set(kept_days))
    ndays = len(kept_days)
    if ndays == 0:
        sys.exit("fit_anonymous_bank: no weekday kept")
    day_calls = [calls_by_day.get(d, []) for d in kept_days]

    # ---- counts per half hour ----------------------------------------------------------
    vru = np.zeros((NSLOTS, NT), dtype=np.int64)
    offered = np.zeros((NSLOTS, NT), dtype=np.int64)
    k_off = np.zeros(NSLOTS, dtype=np.int64)
    k_ans = np.zeros(NSLOTS, dtype=np.int64)
    k_ab = np.zeros(NSLOTS, dtype=np.int64)
    k_wait = np.zeros(NSLOTS, dtype=np.int64)
    k_ans20 = np.zeros(NSLOTS, dtype=np.int64)
    k_ab20 = np.zeros(NSLOTS, dtype=np.int64)
    agents = np.zeros(NSLOTS, dtype=np.int64)
    busy = np.zeros(NSLOTS, dtype=np.int64)

    for calls in day_calls:
        servers = [set() for _ in range(NSLOTS)]
        for c in calls:
            s = slot_of(c.entry)
            if s >= 0:
                vru[s, c.t] += 1
            if to_agents(c):
                s = slot_of(arrival_at_queue(c))
                if s >= 0:
                    offered[s, c.t] += 1
                    k_off[s] += 1
                    w = wait_of(c)
                    if c.outcome == "AGENT":
                        k_ans[s] += 1
                        k_wait[s] += w
                        k_ans20[s] += int(w <= SL_THRESHOLD_S)
                    elif c.outcome == "HANG":
                        k_ab[s] += 1
                        k_ab20[s] += int(w > SL_THRESHOLD_S)
            if c.server != "NO_SERVER" and c.ss is not None:
                a = max(c.ss, OPEN_S)
                b = min(c.se, CLOSE_S)
                if c.se == c.ss and OPEN_S <= c.ss < CLOSE_S:
                    servers[slot_of(c.ss)].add(c.server)
                s = (a - OPEN_S) // SLOT_S if a < CLOSE_S else NSLOTS
                while a < b and s < NSLOTS:
                    end = min(b, OPEN_S + (s + 1) * SLOT_S)
                    busy[s] += end - a
                    servers[s].add(c.server)
                    a = end
                    s += 1
        for s in range(NSLOTS):
            agents[s] += len(servers[s])

    os.makedirs(args.out, exist_ok=True)

    def write(name, text):
        with open(os.path.join(args.out, name), "w", encoding="utf-8", newline="\n") as f:
            f.write(text)

    def per_type_csv(counts):
        lines = ["interval_start," + ",".join(NAMES)]
        for s in range(NSLOTS):
            lines.append(hhmm(OPEN_S + s * SLOT_S) + "," +
                         ",".join("%.2f" % (counts[s, t] / ndays) for t in range(NT)))
        return "\n".join(lines) + "\n"

    # The scenario's own forecast.csv and staffing.csv are callsim fit's
    # (scenarios/fit/refit-bank-weekday); these are this script's tables beside them.
    write("offered_to_agents.csv", per_type_csv(offered))
    write("vru_arrivals.csv", per_type_csv(vru))
    vru_all = vru.sum(axis=1)
    write("ivr_arrivals.csv", "interval_start,ivr\n" + "".join(
        "%s,%.2f\n" % (hhmm(OPEN_S + s * SLOT_S), vru_all[s] / ndays) for s in range(NSLOTS)))
    lines = ["interval_start,agents,busy_agents"]
    for s in range(NSLOTS):
        mean_agents = agents[s] / ndays
        lines.append("%s,%d,%.2f" % (hhmm(OPEN_S + s * SLOT_S), int(math.floor(mean_agents + 0.5)),
                                      busy[s] / (SLOT_S * ndays)))
    write("seen_serving.csv", "\n".join(lines) + "\n")
    lines = ["interval_start,offered,answered,abandoned,asa_s,abandon_rate,service_level_20s"]
    for s in range(NSLOTS):
        sl_den = k_ans[s] + k_ab20[s]
        lines.append("%s,%.2f,%.2f,%.2f,%s,%s,%s" % (
            hhmm(OPEN_S + s * SLOT_S), k_off[s] / ndays, k_ans[s] / ndays, k_ab[s] / ndays,
            "%.1f" % (k_wait[s] / k_ans[s]) if k_ans[s] else "",
            "%.4f" % (k_ab[s] / k_off[s]) if k_off[s] else "",
            "%.4f" % (k_ans20[s] / sl_den) if sl_den else ""))
    write("observed_kpis.csv", "\n".join(lines) + "\n")

    # ---- per-type parameters (calls of kept days whose relevant time is in 07:00-24:00) --
    types_out = {}
    all_window = [c for calls in day_calls for c in calls]
    total_offered = int(offered.sum())
    for t, (code, name) in enumerate(TYPES):
        mine = [c for c in all_window if c.t == t]
        in_vru = [c for c in mine if slot_of(c.entry) >= 0]
        at_q = [c for c in mine if to_agents(c) and slot_of(arrival_at_queue(c)) >= 0]
        queued = [c for c in at_q if c.queued and c.outcome in ("AGENT", "HANG")]
        direct = [c for c in at_q if not c.queued]
        answered = [c for c in at_q if c.outcome == "AGENT"]
        # service: answered calls with an agent name, service time from the clock times
        st = np.array([c.se - c.ss for c in answered
                       if c.server != "NO_SERVER" and c.ss is not None], dtype=float)
        long_st = st[st >= SHORT_SERVICE_S]
        svc = {"services": int(len(st)),
               "share_under_10s": r((st < SHORT_SERVICE_S).mean(), 4) if len(st) else None,
               "empirical_mean_all_s": r(st.mean(), 1) if len(st) else None}
        if len(long_st) >= 2:
            mu, sigma, mean, cv = lognormal_from_logs(long_st)
            svc.update({"fit": "lognormal from the log-moments of services >= 10 s",
                        "mu": r(mu, 4), "sigma": r(sigma, 4),
                        "mean_s": r(mean, 1), "cv": r(cv, 3),
                        "empirical_mean_s": r(long_st.mean(), 1),
                        "empirical_cv": r(long_st.std() / long_st.mean(), 3),
                        "empirical_median_s": r(np.median(long_st), 1)})
        # patience: queued calls; served ones are censored at their wait
        pat = patience_fit([wait_of(c) for c in queued], [c.outcome == "HANG" for c in queued])
        # VRU time
        vt = np.array([max(0, c.vexit - c.entry) for c in in_vru], dtype=float)
        vt_agents = np.array([max(0, c.vexit - c.entry) for c in in_vru if to_agents(c)],
                             dtype=float)
        vt_left = np.array([max(0, c.vexit - c.entry) for c in in_vru if not to_agents(c)],
                           dtype=float)
        deciles = list(range(0, 101, 10))
        vru_out = {"calls": int(len(vt)),
                   "mean_s": r(vt.mean(), 1) if len(vt) else None,
                   "median_s": r(np.median(vt), 1) if len(vt) else None,
                   "deciles_s": dict(zip(["p%d" % q for q in deciles], quantiles(vt, deciles))),
                   "mean_s_of_calls_going_to_agents": r(vt_agents.mean(), 1) if len(vt_agents) else None,
                   "mean_s_of_calls_leaving_in_vru": r(vt_left.mean(), 1) if len(vt_left) else None}
        n_vru = len(in_vru)
        left_vru = sum(1 for c in in_vru if not to_agents(c))
        direct_vru = sum(1 for c in in_vru if to_agents(c) and not c.queued)
        ivr = {"vru_entries": n_vru,
               "share_never_reached_agent_or_queue": r(left_vru / n_vru, 4) if n_vru else None,
               "share_answered_without_queue": r(direct_vru / n_vru, 4) if n_vru else None,
               "share_queued": r((n_vru - left_vru - direct_vru) / n_vru, 4) if n_vru else None}
        pr = [c.prio for c in queued]
        prio = {"queued_calls": len(pr),
                "share_priority_0": r(pr.count(0) / len(pr), 4) if pr else None,
                "share_priority_1": r(pr.count(1) / len(pr), 4) if pr else None,
                "share_priority_2": r(pr.count(2) / len(pr), 4) if pr else None}
        w2 = [wait_of(c) for c in queued if c.prio == 2 and c.outcome == "AGENT"]
        w1 = [wait_of(c) for c in queued if c.prio != 2 and c.outcome == "AGENT"]
        prio["mean_wait_answered_priority_2_s"] = r(np.mean(w2), 1) if w2 else None
        prio["mean_wait_answered_regular_s"] = r(np.mean(w1), 1) if w1 else None
        ab2 = [c.outcome == "HANG" for c in queued if c.prio == 2]
        ab1 = [c.outcome == "HANG" for c in queued if c.prio != 2]
        prio["abandon_rate_priority_2"] = r(np.mean(ab2), 4) if ab2 else None
        prio["abandon_rate_regular"] = r(np.mean(ab1), 4) if ab1 else None
        types_out[name] = {
            "code": code,
            "vru_entries_per_day": r(n_vru / ndays, 2),
            "offered_to_agents_per_day": r(len(at_q) / ndays, 2),
            "queued_per_day": r(len(queued) / ndays, 2),
            "answered_without_queue_per_day": r(len(direct) / ndays, 2),
            "share_of_offered": r(len(at_q) / total_offered, 4) if total_offered else None,
            "service": svc, "patience": pat, "vru_time": vru_out, "ivr_exit": ivr,
            "priority": prio,
        }

    credit = priority_check(day_calls)

    # ---- whole-day KPIs -----------------------------------------------------------------
    sl_den = int(k_ans.sum() + k_ab20.sum())
    day_kpi = {"offered_per_day": r(k_off.sum() / ndays, 1),
               "answered_per_day": r(k_ans.sum() / ndays, 1),
               "abandoned_per_day": r(k_ab.sum() / ndays, 1),
               "asa_s": r(k_wait.sum() / k_ans.sum(), 1) if k_ans.sum() else None,
               "abandon_rate": r(k_ab.sum() / k_off.sum(), 4) if k_off.sum() else None,
               "service_level_20s": r(k_ans20.sum() / sl_den, 4) if sl_den else None,
               "vru_entries_per_day": r(vru.sum() / ndays, 1),
               "mean_agents_over_day": r(agents.sum() / ndays / NSLOTS, 2),
               "mean_busy_agents_over_day": r(busy.sum() / ndays / NSLOTS / SLOT_S, 2)}

    other = {k: v for k, v in counters.items() if k.startswith("other_type_")}
    params = {
        "source": ACK,
        "script": "scenarios/fit/fit_anonymous_bank.py",
        "months": [MONTH_NAMES[int(m) - 1] + " 1999" for m in months],
        "files": [os.path.basename(p) for p in files],
        "day_rule": ("Sunday-Thursday dates; a day is dropped when its logged calls (all hours,"
                     " PHANTOM excluded) are below %d%% of its month's median weekday"
                     % int(LOW_DAY_FRACTION * 100)),
        "weekdays_used": ndays,
        "days_dropped": [{"date": d.isoformat(), "weekday": d.strftime("%a"), "calls": n,
                          "month_median": r(med, 1)} for d, n, med in dropped_days],
        "weekdays_absent_from_logs": [d.isoformat() for d in absent_days],
        "window": "07:00-24:00, 34 half hours",
        "rows_read": counters["rows"],
        "phantom_rows_ignored": counters["phantom"],
        "rows_with_vru_exit_before_entry": counters["vru_exit_before_entry"],
        "undocumented_type_rows_dropped": other,
        "calls_in_kept_days": sum(len(c) for c in day_calls),
        "day_kpis": day_kpi,
        "priority_credit_s_documented": PRIORITY_CREDIT_S,
        "priority_credit_check": credit,
        "call_types": types_out,
    }
    write("parameters.json", json.dumps(params, indent=1, ensure_ascii=True) + "\n")
    write("parameters.md", markdown(params, offered, agents, busy, ndays))
    return 0


def markdown(p, offered, agents, busy, ndays):
    T = p["call_types"]
    L = []
    a = L.append
    a("# bank-weekday: parameters estimated from the Anonymous Bank logs")
    a("")
    a("Generated by `scenarios/fit/fit_anonymous_bank.py` (do not edit by hand; rerun the "
      "script, see `scenarios/fit/README.md`).")
    a("")
    a("**Source.** " + p["source"] + " Used with acknowledgement, as the data's terms ask; the "
      "raw logs are not in this repository, only these derived tables.")
    a("")
    a("## Data used")
    a("")
    a("- Months: %s (files %s)." % (", ".join(p["months"]), ", ".join(p["files"])))
    a("- Days: %d weekdays kept. Rule: %s." % (p["weekdays_used"], p["day_rule"]))
    if p["days_dropped"]:
        a("- Dropped (holidays, holiday eves or recording gaps): " + ", ".join(
            "%s %s (%d calls, median %g)" % (d["date"], d["weekday"], d["calls"], d["month_median"])
            for d in p["days_dropped"]) + ".")
    if p["weekdays_absent_from_logs"]:
        a("- Weekdays with no call at all in the logs (not counted): %s." % ", ".join(
            p["weekdays_absent_from_logs"]))
    a("- Rows read %d; PHANTOM rows ignored %d; rows whose vru_exit precedes vru_entry "
      "(clock skew, VRU time taken as 0) %d; undocumented types dropped: %s." % (
        p["rows_read"], p["phantom_rows_ignored"], p["rows_with_vru_exit_before_entry"],
        ", ".join("%s x%d" % (k.replace("other_type_", ""), v)
                  for k, v in sorted(p["undocumented_type_rows_dropped"].items())) or "none"))
    a("- Calls on the kept days (all hours, six types): %d. Window of the tables: %s." % (
        p["calls_in_kept_days"], p["window"]))
    a("")
    a("## Definitions")
    a("")
    a("- **VRU entries** (`vru_arrivals.csv`): every logged call, binned on its VRU entry time.")
    a("- **Offered to agents** (`offered_to_agents.csv`): calls that left the VRU for an agent, binned "
      "on the time they left the VRU: calls that queued (`q_start` != 0:00:00) **plus** calls "
      "answered at once without a queue record (`q_start` 0:00:00, outcome AGENT). The second "
      "group is large (see the per-type table) and is the part of the offered load that found "
      "an idle agent; counting only `q_start` != 0:00:00 would understate the load by that "
      "much. This is the per-type arrival stream at the queue that the simulator takes today.")
    a("- **Wait**: `q_exit - q_start`, clamped at 0 (`ser_start` is often 1 s before "
      "`q_exit`); 0 for calls answered without queueing.")
    a("- Times crossing midnight are unwrapped against the VRU entry; a call belongs to the "
      "date of its VRU entry.")
    a("- All per-day figures are means over the kept weekdays; ratios (ASA, rates, service "
      "level) pool the calls of all kept days.")
    a("")
    a("## Volumes and shares (per weekday, 07:00-24:00)")
    a("")
    a("| type | code | VRU entries/day | offered to agents/day | queued/day | answered without queue/day | share of offered |")
    a("|---|---|---:|---:|---:|---:|---:|")
    for name, t in T.items():
        a("| %s | %s | %.1f | %.1f | %.1f | %.1f | %.3f |" % (
            name, t["code"], t["vru_entries_per_day"], t["offered_to_agents_per_day"],
            t["queued_per_day"], t["answered_without_queue_per_day"], t["share_of_offered"] or 0))
    a("")
    a("## Service times")
    a("")
    a("Fit: lognormal with the log-moments (mean and standard deviation of ln s) of the "
      "services of at least 10 s by a named agent; mean = exp(mu + sigma^2/2), "
      "cv = sqrt(exp(sigma^2) - 1). Services under 10 s (mostly agents hanging up to take a "
      "break, a known fault of that year) are reported apart and left out of the fit.")
    a("")
    a("| type | services | share < 10 s | lognormal mean (s) | lognormal cv | mu | sigma | empirical mean >= 10 s | empirical cv | median |")
    a("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, t in T.items():
        s = t["service"]
        if "mean_s" in s:
            a("| %s | %d | %.3f | %.1f | %.3f | %.3f | %.3f | %.1f | %.3f | %.0f |" % (
                name, s["services"], s["share_under_10s"], s["mean_s"], s["cv"], s["mu"],
                s["sigma"], s["empirical_mean_s"], s["empirical_cv"], s["empirical_median_s"]))
        else:
            a("| %s | %d | - | - | - | - | - | - | - | - |" % (name, s["services"]))
    a("")
    a("## Patience (time a caller is willing to wait in the queue)")
    a("")
    a("Queued calls only. Abandonments are observed patience times; served calls are "
      "censored at their wait (their patience was at least that long). Exponential MLE: "
      "mean = (sum of the waits of all queued calls, served and abandoned) / (number of "
      "abandonments), with an approximate 95%% interval mean/(1 +- 1.96/sqrt(abandonments)). "
      "Lognormal and Weibull: least squares on the Kaplan-Meier curve (abandonment = event, "
      "service = censoring), using the event times >= 1 s with at least %d calls at risk: "
      "probit(1 - S) against ln t, and ln(-ln S) against ln t. Weibull also by censored "
      "maximum likelihood. The KM curve only falls to the survival shown at the last point "
      "used, so the tails of these fits are extrapolated. Reading: the lognormal fitted this "
      "way has a very heavy tail (its mean is several times the exponential one) and is not "
      "a good scenario input; the exponential mean (the Erlang-A assumption) or the censored "
      "Weibull (shape below 1: a hazard of abandonment that falls with the wait) are." % KM_MIN_AT_RISK)
    a("")
    a("| type | queued | abandoned | exp. mean (s) | 95% CI | KM S(60 s) | KM S(180 s) | lognormal mu, sigma (mean s) | Weibull LS k, scale (mean s) | Weibull MLE k, scale (mean s) |")
    a("|---|---:|---:|---:|---|---:|---:|---|---|---|")
    for name, t in T.items():
        q = t["patience"]
        ci = q.get("exponential_mean_95ci_s")
        km = q.get("km_survival_at_s", {})
        ln = q.get("lognormal_km_ls")
        wb = q.get("weibull_km_ls")
        wm = q.get("weibull_censored_mle")
        a("| %s | %d | %d | %s | %s | %s | %s | %s | %s | %s |" % (
            name, q["queued_calls"], q["abandoned"],
            "%.0f" % q["exponential_mean_s"] if q["exponential_mean_s"] is not None else "-",
            "%s-%s" % tuple("%.0f" % x if x is not None else "inf" for x in ci) if ci else "-",
            "%.3f" % km["60"] if km else "-", "%.3f" % km["180"] if km else "-",
            "%.2f, %.2f (%.0f)" % (ln["mu"], ln["sigma"], ln["mean_s"]) if ln else "-",
            "%.2f, %.0f (%.0f)" % (wb["shape"], wb["scale_s"], wb["mean_s"]) if wb else "-",
            "%.2f, %.0f (%.0f)" % (wm["shape"], wm["scale_s"], wm["mean_s"]) if wm else "-"))
    a("")
    a("## VRU time and IVR exits")
    a("")
    a("VRU time = `vru_exit - vru_entry` of every VRU entry in the window. \"Left in the VRU\" = "
      "never queued and never answered (self-served or hung up in the VRU).")
    a("")
    a("| type | VRU entries | mean (s) | median (s) | p10 | p20 | p30 | p40 | p50 | p60 | p70 | p80 | p90 | max | left in VRU | answered without queue | queued |")
    a("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, t in T.items():
        v = t["vru_time"]
        i = t["ivr_exit"]
        dec = v["deciles_s"]
        a("| %s | %d | %.1f | %.0f | %s | %.3f | %.3f | %.3f |" % (
            name, v["calls"], v["mean_s"], v["median_s"],
            " | ".join("%.0f" % dec["p%d" % q] for q in range(10, 101, 10)),
            i["share_never_reached_agent_or_queue"], i["share_answered_without_queue"],
            i["share_queued"]))
    a("")
    a("Mean VRU time of calls going on to an agent / leaving in the VRU: " + "; ".join(
        "%s %.1f / %s s" % (name, t["vru_time"]["mean_s_of_calls_going_to_agents"],
                            "%.1f" % t["vru_time"]["mean_s_of_calls_leaving_in_vru"]
                            if t["vru_time"]["mean_s_of_calls_leaving_in_vru"] is not None else "-")
        for name, t in T.items()) + ".")
    a("")
    a("## Priorities")
    a("")
    a("Shares among queued calls (the priority of calls answered without queueing is not "
      "recorded: a documented system bug sets it to 0). Documented rule: priority-2 "
      "customers get %d s of waiting credit in the queue order; 0 and 1 are treated alike."
      % p["priority_credit_s_documented"])
    a("")
    a("| type | queued | share p0 | share p1 | share p2 | mean wait answered p2 (s) | regular (s) | abandon rate p2 | regular |")
    a("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, t in T.items():
        q = t["priority"]
        f = lambda x, s="%.3f": s % x if x is not None else "-"
        a("| %s | %d | %s | %s | %s | %s | %s | %s | %s |" % (
            name, q["queued_calls"], f(q["share_priority_0"]), f(q["share_priority_1"]),
            f(q["share_priority_2"]), f(q["mean_wait_answered_priority_2_s"], "%.0f"),
            f(q["mean_wait_answered_regular_s"], "%.0f"), f(q["abandon_rate_priority_2"]),
            f(q["abandon_rate_regular"])))
    a("")
    a("Credit check (overtaking test, within each type and day): take two answered queued "
      "calls A then B, B joining the queue while A is still waiting; the share of pairs in "
      "which B is answered first. Under FCFS with a 90 s credit, a priority call B joining "
      "within 90 s after a regular A should mostly overtake it, and nothing else should.")
    a("")
    a("| pair (A then B) | pairs | share B answered first |")
    a("|---|---:|---:|")
    for k, v in p["priority_credit_check"].items():
        a("| %s | %d | %s |" % (k.replace("_", " "), v["pairs"],
                                "%.3f" % v["later_served_first"]
                                if v["later_served_first"] is not None else "-"))
    c = p["priority_credit_check"]
    rp = c["regular_then_priority_within_90s"]["later_served_first"]
    rr = c["regular_then_regular_within_90s"]["later_served_first"]
    if rp is not None and rr is not None:
        a("")
        a("Reading: priority calls overtake a waiting regular call in %.0f%% of the pairs, "
          "regular calls overtake each other in %.0f%%: %s" % (
              100 * rp, 100 * rr,
              "consistent with the documented credit." if rp > 0.5 and rr < 0.25 else
              "the documented credit is not clearly visible."))
    a("")
    a("## Staffing (proxy) and observed KPIs")
    a("")
    a("`seen_serving.csv` (the staffing proxy of the first bank-weekday.yaml; the scenario's "
      "`staffing.csv` is now callsim fit's agents on duty, `fit-report.md`): `agents` = mean number of distinct agent names whose service overlaps "
      "the half hour, rounded; `busy_agents` = mean service seconds in the half hour / 1800. "
      "Bias of the proxy: it counts only agents who served a call in the half hour, so it "
      "misses agents who were logged in but idle, on other work or on break the whole half "
      "hour (underestimate, mostly in quiet half hours), and counts both agents of a shift "
      "change inside the half hour (overestimate); busy_agents / agents is an upper bound of "
      "the real occupancy when agents are missed, a lower bound at shift changes.")
    a("")
    a("`observed_kpis.csv`: per half hour of arrival at the queue, the observed KPIs for a "
      "backtest. Whole day: %.1f offered/day, %.1f answered, %.1f abandoned; ASA %.1f s; "
      "abandon rate %.3f; service level (20 s) %.3f; mean distinct agents %.2f, mean busy "
      "agents %.2f." % (
          p["day_kpis"]["offered_per_day"], p["day_kpis"]["answered_per_day"],
          p["day_kpis"]["abandoned_per_day"], p["day_kpis"]["asa_s"],
          p["day_kpis"]["abandon_rate"], p["day_kpis"]["service_level_20s"],
          p["day_kpis"]["mean_agents_over_day"], p["day_kpis"]["mean_busy_agents_over_day"]))
    a("")
    a("| interval | offered to agents | agents | busy agents |")
    a("|---|---:|---:|---:|")
    for s in range(NSLOTS):
        a("| %s | %.1f | %d | %.2f |" % (hhmm(OPEN_S + s * SLOT_S), offered[s].sum() / ndays,
                                        int(math.floor(agents[s] / ndays + 0.5)),
                                        busy[s] / (SLOT_S * ndays)))
    a("")
    return "\n".join(L)


if __name__ == "__main__":
    sys.exit(main())
