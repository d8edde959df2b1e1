#include "store/hdf5_result_rows.hpp"

#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "store/hdf5_util.hpp"

namespace callsim::store::hdf5 {

namespace {

void add_difference_fields(RowLayout& layout) {
  layout.add_text("kpi", kKpiNameBytes);
  layout.add_text("unit", kUnitBytes);
  for (const char* name : {"mean", "std", "ci95"}) layout.add(name, Kind::F64);
  layout.add("n", Kind::U64);
  layout.add("significant", Kind::U8);
}

void add_tally_fields(RowLayout& layout) {
  for (const auto& def : analysis::kpi_definitions()) layout.add(std::string(def.name), Kind::F64);
  for (const char* name : {"answered_within", "abandoned_within", "waited"}) layout.add(name, Kind::U64);
  for (const char* name : {"wait_answered_sum", "wait_all_sum", "busy_time", "staffed_time"})
    layout.add(name, Kind::F64);
  layout.add("callbacks_made_within", Kind::U64);
  layout.add("callback_delay_sum", Kind::F64);
  // Appended without a new format_version: files written before it lack it (talk_time NaN).
  layout.add_optional(kTalkTimeField, Kind::F64);
  layout.add_optional(kHandleTimeField, Kind::F64);
}

std::size_t kpi_index(std::string_view name) {
  const auto defs = analysis::kpi_definitions();
  for (std::size_t i = 0; i < defs.size(); ++i)
    if (defs[i].name == name) return i;
  throw std::logic_error("results store: KPI '" + std::string(name) + "' is not defined");
}

std::uint64_t exact_count(double value, std::string_view field, const std::string& where) {
  if (!(value >= 0) || value > static_cast<double>(kMaxExactCount) || std::floor(value) != value) {
    std::ostringstream msg;
    msg << where << " field " << in_quotes(field) << " holds " << value << ", not a whole number of calls";
    throw Problem(msg.str());
  }
  return static_cast<std::uint64_t>(value);
}

}  // namespace

RowLayout replications_layout() {
  RowLayout layout;
  layout.add("replication", Kind::U32);
  layout.add("calls_simulated", Kind::U64);
  add_tally_fields(layout);
  return layout;
}

RowLayout intervals_layout() {
  RowLayout layout;
  layout.add("replication", Kind::U32);
  layout.add("interval", Kind::U32);
  layout.add("interval_start", Kind::F64);
  add_tally_fields(layout);
  return layout;
}

RowLayout interval_types_layout() {
  RowLayout layout;
  layout.add("replication", Kind::U32);
  layout.add("interval", Kind::U32);
  layout.add("call_type", Kind::U32);
  layout.add("interval_start", Kind::F64);
  add_tally_fields(layout);
  return layout;
}

RowLayout groups_layout() {
  RowLayout layout;
  layout.add("replication", Kind::U32);
  layout.add("group", Kind::U32);
  layout.add("staffed_time", Kind::F64);
  layout.add("busy_time", Kind::F64);
  layout.add("handled", Kind::U64);
  layout.add("handle_time", Kind::F64);
  layout.add("occupancy", Kind::F64);
  layout.add("aht", Kind::F64);
  return layout;
}

RowLayout summary_layout() {
  RowLayout layout;
  layout.add_text("kpi", kKpiNameBytes);
  layout.add_text("unit", kUnitBytes);
  for (const char* name : {"mean", "std", "ci95"}) layout.add(name, Kind::F64);
  layout.add("n", Kind::U64);
  return layout;
}

RowLayout comparison_day_layout() {
  RowLayout layout;
  layout.add("variant", Kind::U32);
  add_difference_fields(layout);
  return layout;
}

RowLayout comparison_intervals_layout() {
  RowLayout layout;
  layout.add("variant", Kind::U32);
  layout.add("interval", Kind::U32);
  layout.add("interval_start", Kind::F64);
  add_difference_fields(layout);
  return layout;
}

void put_difference(RowWriter& w, const analysis::PairedDifference& d) {
  w.text(d.kpi, kKpiNameBytes);
  w.text(unit_of(d.kpi), kUnitBytes);
  w.f64(d.mean);
  w.f64(d.std_dev);
  w.f64(d.ci95);
  w.u64(d.n);
  w.u8(d.significant ? 1 : 0);
}

analysis::PairedDifference get_difference(RowReader& r, const std::string& where) {
  analysis::PairedDifference d;
  d.kpi = r.text(kKpiNameBytes);
  r.text(kUnitBytes);  // the unit follows from the KPI name
  d.mean = r.f64();
  d.std_dev = r.f64();
  d.ci95 = r.f64();
  d.n = r.u64();
  const std::uint8_t significant = r.u8();
  if (significant > 1)
    throw Problem(where + " field 'significant' holds " + std::to_string(significant) + ", not 0 or 1");
  d.significant = significant == 1;
  return d;
}

void put_tally(RowWriter& w, const analysis::KpiTally& t) {
  for (const analysis::KpiDefinition& def : analysis::kpi_definitions()) w.f64(def.compute(t));  // no vector per row
  w.u64(t.answered_within);
  w.u64(t.abandoned_within);
  w.u64(t.waited);
  w.f64(t.wait_answered);
  w.f64(t.wait_all);
  w.f64(t.busy_time);
  w.f64(t.staffed_time);
  w.u64(t.callbacks_made_within);
  w.f64(t.callback_delay);
  w.f64(t.talk_time);
  w.f64(t.handle_time);
}

analysis::KpiTally get_tally(RowReader& r, const std::string& where, bool has_talk_time) {
  std::vector<double> kpis(analysis::kpi_definitions().size());
  for (double& kpi : kpis) kpi = r.f64();
  analysis::KpiTally t;
  for (const analysis::CountKpi& c : analysis::count_kpis()) t.*c.field = exact_count(kpis[kpi_index(c.name)], c.name, where);
  t.answered_within = r.u64();
  t.abandoned_within = r.u64();
  t.waited = r.u64();
  t.wait_answered = r.f64();
  t.wait_all = r.f64();
  t.busy_time = r.f64();
  t.staffed_time = r.f64();
  t.callbacks_made_within = r.u64();
  t.callback_delay = r.f64();
  t.talk_time = r.f64();
  t.handle_time = r.f64();
  if (!has_talk_time) t.talk_time = t.handle_time = std::numeric_limits<double>::quiet_NaN();
  return t;
}

void put_group(RowWriter& w, const analysis::GroupTally& g) {
  w.f64(g.staffed_time);
  w.f64(g.busy_time);
  w.u64(g.handled);
  w.f64(g.handle_time);
  w.f64(g.occupancy());
  w.f64(g.aht());
}

analysis::GroupTally get_group(RowReader& r) {
  analysis::GroupTally g;
  g.staffed_time = r.f64();
  g.busy_time = r.f64();
  g.handled = r.u64();
  g.handle_time = r.f64();
  r.f64();  // occupancy
  r.f64();  // aht
  return g;
}

std::string unit_of(std::string_view kpi) {
  for (const auto& def : analysis::kpi_definitions())
    if (def.name == kpi) return std::string(def.unit.substr(0, kUnitBytes));
  return "";  // a summary row of something that is not a KPI: no unit known
}


bool has_talk_time(const Table& table) {
  // Both fields came together: a file has both or neither.
  for (const std::string& name : table.absent)
    if (name == kTalkTimeField || name == kHandleTimeField) return false;
  return true;
}

}  // namespace callsim::store::hdf5
