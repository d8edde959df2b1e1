#include "scenarios/arrivals_field.hpp"

#include <algorithm>
#include <cmath>

#include "scenarios/clock_time.hpp"
#include "scenarios/limits.hpp"

namespace callsim::scenarios::detail {

namespace {

// Places the forecast's volumes on the simulation clock as rates per second.
// The `scale` of an arrivals mapping as given, for messages about the rate it makes.
struct ScaleGiven {
  double factor = 1;
  int line = 1;
  std::string path;
  std::string text;
};

std::string minutes_text(double seconds) {
  return std::to_string(static_cast<long long>(std::llround(seconds / 60))) + " min";
}

sim::PiecewiseRate forecast_rate(const Reporter& reporter, const Entry& entry, const ForecastTable& table,
                                 const std::string& column, const ArrivalsOwner& owner, const ScaleGiven& given,
                                 LoadContext& context) {
  const double scale = given.factor;
  const int scale_line = given.line;
  const std::string& scale_path = given.path;
  const std::string& scale_text = given.text;
  const std::vector<double> volumes = table.volumes(column);
  const double clock_start = context.time.clock_start.seconds();
  const double counted_begin = clock_start + context.time.warmup.seconds();
  const double counted_end = counted_begin + context.time.duration.seconds();
  const double period = table.interval();
  // Clock labels get a day once a week or a second day is involved.
  const bool show_day = table.weekly() || std::max(counted_end, table.end()) > 86400;
  const auto clock = [show_day](double seconds) { return format_clock(seconds, show_day); };
  const std::string named = "the forecast '" + table.path() + "' of " + owner.label;

  if (table.end() <= clock_start || table.start() >= counted_end) {
    reporter.fail(entry.line(), named + " covers " + clock(table.start()) + " to " + clock(table.end()) +
                                    ", outside the simulated period " + clock(clock_start) + " to " +
                                    clock(counted_end) + " (time.start, warmup and duration), so no " + owner.call +
                                    " would arrive; give a forecast for the simulated period or change "
                                    "time.start");
  }
  if (table.end() < counted_end) {
    context.warnings.push_back(reporter.where(entry.line()) + ": " + named + " ends at " + clock(table.end()) +
                               ", before the counted period ends at " + clock(counted_end) + "; no " + owner.call +
                               "s arrive after " + clock(table.end()));
  }
  if (table.start() > counted_begin) {
    context.warnings.push_back(reporter.where(entry.line()) + ": " + named + " starts at " + clock(table.start()) +
                               ", after the counted period begins at " + clock(counted_begin) + "; no " + owner.call +
                               "s arrive before " + clock(table.start()));
  }

  // Intervals wholly before time 0 (time.start later than the forecast's first interval)
  // are never simulated: dropped, so the first kept interval starts in (-period, 0].
  // Times are whole minutes, exact in double, so the floor is exact.
  const double offset = table.start() - clock_start;
  const auto skipped = offset < 0 ? static_cast<std::size_t>(std::floor(-offset / period)) : std::size_t{0};
  std::vector<double> rates;
  rates.reserve(volumes.size() - skipped);
  for (std::size_t i = skipped; i < volumes.size(); ++i) rates.push_back(volumes[i] * scale / period);
  // The limit holds for the rate the model samples: a volume that is too high on its own is
  // reported in the CSV, one that the scale lifts past it at the scale.
  const auto peak = std::max_element(volumes.begin(), volumes.end());
  if (peak != volumes.end() && !(*peak / period * 3600 <= limits::kRatePerHour)) {
    const TableCell cell = table.cells(column)[static_cast<std::size_t>(peak - volumes.begin())];
    Reporter(table.path())
        .fail(cell.line, "volume " + std::string(cell.text) + " of '" + column + "' in a " + minutes_text(period) +
                             " interval is a rate of " + per_hour_text(*peak / period) +
                             "; an arrival rate may be at most " + per_hour_text(limits::kRatePerHour / 3600));
  }
  if (peak != volumes.end() && !(*peak * scale / period * 3600 <= limits::kRatePerHour)) {
    const TableCell cell = table.cells(column)[static_cast<std::size_t>(peak - volumes.begin())];
    reporter.fail(scale_line, scale_path + " " + scale_text + " makes the forecast's busiest interval (" +
                                  table.path() + ":" + std::to_string(cell.line) + ") a rate of " +
                                  per_hour_text(*peak * scale / period) + "; an arrival rate may be at most " +
                                  per_hour_text(limits::kRatePerHour / 3600));
  }
  return {std::move(rates), sim::Time(offset + period * static_cast<double>(skipped)), sim::Time(period)};
}

// The rate or forecast form, once a trace is ruled out.
sim::PiecewiseRate read_rate_or_forecast(const Reporter& reporter, const Entry& entry, const Fields& fields,
                                         const std::string& path, const ArrivalsOwner& owner, LoadContext& context) {
  const auto rate = fields.find("rate");
  const auto forecast = fields.find("forecast");
  const auto scale = fields.find("scale");
  const auto column = fields.find("column");
  // The trace's own keys, given without a trace, are most likely a forgotten `trace`.
  for (const char* key : {"format", "date", "types"}) {
    if (const auto stray = fields.find(key)) {
      reporter.fail(stray->line(), fields.path(key) +
                                       " applies to a trace only (e.g. {trace: log.txt, format: "
                                       "anonymous_bank, date: 990301}); remove it or give a trace");
    }
  }
  if (rate && forecast) {
    reporter.fail(entry.line(), path +
                                    " gives both 'rate' and 'forecast'; give one: a constant rate, e.g. {rate: "
                                    "1000/h}, or per-interval volumes, e.g. {forecast: volumes.csv}");
  }
  if (!rate && !forecast) {
    reporter.fail(entry.line(), path +
                                    " is missing 'rate' or 'forecast' (a constant rate, e.g. {rate: 1000/h}, or "
                                    "per-interval volumes, e.g. {forecast: volumes.csv})");
  }
  // Volume what-ifs (`--set call_types.*.arrivals.scale=1.1`) need the same key in both forms.
  ScaleGiven given;
  if (scale) {
    given.factor = read_number(reporter, *scale, fields.path("scale"));
    if (given.factor <= 0)
      reporter.fail(scale->line(), fields.path("scale") + " must be greater than 0, got " + scale->value.Scalar());
    given.line = scale->line();
    given.text = scale->value.Scalar();
  }
  given.path = fields.path("scale");
  const double factor = given.factor;
  if (rate) {
    if (column) {
      reporter.fail(column->line(), fields.path("column") +
                                        " applies to a forecast only (the forecast column to read); remove it or "
                                        "give a forecast");
    }
    const double per_second = read_rate(reporter, *rate, fields.path("rate"));
    const std::string limit = per_hour_text(limits::kRatePerHour / 3600);
    if (!(per_second * 3600 <= limits::kRatePerHour)) {
      reporter.fail(rate->line(), fields.path("rate") + " must be at most " + limit + ", got " + rate->value.Scalar());
    }
    if (!(per_second * factor * 3600 <= limits::kRatePerHour)) {
      reporter.fail(given.line, given.path + " " + given.text + " makes the rate " + rate->value.Scalar() + " x " +
                                    given.text + " = " + per_hour_text(per_second * factor) +
                                    "; an arrival rate may be at most " + limit);
    }
    return sim::PiecewiseRate::constant(per_second * factor);
  }
  const std::string file = read_name(reporter, *forecast, fields.path("forecast"), "volumes.csv");
  const std::string name = column ? read_name(reporter, *column, fields.path("column"), owner.column) : owner.column;
  const ForecastTable& table = read_table(reporter, *forecast, file, TableKind{}, context);
  const auto& columns = table.columns();
  // A column the planner wrote, or one they may not know is the default, is reported where
  // it comes from: the scenario line.
  if ((column || !owner.column_is_name) && std::find(columns.begin(), columns.end(), name) == columns.end()) {
    const std::string why =
        column ? "" : " (the column " + owner.label + " reads unless " + fields.path("column") + " names another)";
    reporter.fail(column ? column->line() : forecast->line(), "the forecast '" + table.path() + "' has no column '" +
                                                                  name + "'" + why + suggestion(name, columns) +
                                                                  "; its columns are: " + join(columns));
  }
  return forecast_rate(reporter, *forecast, table, name, owner, given, context);
}

// One of the three forms; `trace_allowed` is false for the IVR.
ArrivalsRead read_any(const Reporter& reporter, const Entry& entry, const std::string& path, const ArrivalsOwner& owner,
                      LoadContext& context, bool trace_allowed) {
  const Fields fields(reporter, entry.value, entry.line(), path, path,
                      {"column", "date", "forecast", "format", "rate", "scale", "trace", "types"});
  const auto trace = fields.find("trace");
  if (!trace) return {read_rate_or_forecast(reporter, entry, fields, path, owner, context), std::nullopt};
  if (!trace_allowed) {
    reporter.fail(trace->line(), fields.path("trace") + ": " + owner.label +
                                     " cannot replay a trace (traces are replayed per call type); give " + owner.label +
                                     " a rate or a forecast, or give the call types traces");
  }
  for (const char* other : {"rate", "forecast"}) {
    if (fields.find(other)) {
      reporter.fail(entry.line(), path + " gives both '" + other +
                                      "' and 'trace'; give one: a constant rate, e.g. "
                                      "{rate: 1000/h}, per-interval volumes, e.g. {forecast: volumes.csv}, or "
                                      "recorded arrival times, e.g. {trace: calls.csv}");
    }
  }
  TraceRead read = read_trace(reporter, fields, owner.column, context);
  const double mean = counted_mean_rate(read.times, context.time);
  return {sim::PiecewiseRate::constant(mean), std::move(read)};
}

}  // namespace

sim::PiecewiseRate read_arrivals(const Reporter& reporter, const Entry& entry, const std::string& path,
                                 const ArrivalsOwner& owner, LoadContext& context) {
  return read_any(reporter, entry, path, owner, context, false).rate;
}

ArrivalsRead read_type_arrivals(const Reporter& reporter, const Entry& entry, const std::string& path,
                                const ArrivalsOwner& owner, LoadContext& context) {
  return read_any(reporter, entry, path, owner, context, true);
}

}  // namespace callsim::scenarios::detail
