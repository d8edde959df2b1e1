#include "scenarios/distribution_field.hpp"

#include <algorithm>
#include <vector>

#include "scenarios/limits.hpp"

namespace callsim::scenarios::detail {

namespace {

std::vector<std::string> distribution_names() {
  std::vector<std::string> names;
  for (const auto* info : sim::registered_distributions()) names.push_back(info->name);
  return names;
}

double read_value(const Reporter& reporter, const Entry& entry, const std::string& path, bool is_duration) {
  // A negative service time or patience is meaningless; the registry checks finer bounds.
  if (is_duration) return read_duration(reporter, entry, path, DurationBound::NOT_NEGATIVE);
  // A cv or shape beyond this makes draws that are 0 or astronomical, nothing a center sees.
  const double value = read_number(reporter, entry, path);
  if (value > limits::kDistributionNumber) {
    reporter.fail(entry.line(), path + " must be at most 1000, got " + entry.value.Scalar());
  }
  return value;
}

std::vector<double> read_values(const Reporter& reporter, const Entry& entry, const std::string& path,
                                bool is_duration) {
  const YAML::Node list = read_list(
      reporter, entry, path,
      is_duration ? "a list of durations such as [30s, 2min, 5min]" : "a list of numbers such as [0.5, 1, 2]");
  std::vector<double> values;
  values.reserve(list.size());
  for (std::size_t i = 0; i < list.size(); ++i) {
    // The list itself stands in for the key: an empty item is reported at the list's line.
    values.push_back(
        read_value(reporter, Entry{entry.value, list[i]}, path + "[" + std::to_string(i) + "]", is_duration));
  }
  return values;
}

}  // namespace

sim::Distribution read_distribution(const Reporter& reporter, const Entry& entry, const std::string& path,
                                    const std::vector<std::string>& also_allowed) {
  const YAML::Node& node = entry.value;
  if (!node.IsMap()) {
    reporter.fail(entry.line(), path + " must be a distribution such as " + std::string(kDistributionExample) +
                                    "; got " + describe(node));
  }
  // The name decides which other keys are valid, so it is looked up before the key check;
  // duplicates of it are then caught by that check like any other key.
  std::optional<Entry> name_entry;
  for (auto it = node.begin(); it != node.end() && !name_entry; ++it) {
    if (it->first.IsScalar() && it->first.Scalar() == "distribution") name_entry = Entry{it->first, it->second};
  }
  const std::vector<std::string> names = distribution_names();
  if (!name_entry) {
    reporter.fail(line_of(node), path + " is missing 'distribution' (its name, one of: " + join(names) + ")");
  }
  const std::string name = read_scalar(reporter, *name_entry, path + ".distribution", "exponential");
  const sim::DistributionInfo* info = sim::find_distribution(name);
  if (info == nullptr) {
    reporter.fail(name_entry->line(), "unknown distribution '" + name + "' for " + path + suggestion(name, names) +
                                          "; valid values are: " + join(names));
  }

  std::vector<std::string> allowed{"distribution"};
  allowed.insert(allowed.end(), also_allowed.begin(), also_allowed.end());
  for (const auto& param : info->params) allowed.push_back(param.name);
  const Fields fields(reporter, node, line_of(node), "the " + name + " distribution of " + path, path, allowed);

  sim::DistributionParams params;
  for (const auto& param : info->params) {
    const auto param_entry = fields.find(param.name);
    if (!param_entry) continue;  // whether it was required is the registry's call
    const std::string param_path = fields.path(param.name);
    if (param.is_list) {
      params.lists[param.name] = read_values(reporter, *param_entry, param_path, param.is_duration);
    } else {
      params.scalars[param.name] = read_value(reporter, *param_entry, param_path, param.is_duration);
    }
  }
  sim::Distribution made;
  try {
    made = sim::make_distribution(name, params);
  } catch (const sim::DistributionError& error) {
    reporter.fail(line_of(node), path + ": " + error.what());
  }
  // Parameters within their limits can still give a mean beyond any horizon (a weibull of
  // shape 0.01 has a mean 1e158 times its scale).
  const bool of_durations = std::any_of(info->params.begin(), info->params.end(),
                                        [](const sim::DistributionParamInfo& param) { return param.is_duration; });
  if (of_durations && !(made.mean() <= limits::kDurationSeconds)) {
    reporter.fail(line_of(node), path + " has a mean of " + seconds_text(made.mean()) +
                                     "; a distribution's mean must be at most 36525d (100 years)");
  }
  return made;
}

sim::Distribution read_given_distribution(const Reporter& reporter, const Entry& entry, const std::string& path,
                                          std::string_view example, std::string_view without) {
  if (entry.value.IsNull()) {
    reporter.fail(entry.line(), path + " is empty; give a distribution such as " + std::string(example) +
                                    ", or remove the key " + std::string(without));
  }
  return read_distribution(reporter, entry, path);
}

}  // namespace callsim::scenarios::detail
