#pragma once
/// \file
/// Probability distributions for durations and other positive quantities, drawn from a
/// RandomStream. One flat value type (a sampler function pointer plus its parameters): no
/// heap and no virtual chain on the hot path. Each distribution lives in its own
/// `sim/distribution_<name>.cpp` and registers itself there with one line; the scenario
/// loader learns names and parameters from the registry, never from a switch.
///
/// Numbers come from Boost.Random or our own inverse-CDF code, never from std::
/// distributions, whose output differs between standard libraries.

#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "sim/random_stream.hpp"

namespace callsim::sim {

/// Parameter values as the user gave them, converted to base units (seconds for durations).
struct DistributionParams {
  std::map<std::string, double, std::less<>> scalars;             ///< e.g. {"mean": 180, "cv": 0.8}
  std::map<std::string, std::vector<double>, std::less<>> lists;  ///< e.g. {"values": [30, 90]}, by parameter name
};

/// One parameter a distribution accepts.
struct DistributionParamInfo {
  std::string name;         ///< key in the scenario, e.g. "mean"
  bool is_duration = true;  ///< true: carries a time unit ("180s"); false: a plain number (cv, shape)
  bool is_list = false;     ///< true: a list of values (empirical's "values"), of durations or numbers
  std::string description;  ///< one line for `callsim list distributions` and error messages
};

/// Thrown when a distribution cannot be made: unknown name, missing or invalid parameter.
/// `what()` is one planner-readable sentence, without file or line (the loader adds those).
class DistributionError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

/// A ready-to-draw distribution. Cheap to copy (shares its table, if any).
class Distribution {
 public:
  using SampleFn = double (*)(const Distribution&, RandomStream&);

  Distribution() = default;
  Distribution(std::string name, SampleFn sample, double mean, double p0 = 0, double p1 = 0, double p2 = 0,
               double p3 = 0, std::shared_ptr<const std::vector<double>> table = {})
      : sample_(sample), mean_(mean), p_{p0, p1, p2, p3}, table_(std::move(table)), name_(std::move(name)) {}

  /// One draw. O(1) for every shipped distribution (empirical: O(1) by inversion of the
  /// sorted sample) but erlang, O(k), and hyperexponential, O(log phases).
  double sample(RandomStream& stream) const { return sample_(*this, stream); }
  /// The exact mean of the distribution, in the unit of its values (seconds for durations).
  [[nodiscard]] double mean() const { return mean_; }
  /// Registered name, e.g. "exponential".
  [[nodiscard]] const std::string& name() const { return name_; }
  /// Parameter slot i (meaning set by the distribution's own file).
  [[nodiscard]] double param(int i) const { return p_[i]; }
  /// The table a distribution keeps (empirical's sorted sample); empty for others.
  [[nodiscard]] const std::vector<double>& table() const {
    static const std::vector<double> kEmpty;
    return table_ ? *table_ : kEmpty;
  }

 private:
  SampleFn sample_ = nullptr;
  double mean_ = 0;
  double p_[4] = {0, 0, 0, 0};
  std::shared_ptr<const std::vector<double>> table_;
  std::string name_;
};

/// What the registry knows of one distribution.
struct DistributionInfo {
  std::string name;
  std::string description;                    ///< one line: what it is and how it is parametrised
  std::vector<DistributionParamInfo> params;  ///< every accepted parameter
  /// Builds the distribution; throws DistributionError naming the offending parameter.
  Distribution (*make)(const DistributionParams&) = nullptr;
};

/// All registered distributions, sorted by name.
std::vector<const DistributionInfo*> registered_distributions();
/// The entry for `name`, or nullptr.
const DistributionInfo* find_distribution(std::string_view name);
/// Adds an entry; called once per distribution file through CALLSIM_REGISTER_DISTRIBUTION.
bool register_distribution(DistributionInfo info);
/// Builds `name` from `params`. Unknown name: DistributionError "unknown distribution 'x';
/// valid values are: a, b, c". Unknown parameter keys are the caller's (loader's) job.
Distribution make_distribution(std::string_view name, const DistributionParams& params);

}  // namespace callsim::sim

/// One registration line at namespace scope in a distribution's .cpp file.
#define CALLSIM_REGISTER_DISTRIBUTION(info) \
  [[maybe_unused]] static const bool callsim_distribution_registered_ = ::callsim::sim::register_distribution(info)
