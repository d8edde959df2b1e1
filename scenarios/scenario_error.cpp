#include "scenarios/loader.hpp"
#include "scenarios/name_rules.hpp"

namespace callsim::scenarios {

namespace {

// Long enough for every message that lists valid names; a message longer than this quotes
// some input whole, which helps nobody.
constexpr std::size_t kMaxMessageBytes = 4000;

}  // namespace

ScenarioError::ScenarioError(const std::string& message)
    : std::runtime_error(detail::shown(message, kMaxMessageBytes)) {}

}  // namespace callsim::scenarios
