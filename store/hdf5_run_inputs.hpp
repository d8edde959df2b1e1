#pragma once
/// \file
/// Format 4's self-description (docs/results-format.md, "What the file knows of its
/// inputs"): the files the scenarios read, byte for byte with their SHA-256, under '/', and
/// per run what its reports need (the scenario as applied, its overrides, the clock start,
/// the forecast, handle and patience means, costs and targets) in the run's group.

#include <H5Cpp.h>

#include <optional>
#include <string>
#include <vector>

#include "analysis/run_result.hpp"
#include "run/run_inputs.hpp"

namespace callsim::store::hdf5 {

/// Throws hdf5::Problem unless `in` fits `run` (forecast [I x K] or empty, ivr_forecast [I]
/// or empty, handle and patience means [K] or empty, agent-hour costs [G] or empty, no NUL
/// in the texts) and names a source of `sources` (when there are any).
void check_run_inputs(const analysis::RunResult& run, const run::RunInputs& in, std::size_t sources);

/// Writes `/inputs` (one row per stored file: source, source_path, input, role, path,
/// bytes, sha256) and `/input_files/<row>` (its bytes). A digest is computed here; a given
/// one must match (hdf5::Problem otherwise).
void write_sources(const H5::H5File& file, const std::vector<run::ScenarioSource>& sources);
/// Reads what write_sources wrote; each file's bytes must have the stored digest.
std::vector<run::ScenarioSource> read_sources(const H5::H5File& file);

/// Writes `in` into the run's group (checked by check_run_inputs).
void write_run_inputs(const H5::Group& group, const analysis::RunResult& run, const run::RunInputs& in);
/// The run's inputs, or nullopt when the group has none (a file written without them).
std::optional<run::RunInputs> read_run_inputs(const H5::Group& group, const analysis::RunResult& run);

/// The run's clock start as stored (0 when the run has no inputs): the writer labels
/// interval starts with it.
double clock_start_of(const std::vector<run::RunInputs>& inputs, std::size_t run);

}  // namespace callsim::store::hdf5
