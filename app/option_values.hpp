#pragma once
/// \file
/// Numeric command-line values, parsed from the text as typed. Boost.Program_options
/// would read "-1" into an unsigned as 2^64 - 1 and "1e3" not at all; here every value is
/// checked whole (no sign on a count, no trailing text, no wrap) against a documented range,
/// and a bad one is one sentence naming the option, the text and the valid range.

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace callsim::app {

/// A bad option value; what() is the whole sentence, e.g. "--replications '-1' is not
/// valid: expected a whole number from 1 to 100000000". Commands print it after
/// "callsim COMMAND: " and exit 2.
class OptionError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The most replications a command accepts. Every replication's tallies are kept in memory
/// until the file is written (at least about 0.5 KB each, far more with many intervals), so
/// 10^8 is already beyond one machine for all but the smallest scenarios (the run-size check
/// refuses what does not fit), and a confidence interval narrows only as 1 / sqrt(R): 10^8
/// replications give one 10^4 times narrower than a single replication's spread.
inline constexpr std::uint64_t kMaxReplications = 100'000'000;
/// The most worker threads (`-j`). Each thread holds a replication in flight; more threads
/// than cores add memory, not speed. 0 means one per core.
inline constexpr std::uint64_t kMaxThreads = 1024;
/// The most agents `callsim erlang` computes for (its birth-death chain is linear in them:
/// 10^7 agents take about 0.1 s).
inline constexpr std::uint64_t kMaxErlangAgents = 10'000'000;

/// `text` as a whole decimal number from `low` to `high` (digits only: no sign, no
/// exponent, no spaces). Throws OptionError naming `option` ("--replications").
std::uint64_t parse_whole(std::string_view option, const std::string& text, std::uint64_t low, std::uint64_t high);

/// How a real range's ends are included.
enum class Bound { INCLUSIVE, EXCLUSIVE };

/// `text` as a finite decimal number (e.g. "0.3", "1e-2") within `low` .. `high`, each end
/// included or not as given. Throws OptionError naming `option` and the range, e.g.
/// "--shrinkage '1' is not valid: expected a number from 0 to below 1".
double parse_real(std::string_view option, const std::string& text, double low, Bound low_bound, double high,
                  Bound high_bound);

/// "from 1 to 100000000" style description of a whole range, for messages and --help.
std::string whole_range(std::uint64_t low, std::uint64_t high);

}  // namespace callsim::app
