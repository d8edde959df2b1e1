// callsim list distributions|policies: what the registries hold, one line each.

#include <iostream>
#include <string>
#include <vector>

#include "app/commands.hpp"
#include "models/routing_policies.hpp"
#include "sim/distribution.hpp"

namespace callsim::app {

namespace {

constexpr const char* kListUsage =
    "usage: callsim list distributions|policies\n\n"
    "Prints every registered distribution (with its parameters) or routing policy.\n";

void list_distributions(std::ostream& out) {
  for (const sim::DistributionInfo* info : sim::registered_distributions()) {
    out << info->name << ": " << info->description << "\n";
    for (const auto& p : info->params) {
      out << "    " << p.name << " ("
          << (p.is_list ? (p.is_duration ? "list of durations" : "list of numbers")
                        : (p.is_duration ? "duration" : "number"))
          << "): " << p.description << "\n";
    }
  }
}

void list_policies(std::ostream& out) {
  for (const auto& policy : models::routing_policies()) {
    out << policy.name << ": " << policy.description << "\n";
    for (const auto& p : policy.params) {
      const std::string_view scope = models::scope_name(p.scope);
      out << "    " << p.name << " (" << models::unit_name(p.unit) << (scope.empty() ? "" : ", ") << scope
          << "; default " << p.default_value << (p.unit == models::PolicyParamUnit::kSeconds ? " s" : "")
          << "): " << p.description << "\n";
    }
    // Keys the policy reads on each call type (call_types[].NAME in a scenario).
    for (const auto& k : policy.call_type_keys)
      out << "    call_types[]." << k.name << " (number in [" << k.least << ", " << k.most << "], above " << k.above
          << "; default " << k.default_value << "): " << k.description << "\n";
  }
}

}  // namespace

int list_command(const std::vector<std::string>& args) {
  if (args.size() == 1 && (args[0] == "--help" || args[0] == "-h")) {
    std::cout << kListUsage;
    return 0;
  }
  if (args.size() == 1 && args[0] == "distributions") {
    list_distributions(std::cout);
    return 0;
  }
  if (args.size() == 1 && args[0] == "policies") {
    list_policies(std::cout);
    return 0;
  }
  std::cerr << "callsim list: expected 'distributions' or 'policies'\n" << kListUsage;
  return kExitBadInput;
}

}  // namespace callsim::app
