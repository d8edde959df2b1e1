#include "scenarios/clock_peek.hpp"

#include <yaml-cpp/yaml.h>

#include <vector>

#include "scenarios/clock_time.hpp"

namespace callsim::scenarios {

std::optional<double> peek_clock_start(const std::string& text) {
  try {
    const std::vector<YAML::Node> documents = YAML::LoadAll(text);
    if (documents.empty() || !documents[0].IsMap()) return std::nullopt;
    const YAML::Node time = documents[0]["time"];
    if (!time || !time.IsMap()) return 0.0;
    const YAML::Node start = time["start"];
    if (!start) return 0.0;
    if (!start.IsScalar()) return std::nullopt;
    return parse_time_of_day(start.Scalar());
  } catch (const YAML::Exception&) {
    return std::nullopt;  // the caller says the labels are relative
  }
}

}  // namespace callsim::scenarios
