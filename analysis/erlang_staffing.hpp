#pragma once
/// \file
/// Erlang staffing: the fewest agents whose exact Erlang C or Erlang A figures
/// (analysis/erlang.hpp) meet a set of targets, for one queue or period by period (SIPP:
/// each interval staffed as its own stationary queue).
///
/// Every figure used here is monotone in the number of agents N: for Erlang C in its stable
/// region N > load, for Erlang A everywhere (checked numerically for every N up to twice the
/// load, loads 0.3 to 500 Erlangs, patience 0.01 to 100 AHTs, T from 0 to 300 s: no step
/// went the wrong way by more than 1e-12). So "meets every target" is false up to some N
/// and true from there on, and the smallest such N is found by an exponential search from
/// the offered load followed by a binary search: O(log N) evaluations of analysis::erlang().
/// tests/erlang_staffing_test.cpp cross-checks it against a plain loop N = 1, 2, ...

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/erlang.hpp"

namespace callsim::analysis {

/// A requirement on one Erlang KPI: "service_level >= 0.8", "asa <= 30".
struct StaffingTarget {
  enum class Direction { AT_LEAST, AT_MOST };
  std::string kpi;  ///< an ErlangKpi name, e.g. "service_level"
  Direction direction = Direction::AT_LEAST;
  double value = 0;  ///< in the KPI's unit: a fraction, seconds or calls
};

/// One KPI a staffing target may name, with the direction that makes sense for it (more
/// agents raise a service level and lower everything else).
struct ErlangKpi {
  std::string_view name;  ///< as in analysis/kpi.hpp where the KPI exists there
  StaffingTarget::Direction direction;
  std::string_view unit;  ///< "fraction", "s" or "calls"
  double ErlangResult::*field;
};

/// The KPIs a staffing target may name, in a fixed order: service_level,
/// service_level_answered, service_level_offered (at least), p_wait, asa, awt,
/// abandon_rate, occupancy, mean_queue_length (at most).
std::span<const ErlangKpi> erlang_kpis();

/// The KPI named `name`, or nullptr when no staffing target can name it.
const ErlangKpi* find_erlang_kpi(std::string_view name);

/// "service_level, service_level_answered, ...": the valid names, for messages.
std::string erlang_kpi_names();

/// Why `target` cannot be used, as a sentence fragment ("'asa' is at most a target: ..."),
/// or nullopt when it is valid: a known KPI, its natural direction, a finite value in the
/// KPI's range (fractions from 0 to 1, times and queue lengths >= 0).
std::optional<std::string> target_problem(const StaffingTarget& target);

/// Whether `kpi_value` meets `target`. NaN (a figure that is not defined) never meets.
bool meets(const StaffingTarget& target, double kpi_value);

/// Whether the figures `result` meet every target: an unstable Erlang C queue meets none
/// (its waiting figures are undefined, and the queue grows without bound).
bool meets_all(std::span<const StaffingTarget> targets, const ErlangResult& result);

/// The most agents agents_for() tries by default, as `callsim erlang --agents` allows.
inline constexpr int kMaxStaffingAgents = 10'000'000;

/// What agents_for() found.
struct StaffingAnswer {
  /// The fewest agents meeting every target; 0 when no calls arrive; nullopt when none up to
  /// the cap does (then `reason` says why).
  std::optional<int> agents;
  /// The figures at `agents` (for 0 agents: offered_load 0, every other figure NaN).
  ErlangResult figures;
  /// Why no staffing meets the targets, a sentence fragment ("no number of agents answers
  /// 100 % of calls within T"); empty when `agents` is set.
  std::string reason;
};

/// The smallest N >= 1 such that analysis::erlang() of `base` with N agents meets every
/// target (the agents of `base` are ignored); 0 agents when base.arrival_rate == 0.
///
/// A target no finite staffing meets exactly is unreachable even where the figure rounds to
/// it in floating point: a service level of 1 (some calls always wait longer than T), or
/// p_wait, asa, awt, mean_queue_length or occupancy of 0, or, with patience, an
/// abandon_rate of 0. Otherwise the search runs up to `max_agents`.
///
/// Throws std::invalid_argument for a target with a target_problem(), for no targets, or for
/// inputs analysis::erlang() refuses (arrival_rate < 0 allowed only as 0); std::domain_error
/// when analysis::erlang() cannot compute an N the search needs.
StaffingAnswer agents_for(const ErlangInput& base, std::span<const StaffingTarget> targets,
                          int max_agents = kMaxStaffingAgents);

/// agents_for() for each interval's arrival rate (calls/s, >= 0) with the same handle time,
/// patience and threshold: period-by-period (SIPP) staffing. One answer per rate.
std::vector<StaffingAnswer> agents_per_interval(std::span<const double> rates, double mean_service,
                                                std::optional<double> mean_patience, double threshold,
                                                std::span<const StaffingTarget> targets,
                                                int max_agents = kMaxStaffingAgents);

}  // namespace callsim::analysis
