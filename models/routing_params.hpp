#pragma once
/// \file
/// Routing policy parameters: what a policy declares it takes (name, unit, whether it is
/// one value or one per agent group, call type, or call type x group, default, meaning) and
/// the values a scenario or a `--policy NAME:param=value` option gave, resolved to a flat
/// table per parameter. The scenario loader validates and fills RoutingSpec; a policy reads
/// its tables in its constructor, so decisions index a vector and never look up a name.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace callsim::models {

struct CenterSpec;
struct CallTypeSpec;

enum class PolicyParamUnit : std::uint8_t {
  kSeconds,      ///< a duration ("30s", "2min")
  kCount,        ///< a whole number >= 0 (agents)
  kProbability,  ///< a number in [0, 1]
  /// A relative weight: a number >= 0 of which only the ratios count, so a table whose
  /// cells are all 0 means nothing and the loader refuses it.
  kWeight,
};

/// How many values a parameter has: one, or one per agent group, call type, or call type x
/// agent group. A scenario may give the one value for all, then override cells:
/// `delay: 30s` and `delay.retail.generalists: 60s`.
enum class PolicyParamScope : std::uint8_t { kCenter, kGroup, kType, kTypeGroup };

/// What a policy declares about one of its parameters.
struct PolicyParamInfo {
  std::string_view name;
  PolicyParamUnit unit;
  PolicyParamScope scope;
  double default_value;
  std::string_view description;
};

/// A key a policy reads on every call type (`call_types[].NAME`, e.g. weighted_wait's
/// `weight`), declared in the policy's file (kCallTypeKeys). The loader accepts the
/// registered policies' keys on every call type whatever the scenario's policy (so a
/// scenario still loads when `--policy` switches it), as a number greater than `above`
/// within [least, most], and keeps them in CallTypeSpec::policy_keys; the policy reads its
/// key with call_type_key() in its constructor.
struct CallTypeKeyInfo {
  std::string_view name;
  double default_value;
  double above;  ///< values must be greater than this
  double least;  ///< and within [least, most]
  double most;
  std::string_view description;
};

/// A call type key as given in a scenario.
struct CallTypeKeyValue {
  std::string name;
  double value = 0;
};

/// The value of `key` for `type`: as given, or its default.
double call_type_key(const CallTypeSpec& type, const CallTypeKeyInfo& key);

/// One parameter's values for one center: 1, G, K or K x G cells (row-major by call type).
struct PolicyParamTable {
  std::string name;
  std::vector<double> values;
};

/// The routing policy of a center and the parameters given to it (those not given take
/// their declared default).
struct RoutingSpec {
  std::string policy = "longest_idle_agent";
  std::vector<PolicyParamTable> params;
};

/// Cells of a parameter of `scope` in a center of K call types and G groups.
std::size_t param_cells(PolicyParamScope scope, std::size_t types, std::size_t groups);

/// The values of parameter `info` for `spec`: the table `spec.routing` gives, or the
/// default in every cell. Sized by param_cells; cell (type k, group g) of a kTypeGroup
/// parameter is at k * G + g.
std::vector<double> param_values(const CenterSpec& spec, const PolicyParamInfo& info);

/// "duration", "count", "probability" or "weight", for listings and messages.
std::string_view unit_name(PolicyParamUnit unit);
/// "", "per agent group", "per call type" or "per call type and agent group".
std::string_view scope_name(PolicyParamScope scope);

}  // namespace callsim::models
