// The output path rules shared by run, compare and report (app/output_paths.hpp): outputs
// that are inputs or each other (after symlinks, "..", hard links), files callsim did not
// write, unusable directories, and the default file names.

#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "app/output_paths.hpp"
#include "cli_shell.hpp"
#include "report/csv_export.hpp"
#include "report/html_page.hpp"
#include "store/results_probe.hpp"
#include "store/results_store.hpp"

namespace fs = std::filesystem;
using callsim::app::check_outputs;
using callsim::app::InputPath;
using callsim::app::OutputKind;
using callsim::app::OutputPath;
using callsim::app::OutputPathError;

namespace {

/// The message check_outputs throws, or "" when it accepts.
std::string refusal(const std::vector<InputPath>& inputs, const std::vector<OutputPath>& outputs, bool force = false) {
  try {
    check_outputs(inputs, outputs, force);
  } catch (const OutputPathError& e) {
    return e.what();
  }
  return "";
}

OutputPath out(const std::string& path) { return OutputPath::typed("--out", path, OutputKind::RESULTS); }
OutputPath html(const std::string& path) { return OutputPath::typed("--report", path, OutputKind::HTML_REPORT); }

void write(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }

/// Runs the checks with `dir` as the working directory (relative paths are resolved there).
struct InDirectory {
  explicit InDirectory(const fs::path& dir) : old(fs::current_path()) { fs::current_path(dir); }
  ~InDirectory() { fs::current_path(old); }
  fs::path old;
};

}  // namespace

TEST_CASE("output paths: an output that is an input is refused, however it is spelled", "[cli][output_paths]") {
  const auto dir = callsim::testing::temp_dir("paths", "inputs");
  const InDirectory here(dir);
  fs::create_directories("sub/deeper");
  write("s.yaml", "name: x\n");
  write("sub/f.csv", "a\n");
  fs::create_symlink("s.yaml", "link.yaml");
  fs::create_directory_symlink("sub/deeper", "jump");
  fs::create_hard_link("s.yaml", "hard.yaml");
  const std::vector<InputPath> inputs{{"scenario", "s.yaml"}, {"forecast", "sub/f.csv"}};
  const std::string tail = " that this command reads; choose another file";

  CHECK(refusal(inputs, {out("s.yaml")}) == "--out 's.yaml' would overwrite the scenario 's.yaml'" + tail);
  CHECK(refusal(inputs, {out("./s.yaml")}) == "--out './s.yaml' would overwrite the scenario 's.yaml'" + tail);
  CHECK(refusal(inputs, {out("sub/../s.yaml")}) ==
        "--out 'sub/../s.yaml' would overwrite the scenario 's.yaml'" + tail);
  CHECK(refusal(inputs, {out((dir / "s.yaml").string())}).find("would overwrite the scenario 's.yaml'") !=
        std::string::npos);
  CHECK(refusal(inputs, {out("link.yaml")}) == "--out 'link.yaml' would overwrite the scenario 's.yaml'" + tail);
  CHECK(refusal(inputs, {out("hard.yaml")}) == "--out 'hard.yaml' would overwrite the scenario 's.yaml'" + tail);
  // "jump/.." is sub (the kernel follows the link first), so jump/../f.csv is the forecast.
  CHECK(refusal(inputs, {out("jump/../f.csv")}) ==
        "--out 'jump/../f.csv' would overwrite the forecast 'sub/f.csv'" + tail);
  CHECK(refusal(inputs, {html("sub/f.csv")}) == "--report 'sub/f.csv' would overwrite the forecast 'sub/f.csv'" + tail);
  // --force never lets an input be overwritten.
  CHECK_FALSE(refusal(inputs, {out("s.yaml")}, true).empty());
  // An input given through a symlink is protected under its real name too.
  CHECK(refusal({{"scenario", "link.yaml"}}, {out("s.yaml")}) ==
        "--out 's.yaml' would overwrite the scenario 'link.yaml'" + tail);
  CHECK(refusal(inputs, {out("new.h5")}).empty());
}

TEST_CASE("output paths: two outputs of one command may not be the same file", "[cli][output_paths]") {
  const auto dir = callsim::testing::temp_dir("paths", "outputs");
  const InDirectory here(dir);
  fs::create_directory("csv");
  CHECK(refusal({}, {out("a.h5"), html("a.h5")}) ==
        "--out 'a.h5' and --report 'a.h5' are the same file; give each output its own");
  CHECK(refusal({}, {out("a.h5"), html("./csv/../a.h5")}) ==
        "--out 'a.h5' and --report './csv/../a.h5' are the same file; give each output its own");
  CHECK(refusal({}, {html("csv/daily.csv"), OutputPath::typed("--csv", "csv", OutputKind::CSV_DIR)}) ==
        "--report 'csv/daily.csv' and 'csv/daily.csv' of --csv 'csv' are the same file; give each output its own");
  CHECK(refusal({}, {OutputPath::defaulted("a.h5", OutputKind::RESULTS), html("a.h5")}) ==
        "the default output 'a.h5' and --report 'a.h5' are the same file; give each output its own");
  CHECK(refusal({}, {out("a.h5"), html("a.html")}).empty());
}

TEST_CASE("output paths: a file callsim did not write is replaced only with --force", "[cli][output_paths]") {
  const auto dir = callsim::testing::temp_dir("paths", "foreign");
  const InDirectory here(dir);
  write("data.h5", "not HDF5");
  write("page.html", "<html>mine</html>");
  write("ours.html", callsim::report::html_page("t", "<p>x</p>"));
  write("old.html", "<html>...<footer>Made by callsim 0.9 from a results file; ...</footer></html>");
  callsim::store::ResultsFile results;
  results.callsim_version = "test";
  callsim::store::write_results_file("ours.h5", results);
  REQUIRE(callsim::store::is_results_file("ours.h5"));
  CHECK_FALSE(callsim::store::is_results_file("data.h5"));
  CHECK_FALSE(callsim::store::is_results_file("missing.h5"));
  CHECK_FALSE(callsim::store::is_results_file("/dev/zero"));

  CHECK(refusal({}, {out("data.h5")}) ==
        "--out 'data.h5' exists and is not a callsim results file; give --force to "
        "replace it");
  CHECK(refusal({}, {out("data.h5")}, true).empty());
  CHECK(refusal({}, {out("ours.h5")}).empty());
  CHECK(refusal({}, {out("ours.html")}) ==
        "--out 'ours.html' exists and is not a callsim results file; give --force to replace it");
  CHECK(refusal({}, {html("page.html")}) ==
        "--report 'page.html' exists and is not a report written by callsim; give --force to replace it");
  CHECK(refusal({}, {html("ours.html")}).empty());
  CHECK(refusal({}, {html("old.html")}).empty());  // a report from before the generator marker
  CHECK(refusal({}, {html("ours.h5")}) ==
        "--report 'ours.h5' exists and is not a report written by callsim; give --force to replace it");

  // CSV reports are recognised by their exact header line.
  fs::create_directory("csv");
  const auto csv = OutputPath::typed("--csv", "csv", OutputKind::CSV_DIR);
  CHECK(refusal({}, {csv}).empty());
  const auto files = callsim::app::csv_report_files();
  REQUIRE(files.size() == 4);
  write("csv/daily.csv", files[1].header + "\nx\n");
  CHECK(refusal({}, {csv}).empty());
  write("csv/daily.csv", files[1].header + ",extra\n");
  CHECK(refusal({}, {csv}) ==
        "'csv/daily.csv' of --csv 'csv' exists and is not a CSV report written by callsim; give --force to replace "
        "it");
  CHECK(refusal({}, {csv}, true).empty());
}

TEST_CASE("output paths: the CSV file names and headers are those report --csv writes", "[cli][output_paths]") {
  const auto dir = callsim::testing::temp_dir("paths", "csvnames");
  callsim::report::write_csv_reports(dir.string(), callsim::store::ResultsFile{}, {});
  std::vector<std::string> written;
  for (const auto& entry : fs::directory_iterator(dir)) written.push_back(entry.path().filename().string());
  std::sort(written.begin(), written.end());
  std::vector<std::string> named;
  for (const auto& f : callsim::app::csv_report_files()) {
    named.push_back(f.name);
    CHECK(callsim::testing::slurp(dir / f.name) == f.header + "\n");
  }
  std::sort(named.begin(), named.end());
  CHECK(written == named);
}

TEST_CASE("output paths: directories, devices and empty paths", "[cli][output_paths]") {
  const auto dir = callsim::testing::temp_dir("paths", "dirs");
  const InDirectory here(dir);
  fs::create_directory("d");
  write("f", "x");
  CHECK(refusal({}, {out("")}) == "--out '': the path is empty; give a file name");
  CHECK(refusal({}, {out("d")}) == "--out 'd' is a directory; give a file name");
  CHECK(refusal({}, {out("d/")}) == "--out 'd/' names a directory; give a file name");
  CHECK(refusal({}, {out(".")}) == "--out '.' names a directory; give a file name");
  CHECK(refusal({}, {out("no/x.h5")}) == "--out 'no/x.h5': directory 'no' does not exist");
  // Control characters in a path cannot break the message into lines.
  CHECK(refusal({}, {out("no\nline/x.h5")}) == "--out 'no\\x0aline/x.h5': directory 'no\\x0aline' does not exist");
  CHECK(refusal({}, {out("f/x.h5")}) == "--out 'f/x.h5': 'f' is not a directory");
  CHECK(refusal({}, {out("/dev/null")}) ==
        "--out '/dev/null' exists and is not a regular file (a device, FIFO or socket), which callsim would replace "
        "with its own file; choose another path");
  CHECK_FALSE(refusal({}, {out("/dev/null")}, true).empty());  // not even with --force
  CHECK(refusal({}, {OutputPath::typed("--csv", "f", OutputKind::CSV_DIR)}) ==
        "--csv 'f' exists and is not a directory");
  CHECK(refusal({}, {OutputPath::typed("--csv", "f/sub", OutputKind::CSV_DIR)}) ==
        "--csv 'f/sub': 'f' is not a directory");
  CHECK(refusal({}, {OutputPath::typed("--csv", "new/sub", OutputKind::CSV_DIR)}).empty());  // created when written
  CHECK_FALSE(fs::exists("new"));  // the check creates nothing
  if (::geteuid() != 0) {          // root may write anywhere
    fs::create_directory("ro");
    fs::permissions("ro", fs::perms::owner_read | fs::perms::owner_exec);
    CHECK(refusal({}, {out("ro/x.h5")}) ==
          "--out 'ro/x.h5': cannot create a file in directory 'ro' (Permission denied)");
    fs::permissions("ro", fs::perms::owner_all);
  }
  // The probe file is gone again.
  for (const auto& entry : fs::directory_iterator("."))
    CHECK(entry.path().filename().string().find("probe") == std::string::npos);
}

TEST_CASE("output paths: default names are safe file names, bounded, and tell variants apart", "[cli][output_paths]") {
  using callsim::app::compare_default_path;
  using callsim::app::file_stem;
  CHECK(file_stem("bank-weekday") == "bank-weekday");
  CHECK(file_stem("a/b") == "a_b");
  CHECK(file_stem("../x") == "_._x");
  CHECK(file_stem(".hidden") == "_hidden");
  CHECK(file_stem("-rf") == "_rf");
  CHECK(file_stem("") == "_");
  CHECK(file_stem("overflow_delay:delay=30s") == "overflow_delay_delay_30s");
  CHECK(file_stem("a  b;;c") == "a_b_c");
  CHECK(file_stem("Zürich") == "Zürich");
  CHECK(callsim::app::run_default_path("erlang-a") == "erlang-a.h5");

  const std::string long_name(300, 'x');
  const std::string stem = file_stem(long_name);
  CHECK(stem.size() == 100);
  CHECK(stem.substr(0, 91) == std::string(91, 'x'));
  CHECK(stem[91] == '-');
  CHECK(file_stem(long_name + "y") != stem);  // the hash of the whole name
  // Never cut inside a UTF-8 character.
  const std::string accents = [] {
    std::string s;
    for (int i = 0; i < 100; ++i) s += "é";
    return s;
  }();
  const std::string cut = file_stem(accents);
  CHECK(cut.size() <= 100);
  CHECK(cut.substr(0, cut.size() - 9).size() % 2 == 0);

  CHECK(compare_default_path("multiskill-small", {"longest_idle_agent", "reserve:reserved=2"}) ==
        "multiskill-small-compare-longest_idle_agent-reserve_reserved_2.h5");
  CHECK(compare_default_path("erlang-a", {"erlang-a", "erlang-c"}) == "erlang-a-compare-erlang-c.h5");
  CHECK(compare_default_path("bank", {"bank", "agent_groups.agents.count=60"}) ==
        "bank-compare-agent_groups.agents.count_60.h5");
  const std::string many = compare_default_path("s", std::vector<std::string>(40, "weighted_wait:weight=2"));
  CHECK(many.size() <= 120);
  CHECK(many.substr(many.size() - 3) == ".h5");
  CHECK(many != compare_default_path("s", std::vector<std::string>(41, "weighted_wait:weight=2")));
}
