#include "app/output_paths.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <system_error>
#include <utility>

#include "analysis/run_result.hpp"
#include "report/csv_export.hpp"
#include "store/results_file.hpp"
#include "store/results_probe.hpp"

namespace callsim::app {

namespace {

namespace fs = std::filesystem;

/// `s` between single quotes, control characters as \xNN: a message stays one line
/// whatever the path holds.
std::string quoted(const std::string& s) {
  std::string out = "'";
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02x", u);
      out += hex;
    } else {
      out += c;
    }
  }
  return out + "'";
}

std::string errno_text(int err) { return std::error_code(err, std::generic_category()).message(); }

/// Where a path leads, in every sense a write to it could reach another file: through
/// symlinks and ".." (followed), as the directory entry itself (a rename replaces a symlink,
/// not its target), and as an inode (hard links, bind mounts).
struct Identity {
  fs::path followed;
  fs::path entry;
  fs::path link_end;  ///< for a symlink whose target does not exist yet: the file a write through it creates
  std::vector<std::pair<dev_t, ino_t>> inodes;
};

fs::path resolved(const fs::path& p) {
  std::error_code ec;
  fs::path absolute = fs::absolute(p, ec);
  if (ec) return p.lexically_normal();
  fs::path canonical = fs::weakly_canonical(absolute, ec);
  return ec ? absolute.lexically_normal() : canonical;
}

/// The end of the symlink chain at `p`, followed link by link: weakly_canonical stops at a
/// link whose target does not exist yet, so `-o out.h5 --report link` with link -> out.h5
/// would otherwise look like two files. Empty when `p` is not a symlink.
fs::path link_end(const fs::path& p) {
  std::error_code ec;
  fs::path at = p;
  bool link = false;
  for (int hops = 0; hops < 40 && fs::is_symlink(fs::symlink_status(at, ec)); ++hops) {
    const fs::path target = fs::read_symlink(at, ec);
    if (ec) break;
    at = target.is_absolute() ? target : (at.has_parent_path() ? at.parent_path() : fs::path(".")) / target;
    link = true;
  }
  return link ? resolved(at) : fs::path();
}

Identity identity_of(const std::string& path) {
  Identity id;
  const fs::path p(path);
  id.followed = resolved(p);
  id.link_end = link_end(p);
  id.entry = resolved(p.has_parent_path() ? p.parent_path() : fs::path(".")) / p.filename();
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) id.inodes.emplace_back(st.st_dev, st.st_ino);
  if (::lstat(path.c_str(), &st) == 0) id.inodes.emplace_back(st.st_dev, st.st_ino);
  return id;
}

bool same_file(const Identity& a, const Identity& b) {
  for (const fs::path* x : {&a.followed, &a.entry, &a.link_end})
    for (const fs::path* y : {&b.followed, &b.entry, &b.link_end})
      if (!x->empty() && *x == *y) return true;
  for (const auto& x : a.inodes)
    for (const auto& y : b.inodes)
      if (x == y) return true;
  return false;
}

/// One file an output writes, with how to recognise it as callsim's.
struct Target {
  std::string label;
  std::string path;
  OutputKind kind;              ///< RESULTS or HTML_REPORT; CSV_DIR for a CSV report file in the directory
  std::string header;           ///< a CSV report's header line
  bool directory_made = false;  ///< its directory does not exist yet: the command creates it
  Identity id;
};

/// Up to `bytes` bytes of a regular file from `offset` (from the end when `from_end`).
std::string read_some(const std::string& path, std::size_t bytes, bool from_end) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "";
  if (from_end) {
    in.seekg(0, std::ios::end);
    const std::streamoff size = in.tellg();
    in.seekg(size > static_cast<std::streamoff>(bytes) ? size - static_cast<std::streamoff>(bytes) : 0);
  }
  std::string text(bytes, '\0');
  in.read(text.data(), static_cast<std::streamsize>(bytes));
  text.resize(static_cast<std::size_t>(in.gcount()));
  return text;
}

/// Whether the regular file at `path` is one callsim wrote as a `kind` output.
bool written_by_callsim(const Target& t) {
  switch (t.kind) {
    case OutputKind::RESULTS: return store::is_results_file(t.path);
    case OutputKind::HTML_REPORT:
      // The marker is in the <head>; reports from before it carry the footer line.
      return read_some(t.path, 4096, false).find("<meta name=\"generator\" content=\"callsim") != std::string::npos ||
             read_some(t.path, 65536, true).find("<footer>Made by callsim ") != std::string::npos;
    case OutputKind::CSV_DIR:
    case OutputKind::CSV_FILE:
    case OutputKind::SCENARIO_FILE: {
      const std::string head = read_some(t.path, t.header.size() + 1, false);
      return head == t.header + "\n";
    }
  }
  return false;
}

std::string foreign_description(OutputKind kind) {
  switch (kind) {
    case OutputKind::RESULTS: return "a callsim results file";
    case OutputKind::HTML_REPORT: return "a report written by callsim";
    case OutputKind::CSV_DIR: return "a CSV report written by callsim";
    case OutputKind::CSV_FILE: return "a CSV file written by callsim";
    case OutputKind::SCENARIO_FILE: return "a scenario written by callsim";
  }
  return "";
}

/// Throws unless a new file can be created in `dir` (tried: access() says yes to root on a
/// read-only mount).
void check_directory(const std::string& label, const fs::path& dir) {
  const std::string shown = quoted(dir.string());
  std::error_code ec;
  const fs::file_status status = fs::status(dir, ec);
  if (!fs::exists(status)) throw OutputPathError(label + ": directory " + shown + " does not exist");
  if (!fs::is_directory(status)) throw OutputPathError(label + ": " + shown + " is not a directory");
  std::string probe = (dir / ".callsim-probe-XXXXXX").string();
  const int fd = ::mkstemp(probe.data());
  if (fd < 0) {
    throw OutputPathError(label + ": cannot create a file in directory " + shown + " (" + errno_text(errno) + ")");
  }
  ::close(fd);
  ::unlink(probe.c_str());
}

fs::path directory_of(const std::string& path) {
  const fs::path p(path);
  return p.has_parent_path() ? p.parent_path() : fs::path(".");
}

/// The nearest existing ancestor of `dir` (which the command will create).
fs::path existing_ancestor(fs::path dir) {
  std::error_code ec;
  while (!dir.empty() && !fs::exists(fs::symlink_status(dir, ec))) {
    if (!dir.has_parent_path() || dir.parent_path() == dir) return fs::path(".");
    dir = dir.parent_path();
  }
  return dir.empty() ? fs::path(".") : dir;
}

void expand(const OutputPath& output, std::vector<Target>& targets) {
  if (output.path.empty()) throw OutputPathError(output.label + ": the path is empty; give a file name");
  if (output.kind != OutputKind::CSV_DIR) {
    targets.push_back({output.label, output.path, output.kind, output.header, false, {}});
    return;
  }
  std::error_code ec;
  const fs::file_status status = fs::status(output.path, ec);
  const bool exists = fs::exists(status);
  if (exists && !fs::is_directory(status)) throw OutputPathError(output.label + " exists and is not a directory");
  if (!exists) {
    const fs::path ancestor = existing_ancestor(fs::path(output.path));
    if (!fs::is_directory(fs::status(ancestor, ec)))
      throw OutputPathError(output.label + ": " + quoted(ancestor.string()) + " is not a directory");
    check_directory(output.label, ancestor);
  }
  for (const CsvReportFile& file : csv_report_files()) {
    const std::string path = (fs::path(output.path) / file.name).string();
    targets.push_back({quoted(path) + " of " + output.label, path, OutputKind::CSV_DIR, file.header, !exists, {}});
  }
}

void check_target(const Target& t, bool force) {
  const fs::path p(t.path);
  const std::string name = p.filename().string();
  if (name.empty() || name == "." || name == "..")
    throw OutputPathError(t.label + " names a directory; give a file name");
  struct stat st {};
  const bool exists = ::stat(t.path.c_str(), &st) == 0;
  if (exists && S_ISDIR(st.st_mode)) throw OutputPathError(t.label + " is a directory; give a file name");
  // callsim writes a new file and renames it over the old one: a device or FIFO there
  // would be replaced (as root, /dev/null itself).
  if (exists && !S_ISREG(st.st_mode))
    throw OutputPathError(t.label +
                          " exists and is not a regular file (a device, FIFO or socket), which callsim "
                          "would replace with its own file; choose another path");
  if (!t.directory_made) check_directory(t.label, directory_of(t.path));
  if (exists && !force && !written_by_callsim(t))
    throw OutputPathError(t.label + " exists and is not " + foreign_description(t.kind) +
                          "; give --force to replace it");
}

}  // namespace

OutputPath OutputPath::typed(std::string_view option, const std::string& path, OutputKind kind) {
  return {std::string(option) + " " + quoted(path), path, kind, ""};
}

OutputPath OutputPath::defaulted(const std::string& path, OutputKind kind) {
  return {"the default output " + quoted(path), path, kind, ""};
}

std::vector<CsvReportFile> csv_report_files() {
  // The header is the first line of what the report functions write for a file with no
  // runs: the same code writes both, so they cannot drift apart.
  const store::ResultsFile none;
  const auto first_line = [](const std::string& text) { return text.substr(0, text.find('\n')); };
  return {{"intervals.csv", first_line(report::intervals_csv(none, {}))},
          {"daily.csv", first_line(report::daily_csv(none, {}))},
          {"agent_groups.csv", first_line(report::agent_groups_csv(none))},
          {"interval_groups.csv", first_line(report::interval_groups_csv(none, {}))}};
}

void check_outputs(const std::vector<InputPath>& inputs, const std::vector<OutputPath>& outputs, bool force) {
  std::vector<Target> targets;
  for (const OutputPath& output : outputs) expand(output, targets);
  std::vector<Identity> input_ids;
  for (const InputPath& input : inputs) input_ids.push_back(identity_of(input.path));
  for (Target& t : targets) t.id = identity_of(t.path);
  for (std::size_t i = 0; i < targets.size(); ++i) {
    const Target& t = targets[i];
    for (std::size_t k = 0; k < inputs.size(); ++k) {
      if (same_file(t.id, input_ids[k]))
        throw OutputPathError(t.label + " would overwrite the " + inputs[k].role + " " + quoted(inputs[k].path) +
                              " that this command reads; choose another file");
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (same_file(t.id, targets[j].id))
        throw OutputPathError(targets[j].label + " and " + t.label + " are the same file; give each output its own");
    }
    check_target(t, force);
  }
}

std::string file_stem(std::string_view name, std::size_t max_bytes) {
  max_bytes = std::max<std::size_t>(max_bytes, 16);
  std::string stem;
  for (const char c : name) {
    const auto u = static_cast<unsigned char>(c);
    const bool keep = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '.' ||
                      u == '_' || u == '+' || u == '-' || u >= 0x80;
    if (keep) {
      stem += c;
    } else if (stem.empty() || stem.back() != '_') {
      stem += '_';
    }
  }
  if (stem.empty()) stem = "_";
  if (stem[0] == '.' || stem[0] == '-') stem[0] = '_';
  if (stem.size() <= max_bytes) return stem;
  // FNV-1a of the name as given: the part cut off still tells two names apart.
  std::uint64_t hash = 14695981039346656037ull;
  for (const char c : name) hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  char suffix[16];
  std::snprintf(suffix, sizeof suffix, "-%08x", static_cast<unsigned>(hash & 0xffffffffu));
  std::size_t keep = max_bytes - 9;
  // Not inside a UTF-8 character: back off over continuation bytes (10xxxxxx).
  while (keep > 0 && (static_cast<unsigned char>(stem[keep]) & 0xC0) == 0x80) --keep;
  return stem.substr(0, keep) + suffix;
}

std::string run_default_path(std::string_view scenario_name) { return file_stem(scenario_name) + ".h5"; }

std::string compare_default_path(std::string_view scenario_name, const std::vector<std::string>& variant_names) {
  std::string name = std::string(scenario_name) + "-compare";
  for (std::size_t v = 0; v < variant_names.size(); ++v) {
    if (v == 0 && variant_names[v] == scenario_name) continue;
    name += "-" + variant_names[v];
  }
  return file_stem(name, 117) + ".h5";
}

}  // namespace callsim::app
