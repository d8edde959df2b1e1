// The bank-weekday tables (scenarios/library/bank-weekday/) are derived from the
// "Anonymous Bank" call-center data (1999) of the Technion Service Enterprise Engineering
// (SEE) lab, documented by I. Guedj and A. Mandelbaum (2000): the scenario, its forecast and
// its staffing by callsim fit (scenarios/fit/refit-bank-weekday), the IVR-side and observed
// tables by scenarios/fit/fit_anonymous_bank.py. The raw data lives outside the repository
// (../shared/data/anonymous_bank_1999). With the data present, both are rerun and must
// reproduce the committed files byte for byte; without it (or without NumPy for the script)
// those checks are skipped with a warning. The structure checks of the committed files
// always run.

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#ifndef CALLSIM_SOURCE_DIR
#define CALLSIM_SOURCE_DIR "."  // run from the repository root when built by hand
#endif

namespace fs = std::filesystem;

namespace {

const fs::path kSource{CALLSIM_SOURCE_DIR};
const fs::path kTables = kSource / "scenarios" / "library" / "bank-weekday";
const fs::path kData = kSource / ".." / "shared" / "data" / "anonymous_bank_1999";
const std::vector<std::string> kTypes{"retail", "english", "internet", "stock", "prospect", "callback"};
constexpr int kRows = 34;  // 07:00 .. 23:30, every 30 minutes

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> split(const std::string& line, char sep) {
  std::vector<std::string> out;
  std::string cell;
  std::istringstream in(line);
  while (std::getline(in, cell, sep)) out.push_back(cell);
  if (!line.empty() && line.back() == sep) out.emplace_back();
  return out;
}

struct Csv {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

Csv read_csv(const fs::path& path) {
  INFO("file " << path.string());
  REQUIRE(fs::exists(path));
  Csv csv;
  std::istringstream in(slurp(path));
  std::string line;
  bool first = true;
  while (std::getline(in, line)) {
    REQUIRE(line.find('\r') == std::string::npos);
    if (first) {
      csv.header = split(line, ',');
      first = false;
    } else {
      csv.rows.push_back(split(line, ','));
    }
  }
  return csv;
}

double number(const std::string& text) {
  INFO("cell '" << text << "'");
  REQUIRE(!text.empty());
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  REQUIRE(end == text.c_str() + text.size());
  REQUIRE(std::isfinite(value));
  return value;
}

std::string slot(int i) {
  const int minutes = 7 * 60 + 30 * i;
  const auto two = [](int v) { return std::string(v < 10 ? "0" : "") + std::to_string(v); };
  return two(minutes / 60) + ":" + two(minutes % 60);
}

// Checks the 34 half-hour rows of a table and returns its numeric cells [row][column - 1].
std::vector<std::vector<double>> half_hour_values(const Csv& csv, std::size_t columns) {
  REQUIRE(csv.rows.size() == static_cast<std::size_t>(kRows));
  std::vector<std::vector<double>> values;
  for (int i = 0; i < kRows; ++i) {
    const auto& row = csv.rows[static_cast<std::size_t>(i)];
    INFO("row " << i + 1);
    REQUIRE(row.size() == columns);
    CHECK(row[0] == slot(i));
    std::vector<double> v;
    for (std::size_t c = 1; c < row.size(); ++c) {
      if (row[c].empty()) {
        v.push_back(std::nan(""));  // a ratio without a denominator (observed_kpis only)
      } else {
        v.push_back(number(row[c]));
      }
    }
    values.push_back(v);
  }
  return values;
}

std::vector<std::string> type_header() {
  std::vector<std::string> header{"interval_start"};
  header.insert(header.end(), kTypes.begin(), kTypes.end());
  return header;
}

// Row sums of a per-type table: calls per half hour, all types.
std::vector<double> per_type_totals(const fs::path& path, double& day_total) {
  const Csv csv = read_csv(path);
  REQUIRE(csv.header == type_header());
  const auto values = half_hour_values(csv, kTypes.size() + 1);
  std::vector<double> totals;
  day_total = 0;
  for (const auto& row : values) {
    double sum = 0;
    for (double v : row) {
      CHECK(v >= 0);
      sum += v;
    }
    totals.push_back(sum);
    day_total += sum;
  }
  return totals;
}

// A table written by callsim fit: "D HH:MM" clocks from 07:00 of day 1 to the closing row
// at 00:00 of day 2, one column per name. Returns [column name][row].
std::map<std::string, std::vector<double>> fitted_table(const fs::path& path, std::vector<std::string>& clocks) {
  const Csv csv = read_csv(path);
  REQUIRE(!csv.header.empty());
  CHECK(csv.header[0] == "interval_start");
  REQUIRE(csv.rows.size() == static_cast<std::size_t>(kRows + 1));
  std::map<std::string, std::vector<double>> out;
  for (std::size_t r = 0; r < csv.rows.size(); ++r) {
    INFO(path.filename().string() << " row " << r + 1);
    const auto& row = csv.rows[r];
    REQUIRE(row.size() == csv.header.size());
    clocks.push_back(row[0]);
    CHECK(row[0] == (r < static_cast<std::size_t>(kRows) ? "1 " + slot(static_cast<int>(r)) : "2 00:00"));
    for (std::size_t c = 1; c < row.size(); ++c) out[csv.header[c]].push_back(number(row[c]));
  }
  return out;
}

}  // namespace

TEST_CASE("callsim fit reproduces the shipped bank-weekday scenario, forecast and staffing", "[bank_fit]") {
  if (!fs::exists(kData / "01_January.txt")) {
    WARN(
        "skipped: ../shared/data/anonymous_bank_1999 is absent; the shipped bank-weekday scenario is used as "
        "committed");
    return;
  }
  const fs::path out = fs::temp_directory_path() / ("callsim_bank_refit_" + std::to_string(::getpid()));
  fs::remove_all(out);
  const std::string command = "CALLSIM='" + std::string(CALLSIM_BINARY) + "' '" +
                              (kSource / "scenarios" / "fit" / "refit-bank-weekday").string() + "' --out '" +
                              out.string() + "'";
  INFO(command);
  REQUIRE(std::system(command.c_str()) == 0);
  for (const char* name : {"bank-weekday.yaml", "bank-weekday/forecast.csv", "bank-weekday/staffing.csv"}) {
    INFO(name << ": rerun scenarios/fit/refit-bank-weekday if the change is intended");
    REQUIRE(fs::exists(out / name));
    CHECK(slurp(out / name) == slurp(kTables.parent_path() / name));
  }
  fs::remove_all(out);
}

TEST_CASE("bank-weekday fit script reproduces its committed tables", "[bank_fit]") {
  if (!fs::exists(kData / "01_January.txt")) {
    WARN(
        "skipped: ../shared/data/anonymous_bank_1999 is absent; the shipped bank-weekday tables are used as committed");
    return;
  }
  if (std::system("/usr/bin/python3 -c 'import numpy' >/dev/null 2>&1") != 0) {
    WARN(
        "skipped: /usr/bin/python3 with numpy is absent (apt-get install python3-numpy); the shipped bank-weekday "
        "tables are used as committed");
    return;
  }
  const fs::path out = fs::temp_directory_path() / ("callsim_bank_fit_" + std::to_string(::getpid()));
  fs::remove_all(out);
  const std::string command = "/usr/bin/python3 '" +
                              (kSource / "scenarios" / "fit" / "fit_anonymous_bank.py").string() + "' --data '" +
                              kData.string() + "' --out '" + out.string() + "' >/dev/null";
  INFO(command);
  const int status = std::system(command.c_str());
  REQUIRE(status == 0);
  for (const char* name :
       {"offered_to_agents.csv", "seen_serving.csv", "vru_arrivals.csv", "ivr_arrivals.csv", "observed_kpis.csv"}) {
    INFO("table " << name << ": rerun the script with --out scenarios/library/bank-weekday if the change is intended");
    REQUIRE(fs::exists(out / name));
    CHECK(slurp(out / name) == slurp(kTables / name));
  }
  fs::remove_all(out);
}

TEST_CASE("bank-weekday forecast has six types over 34 half hours and a plausible daily volume", "[bank_fit]") {
  std::vector<std::string> clocks;
  const auto forecast = fitted_table(kTables / "forecast.csv", clocks);
  REQUIRE(forecast.size() == kTypes.size());
  std::vector<double> totals(kRows, 0);
  double day_total = 0;
  for (const auto& type : kTypes) {
    INFO("type " << type);
    REQUIRE(forecast.count(type) == 1);
    for (int r = 0; r < kRows; ++r) {
      CHECK(forecast.at(type)[static_cast<std::size_t>(r)] >= 0);
      totals[static_cast<std::size_t>(r)] += forecast.at(type)[static_cast<std::size_t>(r)];
    }
    CHECK(forecast.at(type)[kRows] == 0);  // the closing row takes no calls
  }
  for (const double t : totals) day_total += t;
  // Plausible range: the documentation speaks of 20,000-30,000 calls a month and the 1999
  // files hold 31,000-40,000 rows a month; a Sunday-Thursday day carries roughly 1/20 to 1/26
  // of a month (Fridays and Saturdays are light), i.e. about 800-2,000 calls. The committed
  // table (January-March 1999) has about 1,490 calls a day offered to agents.
  CHECK(day_total > 700);
  CHECK(day_total < 2500);
  // Every half hour of the opening hours has calls.
  for (double t : totals) CHECK(t > 1);
}

TEST_CASE("bank-weekday VRU arrivals cover the calls offered to agents", "[bank_fit]") {
  double offered = 0;
  double vru = 0;
  per_type_totals(kTables / "offered_to_agents.csv", offered);
  per_type_totals(kTables / "vru_arrivals.csv", vru);
  CHECK(vru >= offered);
  CHECK(vru < 1.5 * offered);
  // callsim fit's forecast counts the same calls (those that reached the agents), binned on
  // their queue entry: the day totals agree within half a percent.
  std::vector<std::string> clocks;
  double fitted = 0;
  for (const auto& [type, column] : fitted_table(kTables / "forecast.csv", clocks))
    for (const double v : column) fitted += v;
  CHECK(fitted == Approx(offered).epsilon(0.005));
}

TEST_CASE("bank-weekday staffing has agents on duty in every opening half hour", "[bank_fit]") {
  std::vector<std::string> clocks;
  const auto staffing = fitted_table(kTables / "staffing.csv", clocks);
  REQUIRE(staffing.size() == 1);
  REQUIRE(staffing.count("agents") == 1);
  const auto& agents = staffing.at("agents");
  const Csv seen = read_csv(kTables / "seen_serving.csv");
  REQUIRE(seen.header == std::vector<std::string>{"interval_start", "agents", "busy_agents"});
  const auto proxy = half_hour_values(seen, 3);
  double on_duty = 0, seen_serving = 0;
  for (int r = 0; r < kRows; ++r) {
    INFO("row " << r + 1);
    const double a = agents[static_cast<std::size_t>(r)];
    const double busy = proxy[static_cast<std::size_t>(r)][1];
    CHECK(a >= 1);
    CHECK(a <= 30);    // 8 agent positions + a supervisor + 5 internet agents documented
    CHECK(a >= busy);  // agents on duty serve at most all the time
    on_duty += a;
    seen_serving += proxy[static_cast<std::size_t>(r)][0];
  }
  // Fewer agent-hours on duty than the old proxy (distinct agents seen serving) claims: the
  // issue that made the first bank-weekday.yaml 30 points too good.
  CHECK(on_duty < seen_serving);
  CHECK(agents[kRows] == agents[kRows - 1]);  // the closing row keeps the last agents
}

TEST_CASE("bank-weekday observed KPIs are consistent with the forecast", "[bank_fit]") {
  double day_total = 0;
  const auto offered_by_type = per_type_totals(kTables / "offered_to_agents.csv", day_total);
  const Csv csv = read_csv(kTables / "observed_kpis.csv");
  REQUIRE(csv.header == std::vector<std::string>{"interval_start", "offered", "answered", "abandoned", "asa_s",
                                                 "abandon_rate", "service_level_20s"});
  const auto values = half_hour_values(csv, 7);
  for (std::size_t i = 0; i < values.size(); ++i) {
    INFO("row " << i + 1);
    const auto& v = values[i];
    CHECK(v[0] == Approx(offered_by_type[i]).margin(0.05));
    CHECK(v[1] >= 0);
    CHECK(v[2] >= 0);
    CHECK(v[1] + v[2] <= v[0] + 0.02);
    CHECK(v[3] >= 0);
    CHECK(v[4] >= 0);
    CHECK(v[4] <= 1);
    CHECK(v[5] >= 0);
    CHECK(v[5] <= 1);
  }
}

TEST_CASE("bank-weekday parameters name every call type and the data source", "[bank_fit]") {
  const std::string json = slurp(kTables / "parameters.json");
  REQUIRE(!json.empty());
  CHECK(json.front() == '{');
  const std::vector<std::string> codes{"PS", "PE", "IN", "NE", "NW", "TT"};
  for (std::size_t i = 0; i < kTypes.size(); ++i) {
    INFO("type " << kTypes[i]);
    CHECK(json.find("\"" + kTypes[i] + "\": {") != std::string::npos);
    CHECK(json.find("\"code\": \"" + codes[i] + "\"") != std::string::npos);
  }
  for (const char* key : {"\"months\"", "\"exponential_mean_s\"", "\"share_under_10s\"", "\"deciles_s\"",
                          "\"share_priority_2\"", "\"share_never_reached_agent_or_queue\""}) {
    CHECK(json.find(key) != std::string::npos);
  }
  CHECK(json.find("Technion") != std::string::npos);
  const std::string md = slurp(kTables / "parameters.md");
  CHECK(md.find("Technion") != std::string::npos);
  CHECK(md.find("Months:") != std::string::npos);
}
