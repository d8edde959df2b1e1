#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "scenarios/clock_time.hpp"
#include "scenarios/forecast_csv.hpp"
#include "scenarios/loader.hpp"

#ifndef CALLSIM_SOURCE_DIR
#define CALLSIM_SOURCE_DIR "."  // run from the repository root when built by hand
#endif

using callsim::scenarios::ForecastTable;
using callsim::scenarios::format_clock;
using callsim::scenarios::parse_time_of_day;
using callsim::scenarios::parse_week_time;
using callsim::scenarios::ScenarioError;

namespace {

// Line numbers in the expected messages refer to this text.
const std::string kDay = R"(interval_start,retail,business
08:00,120,35.5
08:30,140,40
09:00,0,12
)";

ForecastTable parse(const std::string& text) { return ForecastTable::parse(text, "f.csv"); }

// kDay with the first `from` replaced by `to`; fails when `from` is absent, so a stale edit
// cannot turn into a test of the unchanged text.
std::string edited(const std::string& from, const std::string& to, const std::string& text = kDay) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.substr(0, at) + to + text.substr(at + from.size());
}

}  // namespace

TEST_CASE("clock times are HH:MM or H:MM within one day", "[scenario][forecast]") {
  CHECK(parse_time_of_day("00:00") == Approx(0));
  CHECK(parse_time_of_day("08:30") == Approx(30600));
  CHECK(parse_time_of_day("8:30") == Approx(30600));
  CHECK(parse_time_of_day(" 23:59 ") == Approx(86340));
  for (const char* bad : {"24:00", "8:60", "8:5", "08:00:00", "8h30", "830", ":30", "+8:30", "-8:30", "", "123:00"}) {
    INFO(bad);
    CHECK_FALSE(parse_time_of_day(bad));
  }
}

TEST_CASE("week times are D HH:MM for day 1 to 7", "[scenario][forecast]") {
  CHECK(parse_week_time("1 00:00") == Approx(0));
  CHECK(parse_week_time("2 08:30") == Approx(86400 + 30600));
  CHECK(parse_week_time("7\t23:30") == Approx(6 * 86400 + 84600));
  CHECK(parse_week_time("3  8:00") == Approx(2 * 86400 + 28800));
  for (const char* bad : {"0 08:00", "8 08:00", "08:00", "2 24:00", "2:08:00", "1 ", "12 08:00"}) {
    INFO(bad);
    CHECK_FALSE(parse_week_time(bad));
  }
}

TEST_CASE("clock labels in messages", "[scenario][forecast]") {
  CHECK(format_clock(30600, false) == "08:30");
  CHECK(format_clock(86400, false) == "24:00");
  CHECK(format_clock(30615, false) == "08:30:15");
  CHECK(format_clock(86400 + 30600, true) == "day 2 08:30");
  CHECK(format_clock(0, true) == "day 1 00:00");
}

TEST_CASE("a one-day forecast gives its columns and volumes per interval", "[scenario][forecast]") {
  const ForecastTable table = parse(kDay);
  CHECK(table.path() == "f.csv");
  CHECK(table.columns() == std::vector<std::string>{"retail", "business"});
  CHECK_FALSE(table.weekly());
  CHECK(table.start() == 8 * 3600);
  CHECK(table.interval() == 1800);
  CHECK(table.intervals() == 3);
  CHECK(table.end() == 9.5 * 3600);
  CHECK(table.volumes("retail") == std::vector<double>{120, 140, 0});
  CHECK(table.volumes("business") == std::vector<double>{35.5, 40, 12});
}

TEST_CASE("a week forecast writes the day before the time", "[scenario][forecast]") {
  const ForecastTable table = parse("interval_start,general\n1 22:00,5\n1 23:00,3\n2 00:00,1\n2 01:00,0.5\n");
  CHECK(table.weekly());
  CHECK(table.start() == 22 * 3600);
  CHECK(table.interval() == 3600);
  CHECK(table.intervals() == 4);
  CHECK(table.end() == 86400 + 2 * 3600);
  CHECK(table.volumes("general") == std::vector<double>{5, 3, 1, 0.5});
}

TEST_CASE("spreadsheet habits are accepted", "[scenario][forecast]") {
  // Byte order mark, Windows line ends, quoted names, spaces, blank lines, H:MM, no final newline.
  const std::string text =
      "\xEF\xBB\xBF\"interval_start\", \"retail\" ,business\r\n\r\n8:00, 120 ,35.5\r\n8:15,140,40\r\n\r\n8:30,1e2,0";
  const ForecastTable table = parse(text);
  CHECK(table.columns() == std::vector<std::string>{"retail", "business"});
  CHECK(table.interval() == 900);
  CHECK(table.volumes("retail") == std::vector<double>{120, 140, 100});
  CHECK(table.volumes("business") == std::vector<double>{35.5, 40, 0});
}

TEST_CASE("a column no call type reads may hold anything", "[scenario][forecast]") {
  const ForecastTable table = parse("interval_start,retail,notes\n08:00,1,quiet\n09:00,2,\n");
  CHECK(table.volumes("retail") == std::vector<double>{1, 2});
  CHECK_THROWS_WITH(table.volumes("notes"),
                    "f.csv:2: volume 'quiet' of 'notes' is not a number; expected the expected number of calls in "
                    "the interval, e.g. 120 or 37.5");
}

TEST_CASE("the header names interval_start and then each call type once", "[scenario][forecast][errors]") {
  CHECK_THROWS_WITH(parse(""),
                    "f.csv:1: the forecast is empty; expected a header such as interval_start,retail,business and "
                    "one row per interval");
  CHECK_THROWS_WITH(parse("\n \n"),
                    "f.csv:1: the forecast is empty; expected a header such as interval_start,retail,business and "
                    "one row per interval");
  CHECK_THROWS_WITH(parse(edited("interval_start,retail,business", "interval_start;retail;business")),
                    "f.csv:1: the header 'interval_start;retail;business' has no call type columns; expected "
                    "interval_start and one column per call type, separated by commas, e.g. "
                    "interval_start,retail,business");
  CHECK_THROWS_WITH(parse(edited("interval_start,", "time,")),
                    "f.csv:1: the first column is 'time', expected 'interval_start'; the header is interval_start "
                    "and one column per call type, e.g. interval_start,retail,business");
  CHECK_THROWS_WITH(parse(edited("retail,business", "retail,,business")),
                    "f.csv:1: column 3 of the header has no name; name every column after interval_start by its "
                    "call type");
  CHECK_THROWS_WITH(parse(edited("retail,business", "retail,business,retail")),
                    "f.csv:1: column 'retail' appears twice (columns 2 and 4); name each column once");
}

TEST_CASE("a forecast has at least two rows of the header's width", "[scenario][forecast][errors]") {
  CHECK_THROWS_WITH(parse("interval_start,retail\n"),
                    "f.csv:1: the forecast has a header but no rows; give one row per interval, e.g. 08:00,120");
  CHECK_THROWS_WITH(parse("interval_start,retail\n08:00,5\n"),
                    "f.csv:2: the forecast has a single row; give at least two, so that the interval length is known");
  CHECK_THROWS_WITH(parse(edited("08:30,140,40", "08:30,140")),
                    "f.csv:3: the row has 2 values, the header 3 columns; give interval_start and one volume per call "
                    "type column");
  CHECK_THROWS_WITH(parse(edited("08:30,140,40", "08:30,140,40,")),
                    "f.csv:3: the row has 4 values, the header 3 columns; give interval_start and one volume per call "
                    "type column");
}

TEST_CASE("interval starts are clock times", "[scenario][forecast][errors]") {
  CHECK_THROWS_WITH(parse(edited("08:30,", "8h30,")),
                    "f.csv:3: interval_start '8h30' is not a time; expected HH:MM (e.g. 08:30), or D HH:MM for day D "
                    "= 1..7 of a week (e.g. 2 08:30)");
  CHECK_THROWS_WITH(parse(edited("09:00,", "24:00,")),
                    "f.csv:4: interval_start '24:00' is not a time; expected HH:MM (e.g. 08:30), or D HH:MM for day "
                    "D = 1..7 of a week (e.g. 2 08:30)");
  CHECK_THROWS_WITH(parse(edited("08:00,", "8 08:00,")),
                    "f.csv:2: interval_start '8 08:00' is not a time; expected HH:MM (e.g. 08:30), or D HH:MM for "
                    "day D = 1..7 of a week (e.g. 2 08:30)");
  CHECK_THROWS_WITH(parse(edited("08:00,", ",")),
                    "f.csv:2: interval_start '' is not a time; expected HH:MM (e.g. 08:30), or D HH:MM for day D = "
                    "1..7 of a week (e.g. 2 08:30)");
  CHECK_THROWS_WITH(parse(edited("08:30,", "1 08:30,")),
                    "f.csv:3: interval_start '1 08:30' has a day, unlike '08:00' (line 2); write every "
                    "interval_start as HH:MM, or every one as D HH:MM");
  CHECK_THROWS_WITH(parse("interval_start,x\n1 08:00,1\n08:30,1\n"),
                    "f.csv:3: interval_start '08:30' has no day, unlike '1 08:00' (line 2); write every "
                    "interval_start as HH:MM, or every one as D HH:MM");
}

TEST_CASE("rows are in increasing time order with uniform intervals", "[scenario][forecast][errors]") {
  CHECK_THROWS_WITH(parse(edited("09:00,", "08:15,")),
                    "f.csv:4: interval_start '08:15' does not come after '08:30' (line 3); give the rows in "
                    "increasing time order, one per interval");
  CHECK_THROWS_WITH(parse(edited("08:30,", "08:00,")),
                    "f.csv:3: interval_start '08:00' does not come after '08:00' (line 2); give the rows in "
                    "increasing time order, one per interval");
  CHECK_THROWS_WITH(parse(edited("09:00,", "09:30,")),
                    "f.csv:4: interval_start '09:30' is 60 min after '08:30' (line 3), but the first interval is 30 "
                    "min long; every interval must have the same length (give a missing interval a row with volume "
                    "0)");
  CHECK_THROWS_WITH(parse("interval_start,x\n1 23:00,1\n2 00:00,1\n\n2 02:00,1\n"),
                    "f.csv:5: interval_start '2 02:00' is 120 min after '2 00:00' (line 3), but the first interval is "
                    "60 min long; every interval must have the same length (give a missing interval a row with "
                    "volume 0)");
}

TEST_CASE("volumes are plain non-negative numbers", "[scenario][forecast][errors]") {
  CHECK_THROWS_WITH(parse(kDay).volumes("sales"), "f.csv:1: no column 'sales'; columns are: retail, business");
  CHECK_THROWS_WITH(parse(kDay).volumes("retial"),
                    "f.csv:1: no column 'retial' (did you mean 'retail'?); columns are: retail, business");
  CHECK_THROWS_WITH(parse(edited("140,40", "140,forty")).volumes("business"),
                    "f.csv:3: volume 'forty' of 'business' is not a number; expected the expected number of calls in "
                    "the interval, e.g. 120 or 37.5");
  CHECK_THROWS_WITH(parse(edited("140,40", "140,40 calls")).volumes("business"),
                    "f.csv:3: volume '40 calls' of 'business' is not a number; expected the expected number of calls "
                    "in the interval, e.g. 120 or 37.5");
  CHECK_THROWS_WITH(parse(edited("140,40", "140,inf")).volumes("business"),
                    "f.csv:3: volume 'inf' of 'business' is not a number; expected the expected number of calls in "
                    "the interval, e.g. 120 or 37.5");
  CHECK_THROWS_WITH(parse(edited("140,40", "-3,40")).volumes("retail"),
                    "f.csv:3: volume of 'retail' must not be negative, got -3");
  CHECK_THROWS_WITH(parse(edited("140,40", ",40")).volumes("retail"),
                    "f.csv:3: the volume of 'retail' is empty; give the expected number of calls in the interval, "
                    "e.g. 120 (0 for none)");
}

TEST_CASE("an unreadable forecast names the file and where it was given", "[scenario][forecast][errors]") {
  CHECK_THROWS_AS(ForecastTable::read("/nonexistent/x.csv", "s.yaml:12"), ScenarioError);
  CHECK_THROWS_WITH(ForecastTable::read("/nonexistent/x.csv", "s.yaml:12"),
                    "cannot read forecast '/nonexistent/x.csv' (given in s.yaml:12): No such file or directory");
  CHECK_THROWS_WITH(ForecastTable::read(CALLSIM_SOURCE_DIR "/tests/data", "s.yaml:3"),
                    "cannot read forecast '" CALLSIM_SOURCE_DIR "/tests/data' (given in s.yaml:3): '" CALLSIM_SOURCE_DIR
                    "/tests/data' is not a regular file (it is a directory)");
  const ForecastTable fixture =
      ForecastTable::read(CALLSIM_SOURCE_DIR "/tests/data/two-types-forecast.csv", "two-types.yaml:10");
  CHECK(fixture.columns() == std::vector<std::string>{"retail", "business", "support"});
  CHECK(fixture.intervals() == 10);
}

TEST_CASE("the fitted bank-weekday forecast is in this format", "[scenario][forecast]") {
  const ForecastTable table =
      ForecastTable::read(CALLSIM_SOURCE_DIR "/scenarios/library/bank-weekday/forecast.csv", "test");
  // callsim fit writes "D HH:MM" times: its closing row is at 00:00 of day 2.
  CHECK(table.weekly());
  CHECK(table.start() == 7 * 3600);
  CHECK(table.interval() == 1800);
  CHECK(table.intervals() == 35);
  REQUIRE_FALSE(table.columns().empty());
  for (const auto& column : table.columns()) CHECK(table.volumes(column).size() == table.intervals());
}

TEST_CASE("a loaded scenario lists every file it read, with its bytes", "[scenario][forecast]") {
  const std::string dir = CALLSIM_SOURCE_DIR "/scenarios/library/";
  const auto loaded = callsim::scenarios::load_scenario(dir + "multiskill-small.yaml");
  REQUIRE(loaded.inputs.size() == 2);
  CHECK(loaded.inputs[0].role == "scenario");
  CHECK(loaded.inputs[0].path == dir + "multiskill-small.yaml");
  CHECK(loaded.inputs[0].bytes == loaded.text);
  CHECK(loaded.inputs[1].role == "forecast");
  CHECK(std::filesystem::equivalent(loaded.inputs[1].path, dir + "multiskill-small-forecast.csv"));
  std::ifstream csv(dir + "multiskill-small-forecast.csv", std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(csv)), std::istreambuf_iterator<char>());
  CHECK(loaded.inputs[1].bytes == bytes);
  // Read once even when several call types name it.
  const auto text_only = callsim::scenarios::load_scenario_text(loaded.text, dir + "multiskill-small.yaml");
  CHECK(text_only.inputs.size() == 1);
}
