#pragma once
/// \file
/// The inputs callsim's fuzz targets feed to the scenario loader, one function per target,
/// as plain C++ without libFuzzer: the fuzz targets (fuzz/*_fuzz.cpp) call them, and so does
/// tests/fuzz_found_test.cpp, which replays every input the fuzzer ever found through
/// exactly the code the fuzzer ran. Each function returns when its input loads or is refused
/// with a ScenarioError (the expected refusal of bad input); anything else is a finding: a
/// crash, another exception escaping, or an UncheckedInput. With CALLSIM_FUZZ_VERBOSE set in
/// the environment, every refusal is printed to stderr (to see how deep an input gets).

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace callsim::fuzz {

/// The loader refused the input, but only through its last-resort catch-all, which turns an
/// exception of yaml-cpp or the standard library into a ScenarioError ("the scenario cannot
/// be read (bad conversion)"): no reader checked what the input tripped over, so the message
/// names neither the key nor the fix. A gap in the loader's checks, hence a finding.
class UncheckedInput : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

/// Whether `message` is one the loader's catch-all made for the scenario at `path`:
/// "PATH: " or "PATH:LINE: " then its own words, possibly after the "--set OVERRIDE: " that
/// blames one of `overrides`. Only the start of the message is looked at: the rest quotes the
/// input, which may hold any text (libFuzzer even learns such texts from the comparisons).
bool made_by_catch_all(std::string_view message, const std::string& path, const std::vector<std::string>& overrides);

/// `data` as a scenario file's text ("fuzz.yaml" in the shipped scenarios' directory, so that
/// the CSV files they name resolve).
void load_scenario_yaml(std::string_view data);

/// `data` as `--set` overrides of a shipped scenario: the first line names the scenario
/// (a file name stem of scenarios/library/ or tests/data/, e.g. "erlang-a"; any other first
/// line picks one by its hash), every further line is one override "PATH=VALUE".
void load_with_overrides(std::string_view data);

/// `data` as a forecast CSV: parsed, every column converted to volumes, then loaded as the
/// forecast of a scenario whose time and call type follow the table, so that the loader's
/// own checks of the table run too.
void load_forecast_csv(std::string_view data);

/// `data` as a staffing plan CSV: parsed, every column read as agent counts, then loaded as
/// the plan of an agent group named after its first column.
void load_staffing_csv(std::string_view data);

/// `data` as a trace CSV (time[,call_type]): parsed, then replayed by a call type of a
/// scenario whose period covers the trace.
void load_trace_csv(std::string_view data);

/// `data` as a shift templates file of `callsim roster` (docs/roster.md) for a scenario with
/// the agent groups "agents" and "backoffice".
void load_shift_templates(std::string_view data);

/// `data` as a call log of the Anonymous Bank (tab-separated, arrivals: {trace: ..., format:
/// anonymous_bank}): parsed for the date of its first row, then replayed by a call type.
void load_bank_log(std::string_view data);

/// A call log (generic CSV and Anonymous Bank readers), fitted when it reads, the fitted
/// scenario loaded: a reader's refusal must name the file and line, and a fitted scenario
/// that does not load is a finding.
void fit_call_log(std::string_view data);

}  // namespace callsim::fuzz
