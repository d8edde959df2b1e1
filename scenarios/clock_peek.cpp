#include "scenarios/clock_peek.hpp"

#include <yaml-cpp/yaml.h>

#include "scenarios/clock_time.hpp"
#include "scenarios/limits.hpp"
#include "scenarios/yaml_checks.hpp"
#include "scenarios/yaml_parse.hpp"

namespace callsim::scenarios {

std::optional<double> peek_clock_start(const std::string& text) {
  // The text may come from a results file, written by anyone: the loader's size limit and
  // its parser that never loops, and nothing escapes.
  if (text.size() > limits::kScenarioBytes) return std::nullopt;
  try {
    const detail::YamlDocuments documents = detail::parse_yaml(text);
    if (documents.count == 0 || !documents.first.IsMap()) return std::nullopt;
    const auto time = detail::find_child(documents.first, "time");
    if (!time || !time->IsMap()) return 0.0;
    const auto start = detail::find_child(*time, "start");
    if (!start) return 0.0;
    if (!start->IsScalar()) return std::nullopt;
    return parse_time_of_day(start->Scalar());
  } catch (const std::exception&) {
    return std::nullopt;  // the caller says the labels are relative
  }
}

}  // namespace callsim::scenarios
