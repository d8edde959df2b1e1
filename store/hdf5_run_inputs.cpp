#include "store/hdf5_run_inputs.hpp"

#include <cmath>
#include <limits>

#include "store/hdf5_attributes.hpp"
#include "store/hdf5_names.hpp"
#include "store/hdf5_result_rows.hpp"
#include "store/hdf5_table.hpp"
#include "store/hdf5_util.hpp"
#include "store/sha256.hpp"

namespace callsim::store::hdf5 {

namespace {

constexpr const char* kPerInterval = "interval";
constexpr const char* kPerDay = "day";

void put_f64_attr(const H5::H5Object& obj, const char* name, double value) {
  put_number_attr(obj, name, H5::PredType::IEEE_F64LE, H5::PredType::NATIVE_DOUBLE, value);
}
double get_f64_attr(const H5::H5Object& obj, const std::string& where, const char* name) {
  return get_number_attr<double>(obj, where, name, H5::PredType::NATIVE_DOUBLE);
}

RowLayout inputs_layout(std::size_t source_bytes, std::size_t role_bytes, std::size_t path_bytes) {
  RowLayout layout;
  layout.add("source", Kind::U32);
  layout.add_text("source_path", source_bytes);
  layout.add("input", Kind::U32);
  layout.add_text("role", role_bytes);
  layout.add_text("path", path_bytes);
  layout.add("bytes", Kind::U64);
  layout.add_text("sha256", kSha256Bytes);
  return layout;
}

/// The widths of /inputs' text columns, stored as attributes so a reader can rebuild the layout.
struct InputWidths {
  std::size_t source = 1, role = 1, path = 1;
};

RowLayout forecast_layout(std::size_t call_type_bytes) {
  RowLayout layout;
  layout.add("interval", Kind::U32);
  layout.add("interval_start", Kind::F64);
  layout.add_text("clock", kClockBytes);
  layout.add_text("call_type", call_type_bytes);
  layout.add("expected", Kind::F64);
  return layout;
}

RowLayout ivr_forecast_layout() {
  RowLayout layout;
  layout.add("interval", Kind::U32);
  layout.add("interval_start", Kind::F64);
  layout.add_text("clock", kClockBytes);
  layout.add("expected", Kind::F64);
  return layout;
}

RowLayout roster_layout() {
  RowLayout layout;
  layout.add("interval", Kind::U32);
  layout.add("interval_start", Kind::F64);
  layout.add_text("clock", kClockBytes);
  layout.add("rostered", Kind::F64);
  return layout;
}

RowLayout call_type_inputs_layout(std::size_t call_type_bytes) {
  RowLayout layout;
  layout.add_text("call_type", call_type_bytes);
  layout.add("handle_mean", Kind::F64);
  layout.add("patience_mean", Kind::F64);
  return layout;
}

std::size_t interval_count(const analysis::RunResult& run) {
  return run.replications.empty() ? 0 : run.replications[0].intervals.size();
}

double interval_start(const analysis::RunResult& run, std::size_t i) {
  return run.warmup_seconds + static_cast<double>(i) * run.interval_seconds;
}

void check_size(std::size_t have, std::size_t want, const char* what, const std::string& where) {
  if (have != 0 && have != want)
    throw Problem(where + what + " has " + std::to_string(have) + " values, not 0 or " + std::to_string(want));
}

void check_text(const std::string& text, const char* what, const std::string& where) {
  if (text.find('\0') != std::string::npos) throw Problem(where + what + " contains a NUL byte");
}

}  // namespace

void check_run_inputs(const analysis::RunResult& run, const run::RunInputs& in, std::size_t sources) {
  const std::string where = "in run " + in_quotes(run.name) + ", ";
  if (sources > 0 && in.source >= sources)
    throw Problem(where + "the inputs name source " + std::to_string(in.source) + " of " + std::to_string(sources));
  const std::size_t intervals = interval_count(run);
  const std::size_t types = run.call_types.size();
  check_size(in.forecast.size(), intervals * types, "the forecast", where);
  check_size(in.ivr_forecast.size(), intervals, "the IVR forecast", where);
  check_size(in.handle_mean.size(), types, "the handle time means", where);
  check_size(in.patience_mean.size(), types, "the patience means", where);
  check_size(in.rostered.size(), intervals, "the roster", where);
  if (in.roster_cost && in.rostered.empty()) throw Problem(where + "a roster cost is given without a roster");
  if (in.costs) check_size(in.costs->agent_hour.size(), run.agent_groups.size(), "the agent-hour costs", where);
  check_text(in.applied_text, "the applied scenario", where);
  for (const auto& o : in.overrides) check_text(o, "an override", where);
  if (in.costs) check_text(in.costs->currency, "the currency", where);
}

void write_sources(const H5::H5File& file, const std::vector<run::ScenarioSource>& sources) {
  InputWidths widths;
  std::size_t rows = 0;
  for (const auto& s : sources) {
    widths.source = std::max(widths.source, s.path.size());
    for (const auto& in : s.inputs) {
      widths.role = std::max(widths.role, in.role.size());
      widths.path = std::max(widths.path, in.path.size());
      ++rows;
    }
  }
  const RowLayout layout = inputs_layout(widths.source, widths.role, widths.path);
  Table table({rows}, layout);
  const H5::Group bytes = create_untimed_group(file, names::kInputFiles);
  std::size_t row = 0;
  for (std::size_t s = 0; s < sources.size(); ++s) {
    for (std::size_t j = 0; j < sources[s].inputs.size(); ++j, ++row) {
      const run::StoredInput& in = sources[s].inputs[j];
      const std::string digest = sha256_hex(in.bytes);
      if (!in.sha256.empty() && in.sha256 != digest)
        throw Problem("the stored input " + in_quotes(in.path) + " has SHA-256 " + digest + ", not the " + in.sha256 +
                      " it was given with");
      RowWriter w(table.rows.data() + row * layout.size());
      w.u32(static_cast<std::uint32_t>(s));
      w.text(sources[s].path, widths.source);
      w.u32(static_cast<std::uint32_t>(j));
      w.text(in.role, widths.role);
      w.text(in.path, widths.path);
      w.u64(in.bytes.size());
      w.text(digest, kSha256Bytes);
      put_bytes_dataset(bytes, std::to_string(row), in.bytes);
    }
  }
  write_table(file, names::kInputs, layout, table);
  const H5::DataSet inputs = file.openDataSet(names::kInputs);
  for (const auto& [name, width] :
       {std::pair{"source_path_bytes", widths.source}, {"role_bytes", widths.role}, {"path_bytes", widths.path}})
    put_number_attr(inputs, name, H5::PredType::STD_U64LE, H5::PredType::NATIVE_UINT64, std::uint64_t{width});
}

std::vector<run::ScenarioSource> read_sources(const H5::H5File& file) {
  const std::string where = in_quotes(std::string("/") + names::kInputs);
  if (!file.nameExists(names::kInputs)) return {};
  const H5::DataSet inputs = file.openDataSet(names::kInputs);
  const auto width = [&](const char* name) {
    return static_cast<std::size_t>(get_number_attr<std::uint64_t>(inputs, where, name, H5::PredType::NATIVE_UINT64));
  };
  InputWidths widths{width("source_path_bytes"), width("role_bytes"), width("path_bytes")};
  const RowLayout layout = inputs_layout(widths.source, widths.role, widths.path);
  const Table table = read_table(file.openGroup("/"), "", names::kInputs, layout, 1);
  const H5::Group bytes = file.openGroup(names::kInputFiles);
  std::vector<run::ScenarioSource> sources;
  for (std::size_t row = 0; row < table.count(); ++row) {
    RowReader r(table.rows.data() + row * layout.size());
    const std::uint32_t s = r.u32();
    const std::string source_path = r.text(widths.source);
    const std::uint32_t j = r.u32();
    if (s > sources.size() || (s == sources.size()) != (j == 0) ||
        (s < sources.size() && j != sources[s].inputs.size()))
      throw Problem("row " + std::to_string(row) + " of " + where + " is out of order (source " + std::to_string(s) +
                    ", input " + std::to_string(j) + ")");
    if (s == sources.size()) sources.push_back({source_path, {}});
    run::StoredInput in;
    in.role = r.text(widths.role);
    in.path = r.text(widths.path);
    const std::uint64_t size = r.u64();
    in.sha256 = r.text(kSha256Bytes);
    in.bytes = get_bytes_dataset(bytes, std::string("/") + names::kInputFiles, std::to_string(row));
    if (in.bytes.size() != size || sha256_hex(in.bytes) != in.sha256)
      throw Problem("the stored input " + in_quotes(in.path) + " (row " + std::to_string(row) + " of " + where +
                    ") does not have the size and SHA-256 recorded for it");
    sources[s].inputs.push_back(std::move(in));
  }
  return sources;
}

void write_run_inputs(const H5::Group& group, const analysis::RunResult& run, const run::RunInputs& in) {
  put_number_attr(group, "source", H5::PredType::STD_U64LE, H5::PredType::NATIVE_UINT64, std::uint64_t{in.source});
  put_text_list_attr(group, "overrides", in.overrides);
  put_f64_attr(group, "clock_start", in.clock_start);
  put_text_dataset(group, names::kAppliedScenario, in.applied_text);
  const std::size_t intervals = interval_count(run);
  const std::size_t types = run.call_types.size();
  const std::size_t type_bytes = label_bytes(run.call_types);
  if (!in.forecast.empty()) {
    const RowLayout layout = forecast_layout(type_bytes);
    Table table({intervals * types}, layout);
    for (std::size_t cell = 0; cell < intervals * types; ++cell) {  // cell = i * K + k
      RowWriter w(table.rows.data() + cell * layout.size());
      put_interval_labels(w, cell / types, interval_start(run, cell / types), in.clock_start);
      w.text(run.call_types[cell % types], type_bytes);
      w.f64(in.forecast[cell]);
    }
    write_table(group, names::kForecast, layout, table);
  }
  if (!in.ivr_forecast.empty()) {
    const RowLayout layout = ivr_forecast_layout();
    Table table({intervals}, layout);
    for (std::size_t i = 0; i < intervals; ++i) {
      RowWriter w(table.rows.data() + i * layout.size());
      put_interval_labels(w, i, interval_start(run, i), in.clock_start);
      w.f64(in.ivr_forecast[i]);
    }
    write_table(group, names::kIvrForecast, layout, table);
  }
  if (!in.handle_mean.empty() || !in.patience_mean.empty()) {
    const RowLayout layout = call_type_inputs_layout(type_bytes);
    Table table({types}, layout);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    for (std::size_t k = 0; k < types; ++k) {
      RowWriter w(table.rows.data() + k * layout.size());
      w.text(run.call_types[k], type_bytes);
      w.f64(in.handle_mean.empty() ? nan : in.handle_mean[k]);
      w.f64(in.patience_mean.empty() ? nan : in.patience_mean[k]);
    }
    write_table(group, names::kCallTypeInputs, layout, table);
  }
  if (!in.rostered.empty()) {
    const RowLayout layout = roster_layout();
    Table table({intervals}, layout);
    for (std::size_t i = 0; i < intervals; ++i) {
      RowWriter w(table.rows.data() + i * layout.size());
      put_interval_labels(w, i, interval_start(run, i), in.clock_start);
      w.f64(in.rostered[i]);
    }
    write_table(group, names::kRoster, layout, table);
    if (in.roster_cost) put_f64_attr(group.openDataSet(names::kRoster), "cost", *in.roster_cost);
  }
  if (in.costs) {
    const models::CostSpec& c = *in.costs;
    const H5::Group costs = create_untimed_group(group, names::kCosts);
    put_text_attr(costs, "currency", c.currency);
    put_f64_list_attr(costs, "agent_hour", c.agent_hour);
    put_f64_attr(costs, "trunk_minute", c.trunk_minute);
    put_f64_attr(costs, "revenue_per_call", c.revenue_per_call);
    put_f64_attr(costs, "revenue_per_hour", c.revenue_per_hour);
    if (c.sla) {
      put_f64_attr(costs, "sla_target", c.sla->target);
      put_text_attr(costs, "sla_per", c.sla->per == models::SlaContract::Per::INTERVAL ? kPerInterval : kPerDay);
      put_f64_attr(costs, "sla_penalty", c.sla->penalty);
    }
  }
}

std::optional<run::RunInputs> read_run_inputs(const H5::Group& group, const analysis::RunResult& run) {
  if (!group.attrExists("clock_start")) return std::nullopt;
  const std::string path = "/" + run.name;
  const std::string where = in_quotes(path);
  run::RunInputs in;
  in.source =
      static_cast<std::size_t>(get_number_attr<std::uint64_t>(group, where, "source", H5::PredType::NATIVE_UINT64));
  in.overrides = get_text_list_attr(group, where, "overrides");
  in.clock_start = get_f64_attr(group, where, "clock_start");
  in.applied_text = get_text_dataset(group, path, names::kAppliedScenario);
  const std::size_t intervals = interval_count(run);
  const std::size_t types = run.call_types.size();
  const std::size_t type_bytes = label_bytes(run.call_types);
  const auto check_rows = [&](const Table& table, std::size_t want, const char* name) {
    if (table.count() != want)
      throw Problem(in_quotes(path + "/" + name) + " has " + std::to_string(table.count()) + " rows, not " +
                    std::to_string(want));
  };
  if (group.nameExists(names::kForecast)) {
    const RowLayout layout = forecast_layout(type_bytes);
    const Table table = read_table(group, path, names::kForecast, layout, 1);
    check_rows(table, intervals * types, names::kForecast);
    for (std::size_t cell = 0; cell < table.count(); ++cell) {
      RowReader r(table.rows.data() + cell * layout.size() + layout.fields().back().offset);
      in.forecast.push_back(r.f64());
    }
  }
  if (group.nameExists(names::kIvrForecast)) {
    const RowLayout layout = ivr_forecast_layout();
    const Table table = read_table(group, path, names::kIvrForecast, layout, 1);
    check_rows(table, intervals, names::kIvrForecast);
    for (std::size_t i = 0; i < table.count(); ++i) {
      RowReader r(table.rows.data() + i * layout.size() + layout.fields().back().offset);
      in.ivr_forecast.push_back(r.f64());
    }
  }
  if (group.nameExists(names::kCallTypeInputs)) {
    const RowLayout layout = call_type_inputs_layout(type_bytes);
    const Table table = read_table(group, path, names::kCallTypeInputs, layout, 1);
    check_rows(table, types, names::kCallTypeInputs);
    for (std::size_t k = 0; k < types; ++k) {
      RowReader r(table.rows.data() + k * layout.size());
      r.text(type_bytes);
      in.handle_mean.push_back(r.f64());
      in.patience_mean.push_back(r.f64());
    }
  }
  if (group.nameExists(names::kRoster)) {
    const RowLayout layout = roster_layout();
    const Table table = read_table(group, path, names::kRoster, layout, 1);
    check_rows(table, intervals, names::kRoster);
    for (std::size_t i = 0; i < table.count(); ++i) {
      RowReader r(table.rows.data() + i * layout.size() + layout.fields().back().offset);
      in.rostered.push_back(r.f64());
    }
    const H5::DataSet roster = group.openDataSet(names::kRoster);
    if (roster.attrExists("cost"))
      in.roster_cost = get_f64_attr(roster, in_quotes(path + "/" + names::kRoster), "cost");
  }
  if (group.nameExists(names::kCosts)) {
    const H5::Group costs = group.openGroup(names::kCosts);
    const std::string cw = in_quotes(path + "/" + names::kCosts);
    models::CostSpec c;
    c.currency = get_text_attr(costs, cw, "currency");
    c.agent_hour = get_f64_list_attr(costs, cw, "agent_hour");
    c.trunk_minute = get_f64_attr(costs, cw, "trunk_minute");
    c.revenue_per_call = get_f64_attr(costs, cw, "revenue_per_call");
    c.revenue_per_hour = get_f64_attr(costs, cw, "revenue_per_hour");
    if (costs.attrExists("sla_target")) {
      models::SlaContract sla;
      sla.target = get_f64_attr(costs, cw, "sla_target");
      const std::string per = get_text_attr(costs, cw, "sla_per");
      if (per != kPerInterval && per != kPerDay)
        throw Problem(cw + " attribute 'sla_per' is " + in_quotes(per) + ", not 'interval' or 'day'");
      sla.per = per == kPerInterval ? models::SlaContract::Per::INTERVAL : models::SlaContract::Per::DAY;
      sla.penalty = get_f64_attr(costs, cw, "sla_penalty");
      c.sla = sla;
    }
    in.costs = std::move(c);
  }
  return in;
}

double clock_start_of(const std::vector<run::RunInputs>& inputs, std::size_t run) {
  return run < inputs.size() ? inputs[run].clock_start : 0.0;
}

}  // namespace callsim::store::hdf5
