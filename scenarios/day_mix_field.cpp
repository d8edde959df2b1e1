#include "scenarios/day_mix_field.hpp"

#include <algorithm>
#include <limits>

#include "scenarios/arrivals_field.hpp"
#include "scenarios/limits.hpp"
#include "scenarios/staffing_field.hpp"

namespace callsim::scenarios::detail {

std::vector<models::DayVariant> read_day_mix(const Reporter& reporter, const Entry& entry,
                                             const models::CenterSpec& spec, LoadContext& context) {
  if (!context.rosters.empty()) {
    const auto& group = spec.agent_groups[context.rosters.front().group];
    reporter.fail(entry.line(), "day_mix gives every agent group its agents on duty day by day, but agent group '" +
                                    group.name +
                                    "' has shifts, which a day mix would ignore; give the group a staffing plan or "
                                    "count, or remove day_mix");
  }
  const YAML::Node list =
      read_list(reporter, entry, "day_mix", "a list of equally likely days, each {staffing: FILE.csv, volume: 1.0}");
  if (list.size() > limits::kDayMixVariants) {
    reporter.fail(entry.line(), "day_mix has " + std::to_string(list.size()) + " days; it may have at most " +
                                    std::to_string(limits::kDayMixVariants));
  }
  std::vector<models::DayVariant> variants;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string path = "day_mix[" + std::to_string(i) + "]";
    const Fields fields(reporter, list[i], line_of(list[i]), path, path, {"arrivals", "label", "staffing", "volume"});
    models::DayVariant variant;
    if (const auto label = fields.find("label"))
      variant.label = read_scalar(reporter, *label, fields.path("label"), "1999-01-04");
    const Entry staffing = fields.require("staffing", "a staffing CSV with a column per agent group, e.g. day1.csv");
    for (const auto& group : spec.agent_groups)
      variant.staffing.push_back(read_staffing_plan(reporter, staffing, fields.path("staffing"), group.name, context));
    // The day's own arrivals: every call type reads its column of the day's forecast (as a
    // call type's `arrivals` does); a type with a trace keeps its trace.
    if (const auto arrivals = fields.find("arrivals")) {
      for (const auto& type : spec.call_types) {
        variant.arrivals.push_back(
            read_arrivals(reporter, *arrivals, fields.path("arrivals"), ArrivalsOwner::call_type(type.name), context));
      }
    }
    if (const auto volume = fields.find("volume")) {
      variant.volume = read_number_within(reporter, *volume, fields.path("volume"),
                                          NumberRange{0, true, std::numeric_limits<double>::infinity(), false}, 0,
                                          limits::kDayMixVolume);
    }
    variants.push_back(std::move(variant));
  }
  return variants;
}

}  // namespace callsim::scenarios::detail
