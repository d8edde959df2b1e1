#!/usr/bin/env Rscript
# Example reader for callsim results files (format_version 2 to 4, docs/results-format.md),
# in R with hdf5r. Shown for R users; callsim and its tests do not need R.
#
# Prints the provenance (seed, command line, overrides, complete), each run's KPI summary,
# the service level per reporting interval (pooled over replications from the raw tallies),
# each call type's service level and each agent group's occupancy (pooled), the per-call
# table's outcomes when there is one, and the paired differences of a comparison.
#
# Usage:   Rscript docs/read_results.R RESULTS.h5
# Needs:   hdf5r (Debian: apt-get install r-cran-hdf5r; CRAN: install.packages("hdf5r"))
#
# hdf5r reads a compound dataset into a data.frame with one column per field. Format 4
# tables are 1-D and long with label columns (call_type, group and variant as names, clock
# as "HH:MM:SS"); format 3's are multi-dimensional with index columns. This script relies
# only on the label or index fields every row carries, not on the order in which R lays
# the rows out (R is column-major: it sees format 3's C-order dimensions reversed).

suppressPackageStartupMessages(library(hdf5r))

args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 1) {
  cat("usage: Rscript docs/read_results.R RESULTS.h5\n", file = stderr())
  quit(status = 2)
}
path <- args[1]
f <- H5File$new(path, mode = "r")

version <- h5attr(f, "format_version")
if (!(version %in% c(2, 3, 4))) {
  cat(sprintf("%s: format_version %d; this reader knows 2 to 4\n", path, version), file = stderr())
  quit(status = 1)
}
root_attrs <- h5attr_names(f)

# A 1-D string attribute (call_types, agent_groups, overrides); hdf5r cannot read an empty
# one (shape (0)), so ask its size first.
text_list <- function(obj, name) {
  a <- obj$attr_open(name)
  on.exit(a$close())
  if (prod(a$get_space()$dims) == 0) character(0) else a$read()
}
# NaN where the denominator is 0: the format's rule for undefined ratios.
ratio <- function(num, den) ifelse(den > 0, num / den, NaN)
# Summed tallies per index value (an index field of the rows).
by <- function(values, index) tapply(as.numeric(values), as.vector(index), sum)
# The name a row's label stands for: format 4 stores the name, format 3 an index into `names`.
label <- function(key, names) if (version >= 4) key else names[as.integer(key) + 1]

cat(sprintf("callsim results file %s\n", path))
cat(sprintf("  callsim %s, created %s, seed %s\n", h5attr(f, "callsim_version"), h5attr(f, "created"),
            format(h5attr(f, "seed"), scientific = FALSE)))
cat(sprintf("  command line: %s\n", h5attr(f, "command_line")))
# Added to version 3 later: a file without them was complete and had no overrides.
overrides <- if ("overrides" %in% root_attrs) text_list(f, "overrides") else character(0)
cat(sprintf("  overrides: %s\n", if (length(overrides)) paste(overrides, collapse = ", ") else "none"))
complete <- if ("complete" %in% root_attrs) h5attr(f, "complete") else 1
if (complete == 0) {
  cat(sprintf("  INCOMPLETE: interrupted after %s of %s replications (callsim run --resume continues it)\n",
              format(h5attr(f, "replications")), format(h5attr(f, "replications_requested"))))
} else {
  cat("  complete\n")
}
scenario <- f[["scenario"]]
cat(sprintf("  dataset /scenario: %s, %d bytes of text\n", h5attr(scenario, "path"),
            nchar(scenario$read(), type = "bytes")))

# Runs: every group under '/', except '/comparison' from version 3 on. f$ls() lists them
# by name; the file also tracks their creation order (the order callsim wrote them).
listing <- f$ls()
runs <- listing$name[listing$obj_type == "H5I_GROUP"]
if (version >= 3) runs <- setdiff(runs, "comparison")
if (version >= 4) {
  runs <- setdiff(runs, "input_files")
  # The files the scenarios read, stored byte for byte with their SHA-256.
  inputs <- f[["inputs"]]$read()
  cat(sprintf("  dataset /inputs: %d files the scenario read\n", nrow(inputs)))
  for (n in seq_len(nrow(inputs))) {
    cat(sprintf("  %s %s, %s bytes, sha256 %s\n", inputs$role[n], inputs$path[n], format(inputs$bytes[n]),
                inputs$sha256[n]))
  }
}

for (name in runs) {
  run <- f[[name]]
  types <- text_list(run, "call_types")
  groups <- text_list(run, "agent_groups")
  reps <- run[["replications"]]$read()
  cat(sprintf("\nrun '%s': %d replications, interval %g s from %g s\n", name, nrow(reps),
              h5attr(run, "interval_seconds"), h5attr(run, "warmup_seconds")))
  cat(sprintf("  dataset /%s/replications: service level per replication: %s\n", name,
              paste(sprintf("%.4f", reps$service_level), collapse = " ")))

  summary <- run[["summary"]]$read()
  cat(sprintf("  dataset /%s/summary\n", name))
  cat(sprintf("  %-32s %-9s %14s %14s %4s\n", "kpi", "unit", "mean", "ci95", "n"))
  for (s in seq_len(nrow(summary))) {
    cat(sprintf("  %-32s %-9s %14.6f %14.6f %4d\n", summary$kpi[s], summary$unit[s], summary$mean[s],
                summary$ci95[s], as.integer(summary$n[s])))
  }

  # Service level of each interval, pooled: the KPI's definition applied to the tallies
  # summed over replications.
  iv <- run[["intervals"]]$read()
  within <- by(iv$answered_within, iv$interval)
  den <- by(iv$answered, iv$interval) + by(iv$abandoned, iv$interval) - by(iv$abandoned_within, iv$interval)
  cat(sprintf("  dataset /%s/intervals: pooled service level per interval:\n", name))
  cat(sprintf("  %9s %12s\n", "interval", "pooled"))
  sl <- ratio(within, den)
  for (i in names(sl)) cat(sprintf("  %9s %12.6f\n", i, sl[[i]]))

  it <- run[["interval_types"]]$read()
  if (length(types) > 0 && nrow(reps) > 0) {
    within <- by(it$answered_within, it$call_type)
    den <- by(it$answered, it$call_type) + by(it$abandoned, it$call_type) - by(it$abandoned_within, it$call_type)
    sl <- ratio(within, den)
    cat(sprintf("  dataset /%s/interval_types: pooled service level per call type:\n", name))
    for (k in names(sl)) cat(sprintf("  %12.6f  %s\n", sl[[k]], label(k, types)))
  }

  g <- run[["groups"]]$read()
  if (length(groups) > 0 && nrow(reps) > 0) {
    occupancy <- ratio(by(g$busy_time, g$group), by(g$staffed_time, g$group))
    cat(sprintf("  dataset /%s/groups: pooled occupancy per agent group:\n", name))
    for (k in names(occupancy)) cat(sprintf("  %12.6f  %s\n", occupancy[[k]], label(k, groups)))
  }

  if (run$exists("interval_groups") && length(groups) > 0 && nrow(reps) > 0) {
    # Format 4: one row per (replication, interval, agent group); pooled occupancy per
    # group in the first interval.
    ig <- run[["interval_groups"]]$read()
    first <- ig[ig$interval == 0, ]
    occupancy <- ratio(by(first$busy_time, first$group), by(first$staffed_time, first$group))
    cat(sprintf("  dataset /%s/interval_groups: pooled occupancy per agent group in the first interval:\n", name))
    for (k in names(occupancy)) cat(sprintf("  %12.6f  %s\n", occupancy[[k]], label(k, groups)))
  }

  if (run$exists("interval_summary")) {
    # Format 4: each KPI's mean and CI per interval, one row per (interval, KPI).
    by_interval <- run[["interval_summary"]]$read()
    sl <- by_interval[by_interval$kpi == "service_level", ]
    cat(sprintf("  dataset /%s/interval_summary: service level per interval (mean, ci95):\n", name))
    for (i in seq_len(min(nrow(sl), 3))) cat(sprintf("  %9s %12.6f %12.6f\n", sl$clock[i], sl$mean[i], sl$ci95[i]))
  }

  if (run$exists("calls")) {
    # One row per call; read a slice at a time when it is large (here the first million).
    calls_set <- run[["calls"]]
    n <- calls_set$dims
    calls <- calls_set[seq_len(min(n, 1e6))]
    counted <- calls[calls$counted == 1, ]
    cat(sprintf("  dataset /%s/calls: per-call table, %s calls; counted calls (of the first %d) by outcome:\n",
                name, format(n), nrow(calls)))
    outcomes <- table(as.character(counted$outcome))
    for (o in names(outcomes)) cat(sprintf("  %12d  %s\n", outcomes[[o]], o))
  }
}

if (version >= 3 && f$exists("comparison")) {
  cmp <- f[["comparison"]]
  variants <- text_list(cmp, "variants")
  day <- cmp[["day"]]$read()
  iv <- cmp[["intervals"]]$read()
  cat(sprintf("\ndataset /comparison/day and /comparison/intervals (%d rows): paired differences to the baseline '%s'\n",
              nrow(iv), h5attr(cmp, "baseline")))
  for (v in seq_along(variants)) {
    rows <- if (version >= 4) day[day$variant == variants[v], ] else day[day$variant == v - 1, ]
    cat(sprintf("  variant '%s'\n", variants[v]))
    for (s in seq_len(nrow(rows))) {
      cat(sprintf("  %-32s %14.6f %14.6f %4d%s\n", rows$kpi[s], rows$mean[s], rows$ci95[s], as.integer(rows$n[s]),
                  if (rows$significant[s] == 1) " *" else ""))
    }
  }
}

f$close_all()
