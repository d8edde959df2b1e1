#include "store/hdf5_result_rows.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <sstream>
#include <vector>

#include "analysis/tally_fields.hpp"
#include "store/hdf5_util.hpp"

namespace callsim::store::hdf5 {

namespace {

constexpr int kFirstLongFormat = 4;  ///< the first format_version with 1-D labelled tables

bool is_raw_field(std::string_view name) {
  for (const auto& f : analysis::kpi_tally_fields())
    if (f.name == name) return true;
  return false;
}

bool is_appended_kpi(std::string_view name) {
  return std::find(kAppendedKpis.begin(), kAppendedKpis.end(), name) != kAppendedKpis.end();
}

/// A KPI column: optional if the KPI was appended after the format was published.
void add_kpi_column(RowLayout& layout, std::string_view name) {
  if (is_appended_kpi(name))
    layout.add_optional(std::string(name), Kind::F64);
  else
    layout.add(std::string(name), Kind::F64);
}

Kind kind_of(analysis::TallyFieldKind kind) { return kind == analysis::TallyFieldKind::COUNT ? Kind::U64 : Kind::F64; }

void add_tally_fields(RowLayout& layout, int version) {
  // A field appended to the format after it was published may be missing from a file.
  const auto add_raw = [&](const analysis::KpiField& f, bool optional) {
    if (optional || f.appended)
      layout.add_optional(std::string(f.name), kind_of(f.kind));
    else
      layout.add(std::string(f.name), kind_of(f.kind));
  };
  if (version >= kFirstLongFormat) {
    for (const auto& f : analysis::kpi_tally_fields()) add_raw(f, false);
    for (const auto& def : analysis::kpi_definitions())
      if (!is_raw_field(def.name)) add_kpi_column(layout, def.name);
    return;
  }
  // Format 3: every KPI as float64 (the counts among them too), then the other raw fields.
  for (const auto& def : analysis::kpi_definitions()) add_kpi_column(layout, def.name);
  for (const auto& f : analysis::kpi_tally_fields()) {
    if (analysis::find_kpi(f.name)) continue;
    add_raw(f, f.name == kTalkTimeField || f.name == kHandleTimeField);
  }
}

void add_summary_fields(RowLayout& layout) {
  layout.add_text("kpi", kKpiNameBytes);
  layout.add_text("unit", kUnitBytes);
  for (const char* name : {"mean", "std", "ci95"}) layout.add(name, Kind::F64);
  layout.add("n", Kind::U64);
}

void add_difference_fields(RowLayout& layout) {
  add_summary_fields(layout);
  layout.add("significant", Kind::U8);
}

/// The GroupTally fields, then occupancy and aht (what put_group writes).
void add_group_fields(RowLayout& layout) {
  for (const auto& f : analysis::group_tally_fields()) layout.add(std::string(f.name), kind_of(f.kind));
  layout.add("occupancy", Kind::F64);
  layout.add("aht", Kind::F64);
}

void add_interval_labels(RowLayout& layout) {
  layout.add("interval", Kind::U32);
  layout.add("interval_start", Kind::F64);
  layout.add_text("clock", kClockBytes);
}

/// Fields the file lacks (read_table's Table::absent) are unknown: NaN for a sum, 0 for a
/// count (a count has no "unknown"; every count appended so far started at 0).
void mark_absent(analysis::KpiTally& t, const std::vector<std::string>& absent) {
  for (const std::string& name : absent)
    for (const auto& f : analysis::kpi_tally_fields())
      if (f.name == name) {
        if (f.count)
          t.*f.count = 0;
        else
          t.*f.seconds = std::numeric_limits<double>::quiet_NaN();
      }
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

std::size_t label_bytes(const std::vector<std::string>& names) {
  std::size_t bytes = 1;
  for (const auto& n : names) bytes = std::max(bytes, n.size());
  return bytes;
}

std::string clock_text(double seconds) {
  const double whole = std::isfinite(seconds) ? std::floor(std::max(seconds, 0.0)) : 0.0;
  const auto s = static_cast<unsigned long long>(std::min(whole, 3.6e12));  // 9 digits of hours at most
  char text[32];
  std::snprintf(text, sizeof text, "%02llu:%02llu:%02llu", s / 3600, s / 60 % 60, s % 60);
  return text;
}

RowLayout replications_layout(int version) {
  RowLayout layout;
  layout.add("replication", Kind::U32);
  layout.add("calls_simulated", Kind::U64);
  add_tally_fields(layout, version);
  return layout;
}

RowLayout intervals_layout(int version) {
  RowLayout layout;
  layout.add("replication", Kind::U32);
  if (version >= kFirstLongFormat) {
    add_interval_labels(layout);
  } else {
    layout.add("interval", Kind::U32);
    layout.add("interval_start", Kind::F64);
  }
  add_tally_fields(layout, version);
  return layout;
}

RowLayout interval_types_layout(int version, std::size_t call_type_bytes) {
  RowLayout layout;
  layout.add("replication", Kind::U32);
  if (version >= kFirstLongFormat) {
    add_interval_labels(layout);
    layout.add_text("call_type", call_type_bytes);
  } else {
    layout.add("interval", Kind::U32);
    layout.add("call_type", Kind::U32);
    layout.add("interval_start", Kind::F64);
  }
  add_tally_fields(layout, version);
  return layout;
}

RowLayout groups_layout(int version, std::size_t group_bytes) {
  RowLayout layout;
  layout.add("replication", Kind::U32);
  if (version >= kFirstLongFormat)
    layout.add_text("group", group_bytes);
  else
    layout.add("group", Kind::U32);
  add_group_fields(layout);
  return layout;
}

RowLayout interval_groups_layout(std::size_t group_bytes) {
  RowLayout layout;
  layout.add("replication", Kind::U32);
  add_interval_labels(layout);
  layout.add_text("group", group_bytes);
  add_group_fields(layout);
  return layout;
}

RowLayout summary_layout() {
  RowLayout layout;
  add_summary_fields(layout);
  return layout;
}

RowLayout interval_summary_layout() {
  RowLayout layout;
  add_interval_labels(layout);
  add_summary_fields(layout);
  return layout;
}

RowLayout comparison_day_layout(int version, std::size_t variant_bytes) {
  RowLayout layout;
  if (version >= kFirstLongFormat)
    layout.add_text("variant", variant_bytes);
  else
    layout.add("variant", Kind::U32);
  add_difference_fields(layout);
  return layout;
}

RowLayout comparison_intervals_layout(int version, std::size_t variant_bytes) {
  RowLayout layout;
  if (version >= kFirstLongFormat) {
    layout.add_text("variant", variant_bytes);
    add_interval_labels(layout);
  } else {
    layout.add("variant", Kind::U32);
    layout.add("interval", Kind::U32);
    layout.add("interval_start", Kind::F64);
  }
  add_difference_fields(layout);
  return layout;
}

void put_interval_labels(RowWriter& w, std::size_t interval, double interval_start, double clock_start) {
  w.u32(static_cast<std::uint32_t>(interval));
  w.f64(interval_start);
  w.text(clock_text(clock_start + interval_start), kClockBytes);
}

void put_tally(RowWriter& w, const analysis::KpiTally& t) {
  for (const auto& f : analysis::kpi_tally_fields()) {
    if (f.count)
      w.u64(t.*f.count);
    else
      w.f64(t.*f.seconds);
  }
  for (const auto& def : analysis::kpi_definitions())  // no vector per row
    if (!is_raw_field(def.name)) w.f64(def.compute(t));
}

analysis::KpiTally get_tally(RowReader& r, int version, const std::string& where,
                             const std::vector<std::string>& absent) {
  analysis::KpiTally t;
  if (version >= kFirstLongFormat) {
    for (const auto& f : analysis::kpi_tally_fields()) {
      if (f.count)
        t.*f.count = r.u64();
      else
        t.*f.seconds = r.f64();
    }
    mark_absent(t, absent);
    return t;  // the derived KPIs follow from the raw fields
  }
  std::vector<double> kpis(analysis::kpi_definitions().size());
  for (double& kpi : kpis) kpi = r.f64();
  for (const auto& f : analysis::kpi_tally_fields()) {
    if (const auto k = analysis::find_kpi(f.name)) {
      if (f.count)
        t.*f.count = exact_count(kpis[*k], f.name, where);
      else
        t.*f.seconds = kpis[*k];
    } else if (f.count) {
      t.*f.count = r.u64();
    } else {
      t.*f.seconds = r.f64();
    }
  }
  mark_absent(t, absent);
  return t;
}

void put_group(RowWriter& w, const analysis::GroupTally& g) {
  for (const auto& f : analysis::group_tally_fields()) {
    if (f.count)
      w.u64(g.*f.count);
    else
      w.f64(g.*f.seconds);
  }
  w.f64(g.occupancy());
  w.f64(g.aht());
}

analysis::GroupTally get_group(RowReader& r) {
  analysis::GroupTally g;
  for (const auto& f : analysis::group_tally_fields()) {
    if (f.count)
      g.*f.count = r.u64();
    else
      g.*f.seconds = r.f64();
  }
  return g;  // occupancy and aht follow
}

void put_summary(RowWriter& w, const analysis::KpiSummary& s) {
  w.text(s.kpi, kKpiNameBytes);
  w.text(std::string(analysis::kpi_unit(s.kpi).substr(0, kUnitBytes)), kUnitBytes);
  w.f64(s.mean);
  w.f64(s.std_dev);
  w.f64(s.ci95);
  w.u64(s.n);
}

analysis::KpiSummary get_summary(RowReader& r) {
  analysis::KpiSummary s;
  s.kpi = r.text(kKpiNameBytes);
  r.text(kUnitBytes);  // the unit follows from the KPI name
  s.mean = r.f64();
  s.std_dev = r.f64();
  s.ci95 = r.f64();
  s.n = r.u64();
  return s;
}

void put_difference(RowWriter& w, const analysis::PairedDifference& d) {
  put_summary(w, {d.kpi, d.mean, d.std_dev, d.ci95, d.n});
  w.u8(d.significant ? 1 : 0);
}

analysis::PairedDifference get_difference(RowReader& r, const std::string& where) {
  const analysis::KpiSummary s = get_summary(r);
  analysis::PairedDifference d{s.kpi, s.mean, s.std_dev, s.ci95, s.n, false};
  const std::uint8_t significant = r.u8();
  if (significant > 1)
    throw Problem(where + " field 'significant' holds " + std::to_string(significant) + ", not 0 or 1");
  d.significant = significant == 1;
  return d;
}

}  // namespace callsim::store::hdf5
