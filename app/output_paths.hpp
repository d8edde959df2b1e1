#pragma once
/// \file
/// The files a command writes, checked against the files it reads before anything is
/// simulated or written: an output may not be an input (the same file after symlinks and
/// "..", or the same device and inode), nor another output of the same command; it must be
/// a regular file (or not exist) in a directory that accepts new files; and an existing
/// file that callsim did not write (not a results file, report or CSV report of callsim)
/// is replaced only with --force. Used by run, compare and report alike, with the default
/// file names they choose.

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace callsim::app {

/// A file the command reads, named in messages by its role.
struct InputPath {
  std::string role;  ///< "scenario", "forecast", "results file", ...
  std::string path;
};

/// What a command writes at an output path; decides how an existing file there is
/// recognised as callsim's own.
enum class OutputKind {
  RESULTS,        ///< an HDF5 results file (store::is_results_file)
  HTML_REPORT,    ///< a dashboard: its generator marker (or, older reports, its footer)
  CSV_DIR,        ///< `report --csv DIR`: the directory and the CSV reports in it (csv_report_files)
  CSV_FILE,       ///< one CSV file (`staff --out`): callsim's when its first line is OutputPath::header
  SCENARIO_FILE,  ///< a scenario callsim writes (`roster --out`): callsim's when its first line is OutputPath::header
};

/// One output; `label` names it in messages ("--out 'x.h5'", "the default output 'a.h5'").
struct OutputPath {
  std::string label;
  std::string path;
  OutputKind kind = OutputKind::RESULTS;
  std::string header;  ///< CSV_FILE, SCENARIO_FILE: the first line (without newline) callsim writes there

  /// An output given by an option: labelled "OPTION 'PATH'".
  static OutputPath typed(std::string_view option, const std::string& path, OutputKind kind);
  /// A default name the command chose: labelled "the default output 'PATH'".
  static OutputPath defaulted(const std::string& path, OutputKind kind);
};

/// A bad output path; what() is one sentence naming the option (or default) and the path.
/// Commands print it after "callsim COMMAND: " and exit 2.
class OutputPathError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Throws OutputPathError for the first output (in the order given) that is empty, names a
/// directory, is or would overwrite an input, is the same file as an earlier output, is an
/// existing non-regular file (a device, FIFO, socket), lies in a directory that does not
/// exist or accepts no new file, or, unless `force`, exists and was not written by callsim.
/// Touches nothing (it creates and removes one probe file per directory).
void check_outputs(const std::vector<InputPath>& inputs, const std::vector<OutputPath>& outputs, bool force);

/// A CSV report `report --csv DIR` writes: its file name in DIR and its exact header line
/// (without the newline), by which an existing file is recognised as callsim's.
struct CsvReportFile {
  std::string name;
  std::string header;
};
/// intervals.csv, daily.csv, agent_groups.csv and interval_groups.csv (report/csv_export.hpp), headers as written.
std::vector<CsvReportFile> csv_report_files();

/// `name` made safe as a file name: bytes other than ASCII letters, digits, '.', '_', '+',
/// '-' and UTF-8 (bytes >= 0x80) become '_' (runs of them one '_'), a leading '.' or '-'
/// becomes '_', "" becomes "_"; longer than `max_bytes` (>= 16), it is cut (never inside a
/// UTF-8 character) and ends in '-' and 8 hex digits of a hash of the whole name, so two
/// long names stay apart.
std::string file_stem(std::string_view name, std::size_t max_bytes = 100);

/// The default results file of `callsim run`: "<file_stem(scenario name)>.h5".
std::string run_default_path(std::string_view scenario_name);

/// The default results file of `callsim compare`: "<scenario>-compare-<v1>-<v2>....h5",
/// made by file_stem from the (first) scenario's name and the variants' run names, the
/// baseline left out when it is the scenario's own name (--what-if, scenario files), e.g.
/// "multiskill-small-compare-longest_idle_agent-reserve_reserved_2.h5". At most 120 bytes.
std::string compare_default_path(std::string_view scenario_name, const std::vector<std::string>& variant_names);

}  // namespace callsim::app
