#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "analysis/erlang_reference.hpp"
#include "scenarios/loader.hpp"
#include "sim/distribution.hpp"

namespace {
callsim::models::CenterSpec shipped(const std::string& name) {
  return callsim::scenarios::load_scenario(std::string(CALLSIM_SOURCE_DIR) + "/scenarios/library/" + name).spec;
}
}  // namespace

TEST_CASE("the Erlang reference applies to the exponential single queue only", "[analysis][erlang]") {
  auto spec = shipped("erlang-a.yaml");
  const auto a = callsim::analysis::erlang_reference(spec);
  REQUIRE(a.has_value());
  // Expected counts per counted period: 1000/h over 200 h.
  REQUIRE(callsim::analysis::erlang_kpi_value(*a, spec, "offered") == Approx(200000));
  REQUIRE(callsim::analysis::erlang_kpi_value(*a, spec, "abandoned") == Approx(200000 * a->abandon_rate));
  REQUIRE(callsim::analysis::erlang_kpi_value(*a, spec, "service_level") == a->service_level);
  REQUIRE(std::isnan(callsim::analysis::erlang_kpi_value(*a, spec, "no_such_kpi")));

  const auto c = callsim::analysis::erlang_reference(shipped("erlang-c.yaml"));
  REQUIRE(c.has_value());
  REQUIRE(c->abandon_rate == 0);
  REQUIRE(c->service_level < a->service_level);  // without abandonment the queue is longer

  auto with_capacity = spec;
  with_capacity.call_types[0].queue_capacity = 10;  // M/M/c/K is not Erlang A
  REQUIRE_FALSE(callsim::analysis::erlang_reference(with_capacity).has_value());
  auto with_wrap = spec;
  with_wrap.call_types[0].wrap_up = spec.call_types[0].service;
  REQUIRE_FALSE(callsim::analysis::erlang_reference(with_wrap).has_value());

  callsim::sim::DistributionParams p;
  p.scalars = {{"mean", 180}, {"cv", 0.5}};
  spec.call_types[0].service = callsim::sim::make_distribution("lognormal", p);
  REQUIRE_FALSE(callsim::analysis::erlang_reference(spec).has_value());
}
