#include "run/mpi_session.hpp"

#include <climits>
#include <cstdlib>
#include <stdexcept>
#include <string>

#ifdef CALLSIM_HAVE_MPI
#include <mpi.h>
#endif

namespace callsim::run {

namespace {
[[maybe_unused]] bool g_active = false;  // MPI initialized by the session
int g_rank = 0;
int g_size = 1;

#ifdef CALLSIM_HAVE_MPI
// A plain `callsim run` on a laptop must not start an MPI runtime (OpenMPI's singleton
// start spawns a daemon, slow and sometimes refused in containers): only a launcher's
// process joins a job.
bool launched_by_mpi() {
  for (const char* var : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK", "PMI_SIZE"})
    if (std::getenv(var)) return true;
  return false;
}

void check(int status, const char* what) {
  if (status != MPI_SUCCESS) throw std::runtime_error(std::string(what) + " failed");
}
#endif
}  // namespace

Session::Session([[maybe_unused]] int& argc, [[maybe_unused]] char**& argv) {
#ifdef CALLSIM_HAVE_MPI
  if (!launched_by_mpi()) return;
  int provided = 0;
  // Worker threads simulate; only the main thread talks to MPI.
  check(MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided), "MPI_Init_thread");
  g_active = true;
  MPI_Comm_rank(MPI_COMM_WORLD, &g_rank);
  MPI_Comm_size(MPI_COMM_WORLD, &g_size);
#endif
}

Session::~Session() {
#ifdef CALLSIM_HAVE_MPI
  if (g_active) MPI_Finalize();
  g_active = false;
#endif
}

int rank() { return g_rank; }
int size() { return g_size; }

bool built_with_mpi() {
#ifdef CALLSIM_HAVE_MPI
  return true;
#else
  return false;
#endif
}

bool all_ok(bool ok) {
#ifdef CALLSIM_HAVE_MPI
  if (g_active) {
    int mine = ok ? 1 : 0, all = 0;
    check(MPI_Allreduce(&mine, &all, 1, MPI_INT, MPI_LAND, MPI_COMM_WORLD), "MPI_Allreduce");
    return all != 0;
  }
#endif
  return ok;
}

std::vector<std::byte> all_gather(std::span<const std::byte> mine, std::vector<std::size_t>& sizes) {
#ifdef CALLSIM_HAVE_MPI
  if (g_active) {
    // MPI counts are ints: a rank's part beyond 2 GiB would need a derived datatype.
    if (mine.size() > static_cast<std::size_t>(INT_MAX))
      throw std::runtime_error("the replication results of one MPI rank exceed 2 GiB; use more ranks");
    int count = static_cast<int>(mine.size());
    std::vector<int> counts(static_cast<std::size_t>(g_size));
    check(MPI_Allgather(&count, 1, MPI_INT, counts.data(), 1, MPI_INT, MPI_COMM_WORLD), "MPI_Allgather");
    std::vector<int> offsets(counts.size());
    long long total = 0;
    for (std::size_t r = 0; r < counts.size(); ++r) {
      offsets[r] = static_cast<int>(total);
      total += counts[r];
      if (total > INT_MAX)
        throw std::runtime_error("the replication results of all MPI ranks exceed 2 GiB; run fewer replications");
    }
    std::vector<std::byte> all(static_cast<std::size_t>(total));
    check(MPI_Allgatherv(mine.data(), count, MPI_BYTE, all.data(), counts.data(), offsets.data(), MPI_BYTE,
                         MPI_COMM_WORLD),
          "MPI_Allgatherv");
    sizes.assign(counts.begin(), counts.end());
    return all;
  }
#endif
  sizes.assign(1, mine.size());
  return {mine.begin(), mine.end()};
}

void abort_job(int code) {
#ifdef CALLSIM_HAVE_MPI
  if (g_active) MPI_Abort(MPI_COMM_WORLD, code);
#endif
  std::exit(code);
}

}  // namespace callsim::run
