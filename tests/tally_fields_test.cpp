// The table of raw tally fields (analysis/tally_fields.hpp) drives adding up, the results
// file and the docs: here it is checked against the structs and docs/results-format.md.

#include "analysis/tally_fields.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <set>
#include <sstream>
#include <string>

using namespace callsim::analysis;

namespace {

/// Gives field n of `t` the value (n + 1) * scale.
template <class Tally>
void fill(Tally& t, std::span<const TallyField<Tally>> fields, std::uint64_t scale) {
  for (std::size_t n = 0; n < fields.size(); ++n) {
    const std::uint64_t v = (n + 1) * scale;
    if (fields[n].count)
      t.*fields[n].count = v;
    else
      t.*fields[n].seconds = static_cast<double>(v) + 0.5;
  }
}

template <class Tally>
void check_sum(std::span<const TallyField<Tally>> fields) {
  Tally a, b;
  fill(a, fields, 1);
  fill(b, fields, 1000);
  a += b;
  for (std::size_t n = 0; n < fields.size(); ++n) {
    INFO("field " << fields[n].name);
    const double want = static_cast<double>((n + 1) * 1001) + (fields[n].count ? 0.0 : 1.0);
    CHECK(field_value(a, fields[n]) == want);
  }
}

template <class Tally>
void check_table(std::span<const TallyField<Tally>> fields) {
  std::set<std::string_view> names;
  for (const auto& f : fields) {
    INFO("field " << f.name);
    CHECK(names.insert(f.name).second);
    CHECK((f.count == nullptr) != (f.seconds == nullptr));
    CHECK((f.kind == TallyFieldKind::COUNT) == (f.count != nullptr));
    CHECK(!f.unit.empty());
    CHECK(!f.description.empty());
  }
}

std::string results_format_doc() {
  std::ifstream in(std::string(CALLSIM_SOURCE_DIR) + "/docs/results-format.md");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// The docs' row of field `f`: "| `name` | uint64 | calls | ..." (float64 for sums).
template <class Tally>
std::string doc_row(const TallyField<Tally>& f) {
  return "| `" + std::string(f.name) + "` | " + (f.count ? "uint64" : "float64") + " | " + std::string(f.unit) + " |";
}

}  // namespace

TEST_CASE("tally fields: each member once, with a kind, unit and description", "[tally_fields]") {
  check_table(kpi_tally_fields());
  check_table(group_tally_fields());
}

TEST_CASE("tally fields: adding tallies adds every field of the table", "[tally_fields]") {
  check_sum(kpi_tally_fields());
  check_sum(group_tally_fields());
}

TEST_CASE("tally fields: a KPI named like a raw field is that count", "[tally_fields]") {
  KpiTally t;
  fill(t, kpi_tally_fields(), 7);
  for (const auto& f : kpi_tally_fields()) {
    if (const auto k = find_kpi(f.name)) {
      INFO("field " << f.name);
      CHECK(f.kind == TallyFieldKind::COUNT);
      CHECK(kpi_definitions()[*k].compute(t) == field_value(t, f));
    }
  }
}

TEST_CASE("tally fields: docs/results-format.md lists every field with its type and unit", "[tally_fields][docs]") {
  const std::string doc = results_format_doc();
  REQUIRE(!doc.empty());
  for (const auto& f : kpi_tally_fields()) {
    INFO(doc_row(f));
    CHECK(doc.find(doc_row(f)) != std::string::npos);
  }
  for (const auto& f : group_tally_fields()) {
    INFO(doc_row(f));
    CHECK(doc.find(doc_row(f)) != std::string::npos);
  }
}

TEST_CASE("KPIs are found by name", "[tally_fields][kpi]") {
  CHECK(kpi("service_level").name == "service_level");
  CHECK(kpi_definitions()[kpi_index("asa")].unit == "s");
  CHECK_FALSE(find_kpi("no such KPI").has_value());
  CHECK_THROWS_AS(kpi("no such KPI"), std::logic_error);
}
