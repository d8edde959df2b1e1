// callsim under mpirun (built with -DCALLSIM_MPI=ON only): replications split over ranks
// give, dataset for dataset (h5diff), the file of one process with one thread.

#ifdef CALLSIM_MPI_TESTS

#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "cli_shell.hpp"
#include "store/results_store.hpp"
#include "subprocess.hpp"

namespace fs = std::filesystem;
using callsim::testing::read_file;

namespace {

using callsim::testing::Output;

Output shell(const std::string& command, const fs::path& dir) { return callsim::testing::run_shell(command, dir); }

fs::path temp_dir(const std::string& name) { return callsim::testing::temp_dir("mpi", name); }

/// `callsim ARGS` on `ranks` MPI processes. As root OpenMPI needs to be told it may run;
/// --oversubscribe lets a 2-core CI machine run more ranks than cores.
Output mpirun(int ranks, const std::string& args, const fs::path& dir) {
  return shell(std::string(CALLSIM_MPIEXEC) + " --oversubscribe --allow-run-as-root -n " + std::to_string(ranks) + " " +
                   CALLSIM_BINARY + " " + args,
               dir);
}

Output one_process(const std::string& args, const fs::path& dir) {
  return shell(std::string(CALLSIM_BINARY) + " " + args, dir);
}

std::string scenario(const std::string& name) { return std::string(CALLSIM_SOURCE_DIR) + "/scenarios/library/" + name; }

void require_same(const std::string& a, const std::string& b, const std::vector<std::string>& objects) {
  for (const auto& object : objects) {
    INFO(object);
    const std::string cmd = "h5diff '" + a + "' '" + b + "' '" + object + "' '" + object + "' >/dev/null 2>&1";
    CHECK(std::system(cmd.c_str()) == 0);
  }
}

std::vector<std::string> run_datasets(const std::string& run) {
  std::vector<std::string> names;
  for (const char* d : {"replications", "intervals", "interval_types", "groups", "summary"})
    names.push_back("/" + run + "/" + d);
  return names;
}

}  // namespace

TEST_CASE("mpi: 2 and 3 ranks write the datasets of one process with one thread", "[cli][mpi]") {
  const auto dir = temp_dir("run");
  const std::string one = (dir / "one.h5").string();
  const std::string args = "run " + scenario("bank-weekday.yaml") + " -r 7 -s 3 --set call_types.retail.priority=2 ";
  REQUIRE(one_process(args + "-j 1 -q -o " + one, dir).code == 0);
  for (const int ranks : {2, 3}) {
    INFO(ranks << " ranks");
    const std::string many = (dir / ("mpi" + std::to_string(ranks) + ".h5")).string();
    const auto r = mpirun(ranks, args + "-j 2 -o " + many, dir);
    INFO(r.out << r.err);
    REQUIRE(r.code == 0);
    CHECK(r.out.find("scenario bank-weekday (") == 0);  // printed once: by rank 0 only
    CHECK(r.out.find("scenario bank-weekday (", 1) == std::string::npos);
    CHECK(r.out.find(" x " + std::to_string(ranks) + " MPI ranks); results in " + many) != std::string::npos);
    std::vector<std::string> objects = run_datasets("bank-weekday");
    objects.push_back("/scenario");
    require_same(one, many, objects);
    const auto file = callsim::store::read_results_file(many);
    CHECK(file.complete);
    CHECK(file.runs[0].replications.size() == 7);
    CHECK(file.overrides == std::vector<std::string>{"call_types.retail.priority=2"});
  }
}

TEST_CASE("mpi: compare over 2 ranks writes the runs and comparison of one process", "[cli][mpi]") {
  const auto dir = temp_dir("compare");
  const std::string one = (dir / "one.h5").string(), many = (dir / "many.h5").string();
  const std::string args =
      "compare " + scenario("multiskill-small.yaml") + " --policy longest_idle_agent --policy static_priority -r 5 -q ";
  REQUIRE(one_process(args + "-j 1 -o " + one, dir).code == 0);
  const auto r = mpirun(2, args + "-j 1 -o " + many, dir);
  INFO(r.err);
  REQUIRE(r.code == 0);
  std::vector<std::string> objects = {"/comparison/day", "/comparison/intervals"};
  for (const char* run : {"longest_idle_agent", "static_priority"})
    for (const auto& d : run_datasets(run)) objects.push_back(d);
  require_same(one, many, objects);
}

TEST_CASE("mpi: per-call rows are refused over several ranks and bad input exits 2 once", "[cli][mpi][bad-input]") {
  const auto dir = temp_dir("refuse");
  const auto calls = mpirun(2, "run " + scenario("erlang-a.yaml") + " -r 2 --calls -o " + (dir / "c.h5").string(), dir);
  CHECK(calls.code == 2);
  CHECK(calls.err.find("callsim run: --calls is not supported under MPI (per-call rows are not gathered from the "
                       "ranks); run it in one process\n") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "c.h5"));
  const auto bad = mpirun(2, "run " + (dir / "none.yaml").string(), dir);
  CHECK(bad.code == 2);
  const std::string message = "cannot read scenario '" + (dir / "none.yaml").string() + "'";
  const auto first = bad.err.find(message);
  CHECK(first != std::string::npos);
  CHECK(bad.err.find(message, first + 1) == std::string::npos);  // said by rank 0 only
}

#endif  // CALLSIM_MPI_TESTS
