#include "fit/day_selection.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <sstream>
#include <stdexcept>

#include "fit/civil_date.hpp"

namespace callsim::fit {

namespace {

constexpr std::array<std::string_view, 7> kWeekdays{"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

std::optional<int> weekday_of(std::string_view name) {
  for (std::size_t i = 0; i < kWeekdays.size(); ++i)
    if (name == kWeekdays[i]) return static_cast<int>(i);
  return std::nullopt;
}

std::string trim_lower(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

struct DayFilter {
  std::array<bool, 7> weekdays{};
  bool any_weekday = false;
  std::vector<std::pair<std::string, std::string>> dates;  ///< inclusive ISO ranges

  [[nodiscard]] bool matches(const LogDay& day) const {
    if (any_weekday && (day.weekday < 0 || !weekdays[static_cast<std::size_t>(day.weekday)])) return false;
    if (dates.empty()) return true;
    return std::any_of(dates.begin(), dates.end(),
                       [&](const auto& range) { return day.date >= range.first && day.date <= range.second; });
  }
};

[[noreturn]] void bad_spec(const std::string& item) {
  throw std::invalid_argument("--days: '" + item +
                              "' is not a day filter; give all, weekdays (mon, sun-thu, fri-sun), dates "
                              "(1999-03-02) or date ranges (1999-01-01..1999-01-31), separated by commas");
}

DayFilter parse_filter(const std::string& spec) {
  DayFilter filter;
  std::stringstream items(spec);
  std::string raw;
  while (std::getline(items, raw, ',')) {
    const std::string item = trim_lower(raw);
    if (item == "all") continue;
    if (const auto dots = item.find(".."); dots != std::string::npos) {
      const auto from = parse_iso_date(item.substr(0, dots)), to = parse_iso_date(item.substr(dots + 2));
      if (!from || !to) bad_spec(item);
      if (to->iso() < from->iso())
        throw std::invalid_argument("--days: the range '" + item + "' ends before it starts");
      filter.dates.emplace_back(from->iso(), to->iso());
    } else if (const auto date = parse_iso_date(item)) {
      filter.dates.emplace_back(date->iso(), date->iso());
    } else if (const auto dash = item.find('-'); dash != std::string::npos) {
      const auto from = weekday_of(item.substr(0, dash)), to = weekday_of(item.substr(dash + 1));
      if (!from || !to) bad_spec(item);
      for (int d = *from;; d = (d + 1) % 7) {
        filter.weekdays[static_cast<std::size_t>(d)] = true;
        if (d == *to) break;
      }
      filter.any_weekday = true;
    } else if (const auto day = weekday_of(item)) {
      filter.weekdays[static_cast<std::size_t>(*day)] = true;
      filter.any_weekday = true;
    } else {
      bad_spec(item);
    }
  }
  return filter;
}

}  // namespace

DaySelection select_days(const CallLog& log, const std::string& spec, double low_fraction) {
  const DayFilter filter = parse_filter(spec);
  const bool dated = std::all_of(log.days.begin(), log.days.end(), [](const LogDay& d) { return d.weekday >= 0; });
  if ((filter.any_weekday || !filter.dates.empty()) && !dated) {
    throw std::invalid_argument(
        "--days: the log gives times in seconds, without calendar dates, so its days have no "
        "weekday or date; use --days all (or give the log ISO 8601 date-times)");
  }
  std::vector<std::size_t> calls(log.days.size(), 0);
  for (const auto& call : log.calls) ++calls[call.day];

  std::vector<std::uint32_t> matched;
  for (std::uint32_t d = 0; d < log.days.size(); ++d)
    if (filter.matches(log.days[d])) matched.push_back(d);
  std::sort(matched.begin(), matched.end(), [&](std::uint32_t a, std::uint32_t b) {
    return log.days[a].date.size() != log.days[b].date.size() ? log.days[a].date.size() < log.days[b].date.size()
                                                              : log.days[a].date < log.days[b].date;
  });
  if (matched.empty()) {
    std::string range = log.days.empty() ? "none" : log.days.front().date + " .. " + log.days.back().date;
    throw std::invalid_argument("--days '" + spec + "' matches no day of the log (its days: " + range +
                                "); give days the log holds");
  }

  DaySelection selection;
  std::vector<std::size_t> counts;
  for (const auto d : matched) counts.push_back(calls[d]);
  std::nth_element(counts.begin(), counts.begin() + static_cast<std::ptrdiff_t>(counts.size() / 2), counts.end());
  selection.median_calls = static_cast<double>(counts[counts.size() / 2]);
  for (const auto d : matched) {
    if (static_cast<double>(calls[d]) < low_fraction * selection.median_calls) {
      std::ostringstream why;
      why << "below " << static_cast<int>(low_fraction * 100 + 0.5) << " % of the median day ("
          << static_cast<long long>(selection.median_calls) << " calls): a holiday, holiday eve or recording gap";
      selection.dropped.push_back({d, calls[d], why.str()});
    } else {
      selection.kept.push_back(d);
    }
  }
  return selection;
}

}  // namespace callsim::fit
