#!/usr/bin/env python3
"""Builds scenarios/library/large-center.yaml and its forecast from the US bank arrival
profile (Weinberg, Brown & Stroud 2007, JASA 102(480); the fpp3 `bank_calls` data).

The scale benchmark of callsim: a 24-hour center with 20 call types, about 250,000 calls a
day, about 2,500 agents in 30 groups over three shift waves with breaks.

How it is built (deterministic; no random numbers):
- Arrival profile: the mean weekday count per 5-minute slot, 07:00-21:00, over all 164 days
  of the data (Mar-Oct 2003). The bank's center is closed at night; this synthetic 24-hour
  center takes night calls at 8% of the 07:00-07:30 level, ramping linearly from 21:00 to
  that level by 23:00 and back up from 05:00 to 07:00.
- The profile is scaled so the day holds 250,000 calls, split over 20 call types with
  Zipf-like shares (share of type i proportional to 1/(i+1)^0.8).
- Service: lognormal, mean 110-210 s by type (about 160 s on average), cv 1; patience
  exponential 240-480 s.
- Groups: 20 specialist groups (one per type) and 10 cross-trained groups (each with 4
  types, at a 10% slower talk multiplier on their secondary skills).
- Staffing: three shift waves per group, early 06:00-14:00, late 13:00-21:00 and night
  21:00-06:00, each sized to its peak half-hour load of the group's share at 90%
  occupancy plus 10% for breaks: two 15-minute breaks and a 30-minute lunch per 8-hour
  shift, each taken by a third of the agents at a time.

Usage: /usr/bin/python3 scenarios/fit/make_large_center.py [--data ../shared/data/us_bank_2003]
(writes scenarios/library/large-center.yaml and large-center-forecast.csv)
"""

import argparse
import csv
import math
import os
from collections import defaultdict

TYPES = 20
GROUPS_CROSS = 10
CALLS_PER_DAY = 250_000
SLOT = 5  # minutes


def profile(path):
    """Mean calls per 5-minute slot (minutes after midnight -> mean) over weekdays."""
    sums = defaultdict(float)
    days = set()
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            date, clock = row["DateTime"].split(" ")
            h, m, _ = clock.split(":")
            sums[int(h) * 60 + int(m)] += float(row["Calls"])
            days.add(date)
    return {slot: total / len(days) for slot, total in sums.items()}, len(days)


def day_profile(bank):
    """288 slots over 24 h: the bank's day, and the synthetic night described above."""
    morning = sum(bank[m] for m in range(7 * 60, 7 * 60 + 30, SLOT)) / 6
    night = 0.08 * morning
    last = bank[max(bank)]
    out = []
    for m in range(0, 24 * 60, SLOT):
        if m in bank:
            out.append(bank[m])
        elif m >= 21 * 60:  # 21:00-23:00 ramps down to the night level, then stays
            x = min(1.0, (m - 21 * 60) / 120)
            out.append(last + (night - last) * x)
        elif m >= 5 * 60:  # 05:00-07:00 ramps up to the 07:00 level
            x = (m - 5 * 60) / 120
            out.append(night + (bank[7 * 60] - night) * x)
        else:
            out.append(night)
    return out


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(os.path.dirname(here))
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", default=os.path.join(repo, "..", "shared", "data", "us_bank_2003"))
    parser.add_argument("--out", default=os.path.join(repo, "scenarios", "library"))
    args = parser.parse_args()

    bank, days = profile(os.path.join(args.data, "bank_calls_5min_2003.csv"))
    slots = day_profile(bank)
    scale = CALLS_PER_DAY / sum(slots)
    weights = [1 / (i + 1) ** 0.8 for i in range(TYPES)]
    shares = [w / sum(weights) for w in weights]
    names = [f"t{i + 1:02d}" for i in range(TYPES)]
    service = [110 + 100 * ((i * 7) % TYPES) / (TYPES - 1) for i in range(TYPES)]
    patience = [240 + 240 * ((i * 11) % TYPES) / (TYPES - 1) for i in range(TYPES)]

    with open(os.path.join(args.out, "large-center-forecast.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["interval_start"] + names)
        for s, volume in enumerate(slots):
            m = s * SLOT
            w.writerow([f"{m // 60:02d}:{m % 60:02d}"] + [f"{volume * scale * shares[k]:.3f}" for k in range(TYPES)])

    # Groups: specialists g01..g20 take their own type; cross-trained x01..x10 take 4 types
    # each (types 2j..2j+3 mod 20), so every type has a specialist group and two cross groups.
    groups = [(f"s{k + 1:02d}", [k], 0.75) for k in range(TYPES)]
    for j in range(GROUPS_CROSS):
        skills = [(2 * j + d) % TYPES for d in range(4)]
        groups.append((f"x{j + 1:02d}", skills, 0.25 / 2))  # each type's cross share is split over 2 groups

    def load(k, m0, m1):  # Erlangs of type k over [m0, m1) minutes, at its peak half hour
        best = 0.0
        for start in range(m0, m1, 30):
            calls = sum(slots[(start + d) // SLOT] for d in range(0, 30, SLOT)) * scale * shares[k]
            best = max(best, calls * service[k] / 1800)
        return best

    # Three waves: early 06:00-14:00 and late 13:00-21:00 overlap over the midday peak; the
    # night wave covers 21:00-24:00 and 00:00-06:00 (the simulated day starts at midnight,
    # so the night wave is written as two shifts of the same agents).
    waves = [[(6 * 60, 14 * 60)], [(13 * 60, 21 * 60)], [(21 * 60, 24 * 60), (0, 6 * 60)]]
    lines = [
        "# The scale benchmark: a synthetic 24-hour center of about 250,000 calls a day, 20 call",
        "# types and about 2,500 agents in 30 groups over three shift waves with breaks.",
        "# Made by scenarios/fit/make_large_center.py from the 5-minute arrival profile of a US",
        f"# bank (Weinberg, Brown & Stroud 2007, JASA 102(480); {days} weekdays of 2003).",
        "name: large-center",
        "time:",
        '  start: "00:00"',
        "  warmup: 0s",
        "  duration: 24h",
        "  interval: 30min",
        "service_level:",
        "  threshold: 20s",
        "call_types:",
    ]
    for k in range(TYPES):
        lines += [
            f"  - name: {names[k]}",
            "    arrivals: {forecast: large-center-forecast.csv}",
            f"    service: {{distribution: lognormal, mean: {service[k]:.0f}s, cv: 1.0}}",
            f"    patience: {{distribution: exponential, mean: {patience[k]:.0f}s}}",
        ]
    lines.append("agent_groups:")
    headcount = 0
    for name, skills, share in groups:
        lines.append(f"  - name: {name}")
        if len(skills) == 1:
            lines.append(f"    skills: [{names[skills[0]]}]")
        else:
            items = [f"{{type: {names[skills[0]]}, level: 1, multiplier: 1.0}}"]
            items += [f"{{type: {names[k]}, level: 2, multiplier: 1.1}}" for k in skills[1:]]
            lines.append(f"    skills: [{', '.join(items)}]")
        lines.append("    shifts:")
        need = lambda m0, m1: sum(load(k, m0, m1) for k in skills) * share / 0.9 * 1.1  # +10% for breaks
        night = max(2, math.ceil(max(need(0, 6 * 60), need(21 * 60, 24 * 60))))
        early = max(2, math.ceil(need(6 * 60, 13 * 60)))
        late = max(2, math.ceil(max(need(14 * 60, 21 * 60), need(13 * 60, 14 * 60) - early)))
        headcount += night + early + late
        for segments, count in zip(waves, [early, late, night]):
            for m0, m1 in segments:
                third = max(1, count // 3)
                breaks = []
                length = m1 - m0
                for offset, duration in [(length // 4, "15min"), (length // 2, "30min"), (3 * length // 4, "15min")]:
                    if length < 6 * 60 and offset != length // 2:
                        continue  # the 3-hour evening part of the night wave has one break
                    for part in range(3):
                        start = m0 + offset - 30 + 30 * part
                        breaks.append(f'{{start: "{start // 60:02d}:{start % 60:02d}", duration: {duration}, count: {third}}}')
                end = "24:00" if m1 == 24 * 60 else f"{m1 // 60:02d}:{m1 % 60:02d}"
                lines.append(f'      - start: "{m0 // 60:02d}:{m0 % 60:02d}"')
                lines.append(f'        end: "{end}"')
                lines.append(f"        count: {count}")
                lines.append(f"        breaks: [{', '.join(breaks)}]")
    lines += ["routing:", "  policy: longest_idle_agent", ""]
    with open(os.path.join(args.out, "large-center.yaml"), "w") as f:
        f.write("\n".join(lines))
    print(f"{TYPES} call types, {len(groups)} groups, {headcount} agents, "
          f"{sum(slots) * scale:.0f} calls/day, profile from {days} days")


if __name__ == "__main__":
    main()
