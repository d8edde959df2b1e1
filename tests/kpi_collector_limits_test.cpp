// The KPI collector's interval count is checked before any cast (issue 10, item 4):
// `duration: 1e300h` used to become an undefined conversion to size_t and a segfault.

#include <catch2/catch.hpp>

#include <limits>
#include <stdexcept>
#include <string>

#include "analysis/kpi_collector.hpp"
#include "spec_builders.hpp"

using callsim::sim::Time;

namespace {

callsim::models::CenterSpec horizon(double duration, double interval) {
  callsim::models::CenterSpec spec;
  spec.name = "limits";
  spec.time.duration = Time(duration);
  spec.time.interval = Time(interval);
  spec.call_types.push_back(test_specs::type("retail", 60, 180));
  spec.agent_groups.push_back(test_specs::group("agents", {"retail"}, 1));
  return spec;
}

std::string message_of(const callsim::models::CenterSpec& spec) {
  try {
    callsim::analysis::KpiCollector collector(spec);
  } catch (const std::exception& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("collector: a duration of 1e300 h is a length_error, not a crash", "[analysis][collector][limits]") {
  const auto spec = horizon(3.6e303, 1800);
  CHECK_THROWS_AS(callsim::analysis::KpiCollector(spec), std::length_error);
  CHECK(message_of(spec) ==
        "KPI collector: a counted duration of 3.6e+303 s in intervals of 1800 s makes 2e+300 intervals, more than the "
        "4294967295 a run can hold");
}

TEST_CASE("collector: more intervals than a uint32 numbers are refused, the most it holds pass the check",
          "[analysis][collector][limits]") {
  CHECK_THROWS_AS(callsim::analysis::KpiCollector(horizon(4294967296.0, 1)), std::length_error);
  CHECK(message_of(horizon(4294967296.0, 1)).find("makes 4294967296 intervals, more than the 4294967295") !=
        std::string::npos);
}

TEST_CASE("collector: an interval or duration that is not a finite positive number is an invalid_argument",
          "[analysis][collector][limits]") {
  const double inf = std::numeric_limits<double>::infinity(), nan = std::numeric_limits<double>::quiet_NaN();
  for (double interval : {0.0, -1.0, inf, nan}) {
    INFO("interval " << interval);
    CHECK_THROWS_AS(callsim::analysis::KpiCollector(horizon(3600, interval)), std::invalid_argument);
  }
  for (double duration : {-1.0, inf, nan}) {
    INFO("duration " << duration);
    CHECK_THROWS_AS(callsim::analysis::KpiCollector(horizon(duration, 1800)), std::invalid_argument);
  }
  CHECK(message_of(horizon(3600, 0)) ==
        "KPI collector: the reporting interval must be a positive, finite number of seconds, got 0");
  CHECK(message_of(horizon(inf, 1800)) ==
        "KPI collector: the counted duration must be a non-negative, finite number of seconds, got inf");
  CHECK(message_of(horizon(0, 1800)).empty());
}
