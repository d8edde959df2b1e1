#include "run/variants.hpp"

#include <set>

#include "scenarios/routing_field.hpp"

namespace callsim::run {

namespace {

/// `name`, or name-2, name-3, ... if it is taken; the result is taken from then on.
std::string unique_name(const std::string& name, std::set<std::string>& taken) {
  std::string candidate = name;
  for (int n = 2; taken.count(candidate); ++n) candidate = name + "-" + std::to_string(n);
  taken.insert(candidate);
  return candidate;
}

bool same_time_frame(const models::TimeSpec& a, const models::TimeSpec& b) {
  return a.warmup.seconds() == b.warmup.seconds() && a.duration.seconds() == b.duration.seconds() &&
         a.interval.seconds() == b.interval.seconds();
}

Variant named(std::string name, scenarios::LoadedScenario scenario, std::size_t source) {
  scenario.spec.name = name;
  return Variant{std::move(name), std::move(scenario), source};
}

}  // namespace

std::vector<std::string> split_what_if(const std::string& text) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == ';') {
      if (i > start) parts.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  return parts;
}

std::vector<Variant> single_variant(scenarios::LoadedScenario scenario) {
  std::vector<Variant> out;
  std::string name = scenario.spec.name;
  out.push_back(named(std::move(name), std::move(scenario), 0));
  return out;
}

std::vector<Variant> policy_variants(const scenarios::LoadedScenario& base, const std::vector<std::string>& policies) {
  std::vector<Variant> variants;
  std::set<std::string> names;
  for (const std::string& option : policies) {
    // A run name is an HDF5 group name: '/' would make it a path.
    if (option.find('/') != std::string::npos)
      throw VariantError("--policy '" + option + "' contains '/', which a run name in the results file cannot");
    if (!names.insert(option).second) throw VariantError("--policy '" + option + "' is given twice");
    scenarios::LoadedScenario scenario = base;
    scenario.spec.routing = scenarios::parse_policy_option(option, base.spec);
    variants.push_back(named(option, std::move(scenario), 0));
  }
  return variants;
}

namespace {

/// The base scenario with `all` overrides (its --set ones, then `own`, a --what-if's): a
/// problem with one of `own` is named as the --what-if the user typed, not as a --set.
scenarios::LoadedScenario load_what_if(const scenarios::LoadedScenario& base, const std::vector<std::string>& all,
                                       const std::vector<std::string>& own, const scenarios::StoredInputs& stored) {
  try {
    return scenarios::load_stored_scenario(base.text, base.path, all, stored);
  } catch (const scenarios::ScenarioError& e) {
    const std::string message = e.what();
    for (const std::string& o : own) {
      // As the message shows it: control characters of the override are escaped there.
      const std::string shown = scenarios::ScenarioError("--set " + o + ": ").what();
      if (message.rfind(shown, 0) == 0) throw scenarios::ScenarioError("--what-if" + message.substr(5));
    }
    throw;
  }
}

}  // namespace

std::vector<Variant> what_if_variants(const scenarios::LoadedScenario& base, const std::vector<std::string>& what_ifs) {
  std::vector<Variant> variants;
  std::set<std::string> names;
  variants.push_back(named(unique_name(base.spec.name, names), base, 0));
  scenarios::StoredInputs stored = scenarios::stored_inputs_of(base.inputs);
  stored.disk_for_others = true;
  for (const std::string& what_if : what_ifs) {
    if (what_if.find('/') != std::string::npos)
      throw VariantError("--what-if '" + what_if + "' contains '/', which a run name in the results file cannot");
    if (names.count(what_if)) throw VariantError("--what-if '" + what_if + "' is given twice");
    const std::vector<std::string> own = split_what_if(what_if);
    if (own.empty())
      throw VariantError("--what-if '" + what_if +
                         "' gives no override; expected KEY=VALUE[;KEY=VALUE...] (e.g. "
                         "--what-if agent_groups.agents.count=12)");
    std::vector<std::string> all = base.overrides;
    all.insert(all.end(), own.begin(), own.end());
    Variant v = named(unique_name(what_if, names), load_what_if(base, all, own, stored), 0);
    if (!same_time_frame(v.scenario.spec.time, variants[0].scenario.spec.time))
      throw VariantError("--what-if '" + what_if +
                         "' changes the warm-up, duration or interval; the variants of a "
                         "comparison must be simulated over the same intervals");
    variants.push_back(std::move(v));
  }
  return variants;
}

std::vector<Variant> scenario_variants(std::vector<scenarios::LoadedScenario> scenarios) {
  for (std::size_t i = 1; i < scenarios.size(); ++i) {
    if (!same_time_frame(scenarios[i].spec.time, scenarios[0].spec.time))
      throw VariantError("scenario '" + scenarios[i].path + "' has another warm-up, duration or interval than '" +
                         scenarios[0].path +
                         "'; the variants of a comparison must be simulated over the same intervals");
  }
  std::vector<Variant> variants;
  std::set<std::string> names;
  for (std::size_t i = 0; i < scenarios.size(); ++i) {
    std::string name = unique_name(scenarios[i].spec.name, names);
    variants.push_back(named(std::move(name), std::move(scenarios[i]), i));
  }
  return variants;
}

}  // namespace callsim::run
