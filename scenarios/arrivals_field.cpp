#include "scenarios/arrivals_field.hpp"

#include <algorithm>
#include <cmath>

#include "scenarios/clock_time.hpp"

namespace callsim::scenarios::detail {

namespace {

// Places the forecast's volumes on the simulation clock as rates per second.
sim::PiecewiseRate forecast_rate(const Reporter& reporter, const Entry& entry, const ForecastTable& table,
                                 const std::string& column, const ArrivalsOwner& owner, double scale,
                                 LoadContext& context) {
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
    context.warnings.push_back(reporter.where(entry.line()) + ": " + named + " ends at " +
                               clock(table.end()) + ", before the counted period ends at " + clock(counted_end) +
                               "; no " + owner.call + "s arrive after " + clock(table.end()));
  }
  if (table.start() > counted_begin) {
    context.warnings.push_back(reporter.where(entry.line()) + ": " + named + " starts at " +
                               clock(table.start()) + ", after the counted period begins at " + clock(counted_begin) +
                               "; no " + owner.call + "s arrive before " + clock(table.start()));
  }

  // Intervals wholly before time 0 (time.start later than the forecast's first interval)
  // are never simulated: dropped, so the first kept interval starts in (-period, 0].
  // Times are whole minutes, exact in double, so the floor is exact.
  const double offset = table.start() - clock_start;
  const auto skipped = offset < 0 ? static_cast<std::size_t>(std::floor(-offset / period)) : std::size_t{0};
  std::vector<double> rates;
  rates.reserve(volumes.size() - skipped);
  for (std::size_t i = skipped; i < volumes.size(); ++i) rates.push_back(volumes[i] * scale / period);
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
      reporter.fail(stray->line(), fields.path(key) + " applies to a trace only (e.g. {trace: log.txt, format: "
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
  double factor = 1;
  if (scale) {
    factor = read_number(reporter, *scale, fields.path("scale"));
    if (factor <= 0)
      reporter.fail(scale->line(), fields.path("scale") + " must be greater than 0, got " + scale->value.Scalar());
  }
  if (rate) {
    if (column) {
      reporter.fail(column->line(), fields.path("column") +
                                        " applies to a forecast only (the forecast column to read); remove it or "
                                        "give a forecast");
    }
    return sim::PiecewiseRate::constant(read_rate(reporter, *rate, fields.path("rate")) * factor);
  }
  const std::string file = read_name(reporter, *forecast, fields.path("forecast"), "volumes.csv");
  const std::string name = column ? read_name(reporter, *column, fields.path("column"), owner.column) : owner.column;
  const ForecastTable& table = read_table(reporter, *forecast, file, TableKind{}, context);
  const auto& columns = table.columns();
  // A column the planner wrote, or one they may not know is the default, is reported where
  // it comes from: the scenario line.
  if ((column || !owner.column_is_name) && std::find(columns.begin(), columns.end(), name) == columns.end()) {
    const std::string why = column ? "" : " (the column " + owner.label + " reads unless " + fields.path("column") +
                                              " names another)";
    reporter.fail(column ? column->line() : forecast->line(),
                  "the forecast '" + table.path() + "' has no column '" + name + "'" + why +
                      suggestion(name, columns) + "; its columns are: " + join(columns));
  }
  return forecast_rate(reporter, *forecast, table, name, owner, factor, context);
}

// One of the three forms; `trace_allowed` is false for the IVR.
ArrivalsRead read_any(const Reporter& reporter, const Entry& entry, const std::string& path,
                      const ArrivalsOwner& owner, LoadContext& context, bool trace_allowed) {
  const Fields fields(reporter, entry.value, entry.line(), path, path,
                      {"column", "date", "forecast", "format", "rate", "scale", "trace", "types"});
  const auto trace = fields.find("trace");
  if (!trace) return {read_rate_or_forecast(reporter, entry, fields, path, owner, context), std::nullopt};
  if (!trace_allowed) {
    reporter.fail(trace->line(), fields.path("trace") + ": " + owner.label +
                                     " cannot replay a trace (traces are replayed per call type); give " +
                                     owner.label + " a rate or a forecast, or give the call types traces");
  }
  for (const char* other : {"rate", "forecast"}) {
    if (fields.find(other)) {
      reporter.fail(entry.line(), path + " gives both '" + other + "' and 'trace'; give one: a constant rate, e.g. "
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
