// The progress line's text (app/progress.hpp): what a planner sees while a long run goes.

#include "app/progress.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <string>

using callsim::app::format_duration;
using callsim::app::format_progress;
using callsim::app::ProgressFigures;
using callsim::app::ProgressLine;

TEST_CASE("progress: durations read as seconds minutes and hours", "[progress]") {
  CHECK(format_duration(0) == "0 s");
  CHECK(format_duration(41.6) == "42 s");
  CHECK(format_duration(59.4) == "59 s");
  CHECK(format_duration(60) == "1 min 00 s");
  CHECK(format_duration(185) == "3 min 05 s");
  CHECK(format_duration(3600) == "1 h 00 min");
  CHECK(format_duration(7625) == "2 h 07 min");
  CHECK(format_duration(-1) == "--");
}

TEST_CASE("progress: done of total with calls per second and ETA", "[progress]") {
  // 12 of 100 in 6 s: 0.5 s each, 88 left -> 44 s; 3,000,000 calls in 6 s.
  CHECK(format_progress(ProgressFigures{12, 100, 3'000'000, 6.0}) ==
        "replications 12/100 (12%), 500.0 k calls/s, ETA 44 s");
  CHECK(format_progress(ProgressFigures{1, 3, 12'345, 2.0}) == "replications 1/3 (33%), 6.2 k calls/s, ETA 4 s");
  CHECK(format_progress(ProgressFigures{2, 1000, 900, 3.0}) ==
        "replications 2/1000 (0%), 300 calls/s, ETA 24 min 57 s");
  CHECK(format_progress(ProgressFigures{400, 400, 600'000, 0.25}) ==
        "replications 400/400 (100%), 2.40 M calls/s, done");
}

TEST_CASE("progress: nothing finished yet gives no rate and no ETA", "[progress]") {
  CHECK(format_progress(ProgressFigures{0, 50, 0, 1.5}) == "replications 0/50 (0%), ETA --");
  CHECK(format_progress(ProgressFigures{0, 50, 0, 0}) == "replications 0/50 (0%), ETA --");
}

namespace {
std::string written(std::FILE* f) {
  std::fflush(f);
  std::rewind(f);
  std::string text;
  for (int c; (c = std::fgetc(f)) != EOF;) text += static_cast<char>(c);
  return text;
}
}  // namespace

TEST_CASE("progress: in place on a terminal the line is rewritten and cleared", "[progress]") {
  std::FILE* f = std::tmpfile();
  REQUIRE(f);
  ProgressLine line(f, true, true, 2, "rank 0 of 2: ");
  line.update(1, 0);
  line.update(2, 0);
  line.clear();
  const std::string text = written(f);
  std::fclose(f);
  CHECK(text.rfind("\rrank 0 of 2: replications 1/2 (50%), ETA ", 0) == 0);
  CHECK(text.find("\rrank 0 of 2: replications 2/2 (100%), done") != std::string::npos);
  CHECK(text.find('\n') == std::string::npos);
  CHECK(text.back() == '\r');  // cleared: the cursor is back at the start of an empty line
}

TEST_CASE("progress: into a log each update is a line and a disabled line prints nothing", "[progress]") {
  std::FILE* f = std::tmpfile();
  REQUIRE(f);
  ProgressLine line(f, true, false, 3);
  line.update(1, 100);
  line.update(2, 200);  // within a second of the first: skipped
  line.update(3, 300);  // the last is always shown
  line.clear();
  const std::string text = written(f);
  std::fclose(f);
  CHECK(text.find("replications 1/3 (33%)") == 0);
  CHECK(text.find("replications 2/3") == std::string::npos);
  CHECK(text.find("replications 3/3 (100%)") != std::string::npos);
  CHECK(text.find('\r') == std::string::npos);

  std::FILE* g = std::tmpfile();
  ProgressLine off(g, false, true, 3);
  off.update(1, 1);
  off.clear();
  CHECK(written(g).empty());
  std::fclose(g);
}
