#include "scenarios/bank_log_trace.hpp"

#include <algorithm>
#include <array>

#include "scenarios/bank_log_layout.hpp"
#include "scenarios/trace_csv.hpp"
#include "scenarios/yaml_checks.hpp"

namespace callsim::scenarios {

using namespace bank_log;

BankLogCalls parse_bank_log(std::string_view text, const std::string& path, const BankLogFilter& filter) {
  const detail::Reporter reporter(path);
  const std::vector<std::string>& types = filter.types.empty() ? kBankLogTypes : filter.types;
  BankLogCalls calls;
  std::array<std::string_view, kFields> fields;
  int number = 0;
  bool header = true;
  while (!text.empty()) {
    ++number;
    const auto newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
    if (line.ends_with('\r')) line.remove_suffix(1);
    if (line.empty()) continue;
    const std::size_t count = split_fields(line, fields);
    if (header) {
      // A different layout would be misread column by column, so it is refused outright.
      if (count != kFields || !std::equal(kHeader.begin(), kHeader.end(), fields.begin())) {
        reporter.fail(number, "the header is not that of an Anonymous Bank log; expected the " +
                                  std::to_string(kFields) + " tab-separated columns " + header_text());
      }
      header = false;
      continue;
    }
    if (count != kFields) {
      reporter.fail(number, "the row has " + std::to_string(count) + (count == 1 ? " field" : " tab-separated fields") +
                                ", expected " + std::to_string(kFields) + " (" + header_text() + ")");
    }
    const std::string_view date = fields[kDate];
    if (calls.first_date.empty() || date < calls.first_date) calls.first_date = date;
    if (date > calls.last_date) calls.last_date = date;
    if (date != filter.date || fields[kOutcome] == "PHANTOM") continue;
    ++calls.date_rows;
    if (std::find(types.begin(), types.end(), fields[kType]) == types.end()) continue;
    const bool queued = fields[kQStart] != kNeverText;
    if (!queued && fields[kOutcome] != "AGENT") continue;  // never left the VRU for an agent
    const auto time_of = [&](Field field) {
      const auto seconds =
          fields[field].find(' ') == std::string_view::npos ? parse_trace_time(fields[field]) : std::nullopt;
      if (!seconds || *seconds >= 86400) {
        reporter.fail(number, std::string(kHeader[field]) + " '" + std::string(fields[field]) +
                                  "' is not a time; expected H:MM:SS (e.g. 7:05:30)");
      }
      return *seconds;
    };
    const double entry = time_of(kVruEntry);
    double arrival = time_of(queued ? kQStart : kVruExit);
    // The row carries the date of the VRU entry: a time far "before" the entry is past
    // midnight (the fit script's rule; a few vru_exit are a minute before the entry, skew).
    if (arrival < entry - 43200) arrival += 86400;
    calls.clock.push_back(arrival);
  }
  if (header) reporter.fail(1, "the log is empty; expected the header " + header_text() + " and one row per call");
  return calls;
}

}  // namespace callsim::scenarios
