#include "scenarios/trace_field.hpp"

#include <algorithm>
#include <filesystem>

#include "scenarios/bank_log_trace.hpp"
#include "scenarios/clock_time.hpp"
#include "scenarios/limits.hpp"
#include "scenarios/loader.hpp"
#include "scenarios/trace_csv.hpp"

namespace callsim::scenarios::detail {

namespace {

const std::vector<std::string> kFormats{"anonymous_bank", "csv"};

// Counts `text` against the load's budget of trace text parsed (limits::kTraceBytesParsed).
void count_parsed(const Reporter& reporter, const std::string& text, const TraceRead& read, LoadContext& context) {
  context.trace_bytes_parsed += static_cast<double>(text.size());
  if (context.trace_bytes_parsed > limits::kTraceBytesParsed) {
    reporter.fail(read.line, "the traces read so far, with '" + read.file + "', are " +
                                 number_text(context.trace_bytes_parsed) +
                                 " bytes of text to parse (an Anonymous Bank log once per call type that replays "
                                 "it); at most 1 GiB (1073741824 bytes) is read per load: replay fewer call types "
                                 "from the log, or cut it to the days replayed");
  }
}

// Clock times of the calls of type `name`, from a CSV trace; the other names are counted.
std::vector<double> csv_clocks(const Reporter& reporter, const std::string& text, const std::string& name,
                               TraceRead& read, LoadContext& context) {
  auto cached = context.trace_csvs.find(read.file);
  if (cached == context.trace_csvs.end()) {
    count_parsed(reporter, text, read, context);
    cached = context.trace_csvs.emplace(read.file, parse_trace_csv(text, read.file)).first;
  }
  const TraceCsv& csv = cached->second;
  std::vector<double> clocks;
  for (const auto& call : csv.calls) {
    if (!csv.has_call_type || call.call_type == name) {
      clocks.push_back(call.clock);
    } else {
      ++read.other_types[call.call_type];
    }
  }
  if (clocks.empty()) {
    std::vector<std::string> names;
    for (const auto& [other, count] : read.other_types) {
      if (names.size() == 20) {
        names.emplace_back("...");  // enough to recognise the file by
        break;
      }
      names.push_back(other);
    }
    reporter.fail(read.line, "no '" + name + "' call in the trace '" + read.file + "'" + suggestion(name, names) +
                                 "; its call_type column names: " + join(names));
  }
  return clocks;
}

// Clock times of the calls a bank log gives for the `date` and `types` keys.
std::vector<double> bank_clocks(const Reporter& reporter, const Fields& fields, const std::string& text,
                                const std::string& name, const TraceRead& read, LoadContext& context) {
  BankLogFilter filter;
  const Entry date = fields.require("date", "the day of the log to replay, YYMMDD, e.g. 990301");
  filter.date = read_scalar(reporter, date, fields.path("date"), "990301");
  if (filter.date.size() != 6 ||
      !std::all_of(filter.date.begin(), filter.date.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    reporter.fail(date.line(), fields.path("date") + " '" + filter.date +
                                   "' is not a date; expected YYMMDD as the log's date column writes it, e.g. "
                                   "990301");
  }
  if (const auto types = fields.find("types")) {
    const std::string path = fields.path("types");
    const YAML::Node list = read_list(reporter, *types, path, "a list of type codes, e.g. [PS, PE]");
    for (std::size_t i = 0; i < list.size(); ++i) {
      const std::string item = path + "[" + std::to_string(i) + "]";
      const std::string code = read_name(reporter, Entry{types->value, list[i]}, item, "PS");
      if (std::find(kBankLogTypes.begin(), kBankLogTypes.end(), code) == kBankLogTypes.end()) {
        reporter.fail(line_of(list[i]), "unknown type code '" + code + "' in " + item +
                                            suggestion(code, kBankLogTypes) +
                                            "; valid values are: " + join(kBankLogTypes));
      }
      filter.types.push_back(code);
    }
  }
  count_parsed(reporter, text, read, context);
  const BankLogCalls calls = parse_bank_log(text, read.file, filter);
  if (calls.date_rows == 0) {
    reporter.fail(date.line(), "no call on date " + filter.date + " in the log '" + read.file +
                                   "'; its dates run from " + calls.first_date + " to " + calls.last_date);
  }
  if (calls.clock.empty()) {
    reporter.fail(read.line, "no '" + name + "' call in the log '" + read.file + "' on " + filter.date +
                                 ": no call of type " + join(filter.types.empty() ? kBankLogTypes : filter.types) +
                                 " reached the agents that day");
  }
  return calls.clock;
}

}  // namespace

TraceRead read_trace(const Reporter& reporter, const Fields& fields, const std::string& name, LoadContext& context) {
  if (const auto scale = fields.find("scale")) {
    reporter.fail(scale->line(), fields.path("scale") +
                                     " applies to a rate or a forecast only; a trace replays each recorded call once "
                                     "(edit the trace to change the volume)");
  }
  if (const auto column = fields.find("column")) {
    reporter.fail(column->line(), fields.path("column") +
                                      " applies to a forecast only; a trace picks a call type's rows by its "
                                      "call_type column");
  }
  std::string format = "csv";
  if (const auto given = fields.find("format")) {
    format = read_scalar(reporter, *given, fields.path("format"), "anonymous_bank");
    if (std::find(kFormats.begin(), kFormats.end(), format) == kFormats.end()) {
      reporter.fail(given->line(), fields.path("format") + " '" + format + "' is not a trace format" +
                                       suggestion(format, kFormats) + "; valid values are: " + join(kFormats));
    }
  }
  if (format == "csv") {
    for (const auto& [key, what] :
         {std::pair{"date", "the day of the log to replay"}, std::pair{"types", "the type codes to replay"}}) {
      if (const auto entry = fields.find(key)) {
        reporter.fail(entry->line(), fields.path(key) + " applies to format anonymous_bank only (" + what +
                                         "); remove it or add format: anonymous_bank");
      }
    }
  }

  const Entry trace = *fields.find("trace");
  TraceRead read;
  read.line = trace.line();
  std::filesystem::path resolved(read_name(reporter, trace, fields.path("trace"), "calls.csv"));
  // Relative to the scenario, like forecasts, so a scenario and its traces move together.
  if (resolved.is_relative() && !context.scenario_dir.empty()) resolved = context.scenario_dir / resolved;
  read.file = resolved.string();
  const std::string& text = read_input(read.file, "trace", reporter.where(read.line), context);
  const std::vector<double> clocks = format == "csv" ? csv_clocks(reporter, text, name, read, context)
                                                     : bank_clocks(reporter, fields, text, name, read, context);
  context.trace_calls += static_cast<double>(clocks.size());
  if (context.trace_calls > limits::kTraceCalls) {
    reporter.fail(read.line, "call type '" + name + "' replays " + number_text(static_cast<double>(clocks.size())) +
                                 " calls of the trace '" + read.file +
                                 "', which brings the calls replayed by all "
                                 "call types to " +
                                 number_text(context.trace_calls) +
                                 ", more than 20000000; give "
                                 "the trace a call_type column so that each type replays its own calls, or replay "
                                 "fewer");
  }

  // Onto the simulation clock; only [0, end) is ever simulated.
  const double end = context.counted_end() - context.clock_start();
  std::size_t before = 0, after = 0;
  for (const double clock : clocks) {
    const double t = clock - context.clock_start();
    if (t < 0) {
      ++before;
    } else if (t >= end) {
      ++after;
    } else {
      read.times.emplace_back(t);
    }
  }
  // Logs and exports are not always in time order; the model replays a sorted list.
  std::sort(read.times.begin(), read.times.end());

  const auto [first, last] = std::minmax_element(clocks.begin(), clocks.end());
  const bool show_day = std::max(*last, context.counted_end()) >= 86400;
  const auto clock = [show_day](double seconds) { return format_clock(seconds, show_day); };
  const std::string calls_of = "'" + name + "' call";
  const std::string of_trace = " of the trace '" + read.file + "'";
  if (read.times.empty()) {
    reporter.fail(read.line, "no " + calls_of + of_trace + " falls in the simulated period " +
                                 clock(context.clock_start()) + " to " + clock(context.counted_end()) +
                                 " (time.start, warmup and duration); its calls run from " + clock(*first) + " to " +
                                 clock(*last));
  }
  const auto warn = [&](std::size_t n, const std::string& when) {
    if (n == 0) return;
    const bool one = n == 1;
    context.warnings.push_back(reporter.where(read.line) + ": " + std::to_string(n) + " " + calls_of +
                               (one ? "" : "s") + of_trace + (one ? " comes " : " come ") + when +
                               (one ? " and is" : " and are") + " not replayed");
  };
  warn(before, "before time.start " + clock(context.clock_start()));
  warn(after, "at or after the end of the simulated period " + clock(context.counted_end()));
  return read;
}

double counted_mean_rate(const std::vector<sim::Time>& times, const models::TimeSpec& time) {
  const sim::Time from = time.warmup, to = time.warmup + time.duration;
  const auto counted =
      std::lower_bound(times.begin(), times.end(), to) - std::lower_bound(times.begin(), times.end(), from);
  return static_cast<double>(counted) / time.duration.seconds();
}

}  // namespace callsim::scenarios::detail
