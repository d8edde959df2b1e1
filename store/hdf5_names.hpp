#pragma once
/// \file
/// The names of the results file's objects (docs/results-format.md), defined once for the
/// writer, the reader and the per-call table.

namespace callsim::store::hdf5::names {

// Directly under '/'.
inline constexpr const char* kScenario = "scenario";       ///< the scenario text(s) as given
inline constexpr const char* kComparison = "comparison";   ///< `callsim compare`'s paired differences
inline constexpr const char* kInputs = "inputs";           ///< format 4: the files the scenarios read
inline constexpr const char* kInputFiles = "input_files";  ///< format 4: their bytes, one dataset per row of kInputs

// In a run group '/<run>'.
inline constexpr const char* kReplications = "replications";
inline constexpr const char* kIntervals = "intervals";
inline constexpr const char* kIntervalTypes = "interval_types";
inline constexpr const char* kGroups = "groups";
inline constexpr const char* kIntervalGroups = "interval_groups";  ///< format 4; absent from its first files
inline constexpr const char* kSummary = "summary";
inline constexpr const char* kIntervalSummary = "interval_summary";  ///< format 4
inline constexpr const char* kCalls = "calls";
inline constexpr const char* kAppliedScenario = "applied_scenario";  ///< format 4, with the run's inputs
inline constexpr const char* kForecast = "forecast";                 ///< format 4, with the run's inputs
inline constexpr const char* kIvrForecast = "ivr_forecast";          ///< format 4, with an IVR forecast
inline constexpr const char* kCallTypeInputs = "call_type_inputs";   ///< format 4, with the run's inputs
inline constexpr const char* kCosts = "costs";                       ///< format 4, when the scenario has costs
inline constexpr const char* kRoster = "roster";                     ///< format 4, when a group has shifts

// In '/comparison'.
inline constexpr const char* kDay = "day";
inline constexpr const char* kComparisonIntervals = "intervals";

}  // namespace callsim::store::hdf5::names
