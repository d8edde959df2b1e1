#include "scenarios/costs_field.hpp"

#include <limits>

#include "scenarios/limits.hpp"

namespace callsim::scenarios::detail {

namespace {

constexpr NumberRange kAmount{0, false, std::numeric_limits<double>::infinity(), false};

// Amounts past the limit would make sums of a run's costs lose their cents, or overflow.
double read_amount(const Reporter& reporter, const Entry& entry, const std::string& path) {
  return read_number_within(reporter, entry, path, kAmount, 0, limits::kAmount);
}

// One number for every group, or a mapping that prices each group: a group left out is
// an error rather than free labour, which would flatter every cost figure.
std::vector<double> read_agent_hour(const Reporter& reporter, const Entry& entry, const std::string& path,
                                    const std::vector<std::string>& group_names) {
  if (!entry.value.IsMap()) return std::vector<double>(group_names.size(), read_amount(reporter, entry, path));
  const Fields fields(reporter, entry.value, entry.line(), "'" + path + "'", path, group_names);
  std::vector<double> rates;
  for (const std::string& group : group_names) {
    const auto rate = fields.find(group);
    if (!rate) {
      reporter.fail(entry.line(), path + " has no rate for agent group '" + group +
                                      "'; give every group its cost per paid hour, or one number for all groups");
    }
    rates.push_back(read_amount(reporter, *rate, fields.path(group)));
  }
  return rates;
}

models::SlaContract read_sla(const Reporter& reporter, const Entry& entry, const std::string& path) {
  const Fields fields(reporter, entry.value, entry.line(), "'" + path + "'", path, {"penalty", "per", "target"});
  models::SlaContract sla;
  const Entry target = fields.require("target", "the service level to reach, a fraction, e.g. 0.8");
  sla.target = read_number(reporter, target, fields.path("target"));
  // Planners think in percent: say how to write 80 % rather than only that 80 is too big.
  if (!(sla.target > 0 && sla.target <= 1)) {
    reporter.fail(target.line(), fields.path("target") +
                                     " must be a fraction greater than 0 and at most 1 (0.8 for "
                                     "80 %), got " +
                                     target.value.Scalar());
  }
  const Entry per = fields.require("per", "which periods are judged: interval or day");
  const std::string text = read_scalar(reporter, per, fields.path("per"), "interval");
  if (text == "interval") {
    sla.per = models::SlaContract::Per::INTERVAL;
  } else if (text == "day") {
    sla.per = models::SlaContract::Per::DAY;
  } else {
    reporter.fail(per.line(), fields.path("per") +
                                  " must be 'interval' (each reporting interval is judged) or 'day' "
                                  "(the whole counted period is), got '" +
                                  text + "'");
  }
  if (const auto penalty = fields.find("penalty"))
    sla.penalty = read_amount(reporter, *penalty, fields.path("penalty"));
  return sla;
}

}  // namespace

models::CostSpec read_costs(const Reporter& reporter, const Entry& entry, const std::vector<std::string>& group_names) {
  const Fields fields(reporter, entry.value, entry.line(), "'costs'", "costs",
                      {"agent_hour", "currency", "revenue_per_call", "revenue_per_hour", "sla", "trunk_minute"});
  models::CostSpec costs;
  if (const auto currency = fields.find("currency"))
    costs.currency = read_identifier(reporter, *currency, fields.path("currency"), "EUR", NameKind::PART);
  costs.agent_hour = read_agent_hour(
      reporter, fields.require("agent_hour", "the cost of a paid agent hour, one number or one per agent group"),
      fields.path("agent_hour"), group_names);
  const auto amount = [&](const char* key, double& out) {
    if (const auto value = fields.find(key)) out = read_amount(reporter, *value, fields.path(key));
  };
  amount("trunk_minute", costs.trunk_minute);
  amount("revenue_per_call", costs.revenue_per_call);
  amount("revenue_per_hour", costs.revenue_per_hour);
  if (const auto sla = fields.find("sla")) costs.sla = read_sla(reporter, *sla, fields.path("sla"));
  return costs;
}

}  // namespace callsim::scenarios::detail
