#include "fit/bank_log_reader.hpp"

#include <algorithm>
#include <array>
#include <charconv>

#include "fit/civil_date.hpp"
#include "scenarios/bank_log_layout.hpp"
#include "scenarios/trace_csv.hpp"

namespace callsim::fit {

namespace {

using namespace scenarios::bank_log;

constexpr std::array<std::string_view, 6> kDocumentedTypes{"PS", "PE", "IN", "NE", "NW", "TT"};
// The documentation's meanings, as bank-weekday.yaml names them.
constexpr std::array<std::string_view, 6> kTypeNames{"retail", "english", "internet", "stock", "prospect", "callback"};

// YYMMDD: years 50..99 are 19YY (the logs are of 1999), the others 20YY.
std::optional<CivilDate> bank_date(std::string_view text) {
  if (text.size() != 6 || !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  const auto two = [&](std::size_t at) { return (text[at] - '0') * 10 + (text[at + 1] - '0'); };
  const int yy = two(0);
  return make_date(yy >= 50 ? 1900 + yy : 2000 + yy, two(2), two(4));
}

}  // namespace

void read_bank_log(std::string_view text, const std::string& path, CallLog& log) {
  log.files.push_back(path);
  std::array<std::string_view, kFields> fields;
  int number = 0;
  bool header = true;
  std::size_t used = 0;
  std::string last_date;
  std::uint32_t last_day = 0;
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
        throw LogError(path + ":" + std::to_string(number) +
                       ": the header is not that of an Anonymous Bank log; expected the " + std::to_string(kFields) +
                       " tab-separated columns " + header_text() + " (for another export use --format csv)");
      }
      header = false;
      continue;
    }
    ++log.rows;
    if (count != kFields) {
      log.skip("the row does not have 17 tab-separated fields", path, number);
      continue;
    }
    if (fields[kOutcome] == "PHANTOM") {
      log.skip("PHANTOM rows (the documentation says to ignore them)", path, number, false);
      continue;
    }
    const auto code = std::find(kDocumentedTypes.begin(), kDocumentedTypes.end(), fields[kType]);
    if (code == kDocumentedTypes.end()) {
      log.skip("undocumented call type '" + std::string(fields[kType]) + "'", path, number, false);
      continue;
    }
    const bool answered = fields[kOutcome] == "AGENT";
    if (!answered && fields[kOutcome] != "HANG") {
      log.skip("unknown outcome (expected AGENT, HANG or PHANTOM)", path, number);
      continue;
    }
    const auto date = bank_date(fields[kDate]);
    if (!date) {
      log.skip("the date is not YYMMDD", path, number);
      continue;
    }
    bool bad_time = false;
    double entry = 0;
    const auto time_of = [&](Field field) -> double {
      if (fields[field] == kNeverText) return kNever;
      const auto seconds =
          fields[field].find(' ') == std::string_view::npos ? scenarios::parse_trace_time(fields[field]) : std::nullopt;
      if (!seconds || *seconds >= 86400) {
        bad_time = true;
        return kNever;
      }
      // A time far "before" the VRU entry is past midnight; a few are a minute before it (skew).
      return field != kVruEntry && *seconds < entry - 43200 ? *seconds + 86400 : *seconds;
    };
    entry = time_of(kVruEntry);
    const double vru_exit = time_of(kVruExit), q_start = time_of(kQStart), q_exit = time_of(kQExit);
    const double ser_start = time_of(kSerStart), ser_exit = time_of(kSerExit);
    if (bad_time || std::isnan(entry)) {
      log.skip("a time is not H:MM:SS", path, number);
      continue;
    }
    int priority = 0;
    const std::string_view p = fields[kPriority];
    if (std::from_chars(p.data(), p.data() + p.size(), priority).ptr != p.data() + p.size()) {
      log.skip("the priority is not a whole number", path, number);
      continue;
    }

    LoggedCall call;
    call.arrival = entry;
    call.priority = priority;
    const bool queued = !std::isnan(q_start);
    if (answered) {
      if (std::isnan(ser_start) || std::isnan(ser_exit)) {
        log.skip("answered (AGENT) without a service start and end", path, number);
        continue;
      }
      call.outcome = LoggedOutcome::ANSWERED;
      call.queue_entry = queued ? q_start : (std::isnan(vru_exit) ? ser_start : vru_exit);
      // ser_start is often a second before q_exit (clock granularity): no negative wait.
      call.answer = std::max(ser_start, call.queue_entry);
      call.end = std::max(ser_exit, call.answer);
      if (fields[kServer] != "NO_SERVER" && !fields[kServer].empty())
        call.agent = log.agent_index(std::string(fields[kServer]));
    } else if (queued) {
      call.outcome = LoggedOutcome::ABANDONED;
      call.queue_entry = q_start;
      call.end = std::isnan(q_exit) ? q_start : std::max(q_exit, q_start);
    } else {
      call.outcome = LoggedOutcome::IVR_ONLY;
      call.end = std::isnan(vru_exit) ? entry : vru_exit;
    }
    if (fields[kDate] != last_date) {
      last_date = fields[kDate];
      last_day = log.day_index(date->iso(), date->weekday());
    }
    call.day = last_day;
    call.call_type =
        log.call_type_index(std::string(kTypeNames[static_cast<std::size_t>(code - kDocumentedTypes.begin())]));
    log.calls.push_back(call);
    ++used;
  }
  if (header)
    throw LogError(path + ":1: the log is empty; expected the header " + header_text() + " and one row per call");
  if (used == 0) throw LogError(path + ":1: no row of the log holds a usable call (see the rows skipped)");
}

}  // namespace callsim::fit
