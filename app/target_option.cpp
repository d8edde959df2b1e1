#include "app/target_option.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <optional>

#include "app/option_values.hpp"
#include "scenarios/units.hpp"

namespace callsim::app {

namespace {

using Direction = analysis::StaffingTarget::Direction;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

/// A whole decimal number (from_chars: locale-free, no trailing text), or nullopt.
std::optional<double> plain_number(std::string_view s) {
  double v = 0;
  const auto [end, error] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (error != std::errc{} || end != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::string figure(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

}  // namespace

analysis::StaffingTarget parse_target(std::string_view option, const std::string& text) {
  const std::string head = std::string(option) + " '" + text + "' is not valid: ";
  const auto fail = [&](const std::string& why) { throw OptionError(head + why); };

  analysis::StaffingTarget target;
  const auto at_least = text.find(">="), at_most = text.find("<=");
  if (at_least == std::string::npos && at_most == std::string::npos) {
    fail("expected " + std::string(kTargetHelp));
  }
  if (at_least != std::string::npos && at_most != std::string::npos) fail("give one bound, >= or <=, per --target");
  const std::size_t at = at_least != std::string::npos ? at_least : at_most;
  target.direction = at_least != std::string::npos ? Direction::AT_LEAST : Direction::AT_MOST;
  target.kpi = std::string(trim(std::string_view(text).substr(0, at)));
  const std::string_view value = trim(std::string_view(text).substr(at + 2));

  const analysis::ErlangKpi* kpi = analysis::find_erlang_kpi(target.kpi);
  if (target.kpi.empty()) fail("no KPI before the bound; expected " + std::string(kTargetHelp));
  if (!kpi) fail(*analysis::target_problem(target));
  if (value.empty()) fail("no value after the bound; expected " + std::string(kTargetHelp));

  const std::string unit(kpi->unit);
  const std::string quoted_value = "'" + std::string(value) + "'";
  if (unit == "fraction") {
    const bool percent = value.back() == '%';
    const auto v = plain_number(trim(percent ? value.substr(0, value.size() - 1) : value));
    if (!v)
      fail(quoted_value + " is not a fraction: expected a number from 0 to 1 (e.g. 0.8) or a percentage (e.g. 80%)");
    target.value = percent ? *v / 100 : *v;
  } else if (unit == "s") {
    auto v = plain_number(value);
    if (!v) v = scenarios::parse_duration(value);
    if (!v)
      fail(quoted_value + " is not a duration: expected " + std::string(scenarios::kDurationHelp) + ", or seconds");
    target.value = *v;
  } else {
    const auto v = plain_number(value);
    if (!v) fail(quoted_value + " is not a number: expected a number of calls, e.g. 2");
    target.value = *v;
  }
  if (const auto problem = analysis::target_problem(target)) fail(*problem);
  return target;
}

std::string describe_target(const analysis::StaffingTarget& target) {
  const analysis::ErlangKpi* kpi = analysis::find_erlang_kpi(target.kpi);
  const std::string op = target.direction == Direction::AT_LEAST ? " >= " : " <= ";
  if (kpi && kpi->unit == std::string_view("fraction")) return target.kpi + op + figure(100 * target.value) + "%";
  if (kpi && kpi->unit == std::string_view("s")) return target.kpi + op + figure(target.value) + " s";
  return target.kpi + op + figure(target.value);
}

}  // namespace callsim::app
