#include "fit/csv_log_reader.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <unordered_map>
#include <vector>

#include "fit/civil_date.hpp"

namespace callsim::fit {

namespace {

constexpr double kSecondsPerDay = 86400;
// Arrival, queue entry and answer are often stamped by different systems (IVR, ACD) whose
// clocks differ by a fraction of a second: within this, an out-of-order time is clamped.
constexpr double kSkew = 1;
// The longest a call may take from its arrival to its end, in seconds.
constexpr double kLongestCall = 86400;
// Seconds times beyond this (31,700 years) are surely not times; it keeps day numbers exact.
constexpr double kMaxSeconds = 1e12;

enum Column : std::size_t { kArrival, kAnswer, kEnd, kOutcome, kCallType, kQueueEntry, kAgent, kPriority, kColumns };
constexpr std::array<std::string_view, kColumns> kColumnNames{"arrival",   "answer",      "end",   "outcome",
                                                              "call_type", "queue_entry", "agent", "priority"};
constexpr std::size_t kRequired = 5;  // the first five of kColumnNames
constexpr std::size_t kAbsent = std::string_view::npos;
constexpr std::string_view kValidColumns =
    "a CSV call log's first row names its columns in lower case: arrival, answer, end, outcome and call_type are "
    "required, queue_entry, agent and priority optional, others ignored";

std::string at_line(const std::string& path, int line) { return path + ":" + std::to_string(line) + ": "; }

bool is_blank(char c) { return c == ' ' || c == '\t'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return (x >= 'A' && x <= 'Z' ? x - 'A' + 'a' : x) == y;  // b is lower case
         });
}

/// One CSV record: its fields (views into the text, or into the reader for quoted fields
/// holding ""), the line it starts on, and whether a quoted field had text after its
/// closing quote.
struct Record {
  std::vector<std::string_view> fields;
  int line = 0;
  bool bad_quoting = false;
};

/// RFC 4180 records of the text, blank lines skipped. Quoted fields may span lines (the
/// line count follows); spaces around a field are dropped.
class CsvRecords {
 public:
  CsvRecords(std::string_view text, const std::string& path) : text_(text), path_(path) {
    if (text_.starts_with("\xEF\xBB\xBF")) text_.remove_prefix(3);  // the UTF-8 BOM of Windows exports
  }

  /// The next record into `record`; false at the end of the text.
  bool next(Record& record) {
    const std::size_t size = text_.size();
    while (true) {  // blank lines
      std::size_t p = pos_;
      while (p < size && (is_blank(text_[p]) || text_[p] == '\r')) ++p;
      if (p == size) return false;
      if (text_[p] != '\n') break;
      pos_ = p + 1;
      ++line_;
    }
    record.fields.clear();
    record.line = line_;
    record.bad_quoting = false;
    owned_.clear();
    while (true) {
      std::size_t p = pos_;
      while (p < size && is_blank(text_[p])) ++p;
      if (p < size && text_[p] == '"') {
        p = quoted_field(p, record);
        while (p < size && (is_blank(text_[p]) || text_[p] == '\r')) ++p;
        if (p < size && text_[p] != ',' && text_[p] != '\n') {
          record.bad_quoting = true;
          while (p < size && text_[p] != ',' && text_[p] != '\n') ++p;
        }
      } else {
        std::size_t end = p;
        while (end < size && text_[end] != ',' && text_[end] != '\n') ++end;
        std::size_t last = end;
        while (last > p && (is_blank(text_[last - 1]) || text_[last - 1] == '\r')) --last;
        record.fields.push_back(text_.substr(p, last - p));
        p = end;
      }
      if (p < size && text_[p] == ',') {
        pos_ = p + 1;
        continue;
      }
      if (p < size) ++line_;  // the '\n'
      pos_ = std::min(p + 1, size);
      return true;
    }
  }

 private:
  /// Reads the quoted field opening at `open`; returns the position after its closing quote.
  std::size_t quoted_field(std::size_t open, Record& record) {
    const std::size_t start = open + 1;
    std::size_t close = start;
    bool escaped = false;
    while (true) {
      close = text_.find('"', close);
      if (close == std::string_view::npos) {
        throw LogError(at_line(path_, line_) +
                       "the quoted field opened on this line is not closed before the end of the file; end it with "
                       "a double quote (a quote inside a quoted field is written \"\")");
      }
      if (close + 1 < text_.size() && text_[close + 1] == '"') {
        escaped = true;
        close += 2;
        continue;
      }
      break;
    }
    const std::string_view raw = text_.substr(start, close - start);
    line_ += static_cast<int>(std::count(raw.begin(), raw.end(), '\n'));
    if (!escaped) {
      record.fields.push_back(raw);
    } else {
      std::string& text = owned_.emplace_back();  // a deque: earlier fields' views stay valid
      text.reserve(raw.size());
      for (std::size_t i = 0; i < raw.size(); ++i) {
        text += raw[i];
        if (raw[i] == '"') ++i;  // "" is one quote
      }
      record.fields.push_back(text);
    }
    return close + 1;
  }

  std::string_view text_;
  const std::string& path_;
  std::size_t pos_ = 0;
  int line_ = 1;
  std::deque<std::string> owned_;
};

// ---- times

enum class TimeKind : std::uint8_t { ISO, SECONDS };

/// A time field read: `days` since 1970-01-01 and `seconds` into that day (ISO), or
/// `seconds` after midnight of day 1 (SECONDS).
struct Time {
  const char* error = nullptr;  ///< the skip reason when the field is not a time
  bool empty = false;
  TimeKind kind = TimeKind::ISO;
  long long days = 0;
  double seconds = 0;
};

constexpr const char* kMalformed = "a time is malformed";
constexpr const char* kMixed = "ISO and seconds times mixed";

bool digits(std::string_view text, std::size_t at, std::size_t count, int& value) {
  value = 0;
  for (std::size_t i = at; i < at + count; ++i) {
    if (!is_digit(text[i])) return false;
    value = value * 10 + (text[i] - '0');
  }
  return true;
}

// Z, +HH, +HHMM, +HH:MM (or -): a zone the log's local times must not carry.
bool is_zone(std::string_view rest) {
  if (rest == "Z" || rest == "z") return true;
  if (rest.empty() || (rest[0] != '+' && rest[0] != '-')) return false;
  rest.remove_prefix(1);
  const std::size_t n = rest.size();
  const auto all_digits = [](std::string_view s) { return std::all_of(s.begin(), s.end(), is_digit); };
  if (n == 2 || n == 4) return all_digits(rest);
  return n == 5 && rest[2] == ':' && all_digits(rest.substr(0, 2)) && all_digits(rest.substr(3));
}

Time parse_iso(std::string_view text) {
  Time time;
  time.kind = TimeKind::ISO;
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (text.size() < 19 || text[4] != '-' || text[7] != '-' || (text[10] != ' ' && text[10] != 'T') || text[13] != ':' ||
      text[16] != ':' || !digits(text, 0, 4, year) || !digits(text, 5, 2, month) || !digits(text, 8, 2, day) ||
      !digits(text, 11, 2, hour) || !digits(text, 14, 2, minute) || !digits(text, 17, 2, second)) {
    time.error = kMalformed;
    return time;
  }
  const auto date = make_date(year, month, day);
  if (!date || hour > 23 || minute > 59 || second > 59) {
    time.error = kMalformed;
    return time;
  }
  double seconds = second;
  std::size_t end = 19;
  if (end < text.size() && text[end] == '.') {
    ++end;
    while (end < text.size() && is_digit(text[end])) ++end;
    if (end == 20 || std::from_chars(text.data() + 17, text.data() + end, seconds).ptr != text.data() + end) {
      time.error = kMalformed;
      return time;
    }
  }
  if (end != text.size()) {
    time.error = is_zone(text.substr(end)) ? "a time has a time-zone suffix" : kMalformed;
    return time;
  }
  time.days = date->days_since_epoch();
  time.seconds = hour * 3600.0 + minute * 60.0 + seconds;
  return time;
}

Time parse_seconds(std::string_view text) {
  Time time;
  time.kind = TimeKind::SECONDS;
  const bool negative = text.starts_with('-');
  if (negative) text.remove_prefix(1);
  // Plain decimals only: from_chars alone would also take "inf", "nan" and exponents.
  const auto dots = std::count(text.begin(), text.end(), '.');
  if (dots > 1 || static_cast<std::size_t>(dots) == text.size() ||
      !std::all_of(text.begin(), text.end(), [](char c) { return is_digit(c) || c == '.'; })) {
    time.error = kMalformed;
    return time;
  }
  double value = 0;
  const auto [ptr, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || ptr != text.data() + text.size() || value >= kMaxSeconds) {
    time.error =
        error == std::errc{} || error == std::errc::result_out_of_range ? "a time is out of range" : kMalformed;
    return time;
  }
  if (negative && value > 0) {
    time.error = "a time is negative";
    return time;
  }
  time.seconds = value;
  return time;
}

/// The time field `text`; an ISO date-time when it starts "YYYY-", else plain seconds.
Time parse_time(std::string_view text) {
  if (text.empty()) {
    Time time;
    time.empty = true;
    return time;
  }
  const bool iso = text.size() >= 5 && text[4] == '-' && std::all_of(text.begin(), text.begin() + 4, is_digit);
  return iso ? parse_iso(text) : parse_seconds(text);
}

/// Lines of the rows skipped for one reason, kept until the file is known to be a log.
struct LocalSkips {
  const char* reason;
  std::size_t count = 0;
  std::vector<int> lines;  // the first SkippedRows::kShown
};

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};
using NameIndex = std::unordered_map<std::string, std::uint32_t, StringHash, std::equal_to<>>;

/// Index of `name` in the log through a per-file cache (CallLog's lookups are linear, and a
/// log has hundreds of agents).
template <typename Add>
std::uint32_t cached_index(NameIndex& cache, std::string_view name, Add add) {
  const auto it = cache.find(name);
  if (it != cache.end()) return it->second;
  const std::uint32_t index = add(std::string(name));
  cache.emplace(std::string(name), index);
  return index;
}

class CsvLogReader {
 public:
  CsvLogReader(std::string_view text, const std::string& path, CallLog& log)
      : records_(text, path), text_(text), path_(path), log_(log) {}

  void read() {
    Record record;
    if (!records_.next(record)) {
      throw LogError(at_line(path_, 1) + "the file is empty; " + std::string(kValidColumns) +
                     ", then one row per call");
    }
    read_header(record);
    // One call per line at most: one allocation instead of a dozen growing copies.
    const std::size_t lines = static_cast<std::size_t>(std::count(text_.begin(), text_.end(), '\n')) + 1;
    if (log_.calls.size() + lines > log_.calls.capacity())
      log_.calls.reserve(std::max(log_.calls.size() + lines, 2 * log_.calls.capacity()));
    while (records_.next(record)) {
      ++rows_;
      if (const char* reason = read_row(record)) skip(reason, record.line);
    }
    if (rows_ == 0) {
      throw LogError(at_line(path_, header_line_) +
                     "the file has a header but no data rows; a call log holds one row per call after its header");
    }
    if (used_ == 0) no_usable_call();
    commit_skips();
    log_.rows += rows_;
    log_.files.push_back(path_);
  }

 private:
  void read_header(const Record& header) {
    header_line_ = header.line;
    columns_.fill(kAbsent);
    field_count_ = header.fields.size();
    for (std::size_t i = 0; i < header.fields.size(); ++i) {
      const auto known = std::find(kColumnNames.begin(), kColumnNames.end(), header.fields[i]);
      if (known == kColumnNames.end()) continue;  // an export's other columns: duplicates harmless
      std::size_t& column = columns_[static_cast<std::size_t>(known - kColumnNames.begin())];
      if (column != kAbsent) {
        throw LogError(at_line(path_, header.line) + "the header names the column '" + std::string(*known) +
                       "' twice (fields " + std::to_string(column + 1) + " and " + std::to_string(i + 1) +
                       "); name each column once");
      }
      column = i;
    }
    std::vector<std::string> missing;
    std::string hint;
    for (std::size_t c = 0; c < kRequired; ++c) {
      if (columns_[c] != kAbsent) continue;
      missing.push_back("'" + std::string(kColumnNames[c]) + "'");
      for (const auto field : header.fields) {
        if (hint.empty() && iequals(field, kColumnNames[c]))
          hint = " (it has '" + std::string(field) + "': names are lower case)";
      }
    }
    if (missing.empty()) return;
    std::string names;
    for (std::size_t i = 0; i < missing.size(); ++i)
      names += (i == 0 ? "" : i + 1 == missing.size() ? " and " : ", ") + missing[i];
    throw LogError(at_line(path_, header.line) + "the header has no column" + (missing.size() > 1 ? "s " : " ") +
                   names + hint + "; " + std::string(kValidColumns));
  }

  /// Appends the call of `record`; returns the reason it cannot be used, or null.
  const char* read_row(const Record& record) {
    const auto& fields = record.fields;
    if (fields.size() != field_count_) return "wrong number of fields";
    if (record.bad_quoting) return "text after a closing quote";

    LoggedCall call;
    const std::string_view outcome = fields[columns_[kOutcome]];
    if (iequals(outcome, "answered")) {
      call.outcome = LoggedOutcome::ANSWERED;
    } else if (iequals(outcome, "abandoned")) {
      call.outcome = LoggedOutcome::ABANDONED;
    } else if (iequals(outcome, "ivr")) {
      call.outcome = LoggedOutcome::IVR_ONLY;
    } else {
      return "unknown outcome";
    }
    const std::string_view call_type = fields[columns_[kCallType]];
    if (call_type.empty()) return "empty call type";
    if (columns_[kPriority] != kAbsent && !fields[columns_[kPriority]].empty()) {
      const std::string_view p = fields[columns_[kPriority]];
      const auto [ptr, error] = std::from_chars(p.data(), p.data() + p.size(), call.priority);
      if (error != std::errc{} || ptr != p.data() + p.size()) return "the priority is not a whole number";
    }

    const Time arrival = parse_time(fields[columns_[kArrival]]);
    if (arrival.empty) return "no arrival time";
    if (!kind_ && !arrival.error) kind_ = arrival.kind;  // the first valid arrival decides for the file
    if (const char* bad = problem(arrival)) return bad;
    // Times are stored from midnight of the arrival's day.
    const long long day =
        arrival.kind == TimeKind::ISO ? arrival.days : static_cast<long long>(arrival.seconds / kSecondsPerDay);
    const char* error = nullptr;
    const auto relative = [&](Column column) {
      if (columns_[column] == kAbsent) return kNever;
      const Time time = parse_time(fields[columns_[column]]);
      if (time.empty || error) return kNever;
      error = problem(time);
      if (error) return kNever;
      return time.kind == TimeKind::ISO ? static_cast<double>(time.days - day) * kSecondsPerDay + time.seconds
                                        : time.seconds - static_cast<double>(day) * kSecondsPerDay;
    };
    call.arrival =
        arrival.kind == TimeKind::ISO ? arrival.seconds : arrival.seconds - static_cast<double>(day) * kSecondsPerDay;
    call.queue_entry = relative(kQueueEntry);
    call.answer = relative(kAnswer);
    call.end = relative(kEnd);
    if (error) return error;

    if (call.outcome == LoggedOutcome::IVR_ONLY) {
      if (!std::isnan(call.queue_entry)) return "an ivr call has a queue entry time";
      if (!std::isnan(call.answer)) return "an ivr call has an answer time";
      if (!std::isnan(call.end)) {  // the end of its IVR session
        if (call.end < call.arrival - kSkew) return "the end is before the arrival";
        call.end = std::max(call.end, call.arrival);
      }
    } else {
      if (columns_[kQueueEntry] == kAbsent) call.queue_entry = call.arrival;  // no IVR
      if (std::isnan(call.queue_entry)) return "no queue entry time";
      if (call.queue_entry < call.arrival - kSkew) return "the queue entry is before the arrival";
      call.queue_entry = std::max(call.queue_entry, call.arrival);
      if (call.outcome == LoggedOutcome::ANSWERED) {
        if (std::isnan(call.answer)) return "answered without an answer time";
        if (call.answer < call.queue_entry - kSkew) return "the answer is before the queue entry";
        // An empty end is kept (NaN): the call still counts as an arrival and a wait.
        if (call.end < call.answer) return "the end is before the answer";
        call.answer = std::max(call.answer, call.queue_entry);
        if (!std::isnan(call.end)) call.end = std::max(call.end, call.answer);
        if (columns_[kAgent] != kAbsent && !fields[columns_[kAgent]].empty()) {
          call.agent = cached_index(agents_, fields[columns_[kAgent]],
                                    [&](const std::string& name) { return log_.agent_index(name); });
        }
      } else {
        if (!std::isnan(call.answer)) return "abandoned with an answer time";
        if (std::isnan(call.end)) return "abandoned without an end time";
        if (call.end < call.queue_entry - kSkew) return "the end is before the queue entry";
        call.end = std::max(call.end, call.queue_entry);
      }
    }

    // No call lasts a day: a later time is a typo (a wrong year or day), and would make the
    // fit's waits or services absurd.
    for (const double t : {call.queue_entry, call.answer, call.end}) {
      if (t - call.arrival > kLongestCall) return "a time is more than a day after the arrival";
    }

    call.call_type =
        cached_index(call_types_, call_type, [&](const std::string& name) { return log_.call_type_index(name); });
    call.day = day_index(day);
    log_.calls.push_back(call);
    ++used_;
    return nullptr;
  }

  /// Why the non-empty time cannot be used, or null.
  const char* problem(const Time& time) const {
    if (time.error == kMalformed) return kMalformed;
    if (kind_ && time.kind != *kind_) return kMixed;  // also when it is wrong in the other form
    return time.error;
  }

  std::uint32_t day_index(long long day) {
    const auto it = days_.find(day);
    if (it != days_.end()) return it->second;
    std::uint32_t index = 0;
    if (*kind_ == TimeKind::ISO) {
      const CivilDate date = CivilDate{}.plus_days(day);
      index = log_.day_index(date.iso(), date.weekday());
    } else {
      index = log_.day_index("day " + std::to_string(day + 1), -1);
    }
    days_.emplace(day, index);
    return index;
  }

  void skip(const char* reason, int line) {
    auto it = std::find_if(skips_.begin(), skips_.end(),
                           [&](const LocalSkips& s) { return std::string_view(s.reason) == reason; });
    if (it == skips_.end()) it = skips_.insert(skips_.end(), LocalSkips{reason, 0, {}});
    ++it->count;
    if (it->lines.size() < SkippedRows::kShown) it->lines.push_back(line);
  }

  /// Into the log as CallLog::skip would have counted them row by row.
  void commit_skips() {
    for (const LocalSkips& s : skips_) {
      const std::string reason = s.reason;
      for (const int line : s.lines) log_.skip(reason, path_, line);
      const auto entry = std::find_if(log_.skipped.begin(), log_.skipped.end(),
                                      [&](const SkippedRows& r) { return r.reason == reason; });
      entry->count += s.count - s.lines.size();
    }
  }

  [[noreturn]] void no_usable_call() const {
    const LocalSkips* most = &skips_.front();
    for (const LocalSkips& s : skips_) {
      if (s.count > most->count) most = &s;
    }
    throw LogError(at_line(path_, header_line_) + "no usable call: all " + std::to_string(rows_) +
                   " data rows were skipped, most often for '" + most->reason + "' (" + std::to_string(most->count) +
                   (most->count == 1 ? " row" : " rows") + ", the first at " + path_ + ":" +
                   std::to_string(most->lines.front()) +
                   "); each row needs a valid arrival, an outcome (answered, abandoned or ivr) with the times it "
                   "implies, and a call type (docs/log-format.md)");
  }

  CsvRecords records_;
  std::string_view text_;
  const std::string& path_;
  CallLog& log_;
  int header_line_ = 1;
  std::size_t field_count_ = 0;
  std::array<std::size_t, kColumns> columns_{};
  std::optional<TimeKind> kind_;
  std::size_t rows_ = 0;
  std::size_t used_ = 0;
  std::vector<LocalSkips> skips_;
  NameIndex call_types_;
  NameIndex agents_;
  std::unordered_map<long long, std::uint32_t> days_;
};

}  // namespace

void read_csv_log(std::string_view text, const std::string& path, CallLog& log) {
  // Names are only ever appended, so cutting back to the old sizes undoes a failed read.
  const std::size_t calls = log.calls.size(), call_types = log.call_types.size(), agents = log.agents.size(),
                    days = log.days.size();
  try {
    CsvLogReader(text, path, log).read();
  } catch (const LogError&) {
    log.calls.resize(calls);
    log.call_types.resize(call_types);
    log.agents.resize(agents);
    log.days.resize(days);
    throw;
  }
}

}  // namespace callsim::fit
