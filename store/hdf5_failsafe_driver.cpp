// A small HDF5 virtual file driver (H5FDpublic.h's documented interface): one POSIX file,
// pread/pwrite, no driver info in the superblock, the default driver's feature flags (so
// HDF5 lays the file out, byte for byte, as it would with sec2, and any reader opens it
// with the default driver). Failed writes are absorbed: see hdf5_failsafe_driver.hpp.

#include "store/hdf5_failsafe_driver.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <map>

namespace callsim::store::hdf5 {

namespace {

/// What the file access property list carries to open(): where to report a failure.
struct Config {
  int* error;
};

/// What HDF5 last wrote after the disk refused: an anonymous memory file at the same
/// offsets, and the byte ranges of it that hold data.
struct Overlay {
  int fd = -1;
  std::map<haddr_t, haddr_t> ranges;  ///< begin -> end, disjoint, not adjacent

  void add(haddr_t begin, haddr_t end) {
    auto next = ranges.upper_bound(begin);
    if (next != ranges.begin() && std::prev(next)->second >= begin) {
      --next;
      begin = next->first;
    }
    while (next != ranges.end() && next->first <= end) {
      end = std::max(end, next->second);
      next = ranges.erase(next);
    }
    ranges.emplace(begin, end);
  }
};

/// One open file. Standard layout with H5FD_t first: HDF5 hands back the H5FD_t pointer.
struct File {
  H5FD_t pub;
  int fd;
  int* error;
  haddr_t eoa;
  haddr_t eof;
  dev_t device;
  ino_t inode;
  Overlay* overlay;  ///< null until a write failed
};

File* file_of(H5FD_t* f) { return reinterpret_cast<File*>(f); }
const File* file_of(const H5FD_t* f) { return reinterpret_cast<const File*>(f); }

/// Pushes an HDF5 error whose text carries the errno the way HDF5's own drivers write it,
/// so ErrorRecorder finds it.
herr_t fail(const char* function, const char* what, int err) {
  H5Epush2(H5E_DEFAULT, __FILE__, function, __LINE__, H5E_ERR_CLS, H5E_VFL, H5E_CANTOPENFILE,
           "%s, errno = %d, error message = '%s'", what, err, std::strerror(err));
  return -1;
}

/// A failure from now on: remember why, and keep the rest in memory.
void absorb(File& file, int err) {
  if (*file.error == 0) *file.error = err;
  if (!file.overlay) {
    file.overlay = new Overlay;
    file.overlay->fd = ::memfd_create("callsim-unwritten-hdf5", MFD_CLOEXEC);
  }
}

void* fapl_copy(const void* info) {
  void* copy = std::malloc(sizeof(Config));
  if (copy) std::memcpy(copy, info, sizeof(Config));
  return copy;
}

herr_t fapl_free(void* info) {
  std::free(info);
  return 0;
}

H5FD_t* open_file(const char* name, unsigned flags, hid_t fapl, haddr_t maxaddr) {
  const auto* config = static_cast<const Config*>(H5Pget_driver_info(fapl));
  if (!config || !config->error || !name || maxaddr == 0 || maxaddr == HADDR_UNDEF) {
    fail("failsafe_open", "the fail-safe driver got no error slot or address space", EINVAL);
    return nullptr;
  }
  int oflags = (flags & H5F_ACC_RDWR) ? O_RDWR : O_RDONLY;
  if (flags & H5F_ACC_TRUNC) oflags |= O_TRUNC;
  if (flags & H5F_ACC_CREAT) oflags |= O_CREAT;
  if (flags & H5F_ACC_EXCL) oflags |= O_EXCL;
  const int fd = ::open(name, oflags | O_CLOEXEC, 0644);
  if (fd < 0) {
    fail("failsafe_open", "unable to open file", errno);
    return nullptr;
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    const int err = errno;
    ::close(fd);
    fail("failsafe_open", "unable to fstat file", err);
    return nullptr;
  }
  auto* file = static_cast<File*>(std::calloc(1, sizeof(File)));
  if (!file) {
    ::close(fd);
    fail("failsafe_open", "out of memory", ENOMEM);
    return nullptr;
  }
  file->fd = fd;
  file->error = config->error;
  file->eof = static_cast<haddr_t>(st.st_size);
  file->device = st.st_dev;
  file->inode = st.st_ino;
  return &file->pub;
}

herr_t close_file(H5FD_t* f) {
  File* file = file_of(f);
  // A close error (NFS reports write errors there) is recorded, never returned: the writer
  // then gives the file up.
  if (::close(file->fd) != 0 && *file->error == 0) *file->error = errno;
  if (file->overlay) {
    if (file->overlay->fd >= 0) ::close(file->overlay->fd);
    delete file->overlay;
  }
  std::free(file);
  return 0;
}

int compare(const H5FD_t* a, const H5FD_t* b) {
  const File *x = file_of(a), *y = file_of(b);
  if (x->device != y->device) return x->device < y->device ? -1 : 1;
  if (x->inode != y->inode) return x->inode < y->inode ? -1 : 1;
  return 0;
}

herr_t query(const H5FD_t*, unsigned long* flags) {
  // The default driver's: the same aggregation and accumulation, so the same file layout.
  if (flags)
    *flags = H5FD_FEAT_AGGREGATE_METADATA | H5FD_FEAT_ACCUMULATE_METADATA | H5FD_FEAT_DATA_SIEVE |
             H5FD_FEAT_AGGREGATE_SMALLDATA | H5FD_FEAT_POSIX_COMPAT_HANDLE | H5FD_FEAT_DEFAULT_VFD_COMPATIBLE;
  return 0;
}

haddr_t get_eoa(const H5FD_t* f, H5FD_mem_t) { return file_of(f)->eoa; }
herr_t set_eoa(H5FD_t* f, H5FD_mem_t, haddr_t addr) {
  file_of(f)->eoa = addr;
  return 0;
}
haddr_t get_eof(const H5FD_t* f, H5FD_mem_t) { return file_of(f)->eof; }

herr_t get_handle(H5FD_t* f, hid_t, void** handle) {
  *handle = &file_of(f)->fd;
  return 0;
}

/// Reads [addr, addr + size) of `fd` into `out`, zeros past its end; 0 or the errno.
int read_range(int fd, haddr_t addr, std::size_t size, unsigned char* out) {
  while (size > 0) {
    const ssize_t n = ::pread(fd, out, size, static_cast<off_t>(addr));
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    if (n == 0) {
      std::memset(out, 0, size);
      return 0;
    }
    addr += static_cast<haddr_t>(n);
    out += n;
    size -= static_cast<std::size_t>(n);
  }
  return 0;
}

herr_t driver_read(H5FD_t* f, H5FD_mem_t, hid_t, haddr_t addr, size_t size, void* buffer) {
  const File* file = file_of(f);
  auto* out = static_cast<unsigned char*>(buffer);
  const haddr_t end = addr + size;
  haddr_t at = addr;
  // The parts written after a failure come from the overlay, the rest from the file.
  if (file->overlay) {
    const auto& ranges = file->overlay->ranges;
    auto r = ranges.upper_bound(at);
    if (r != ranges.begin() && std::prev(r)->second > at) --r;
    for (; r != ranges.end() && r->first < end && at < end; ++r) {
      const haddr_t from = std::max(at, r->first), to = std::min(end, r->second);
      if (at < from) {
        if (const int err = read_range(file->fd, at, from - at, out + (at - addr)))
          return fail("failsafe_read", "file read failed", err);
      }
      if (const int err = read_range(file->overlay->fd, from, to - from, out + (from - addr)))
        return fail("failsafe_read", "file read failed", err);
      at = to;
    }
  }
  if (at < end) {
    if (const int err = read_range(file->fd, at, end - at, out + (at - addr)))
      return fail("failsafe_read", "file read failed", err);
  }
  return 0;
}

/// Writes all of `size` bytes at `addr`; 0 or the errno.
int write_range(int fd, haddr_t addr, std::size_t size, const unsigned char* in) {
  while (size > 0) {
    const ssize_t n = ::pwrite(fd, in, size, static_cast<off_t>(addr));
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    addr += static_cast<haddr_t>(n);
    in += n;
    size -= static_cast<std::size_t>(n);
  }
  return 0;
}

herr_t driver_write(H5FD_t* f, H5FD_mem_t, hid_t, haddr_t addr, size_t size, const void* buffer) {
  File* file = file_of(f);
  const auto* in = static_cast<const unsigned char*>(buffer);
  if (!file->overlay) {
    if (const int err = write_range(file->fd, addr, size, in)) absorb(*file, err);
  }
  if (file->overlay) {
    // The whole write goes to memory (part of it may have reached the file: the overlay
    // shadows that part with the same bytes). Memory refusing too loses only data of a file
    // that is given up anyway.
    if (file->overlay->fd >= 0 && write_range(file->overlay->fd, addr, size, in) == 0)
      file->overlay->add(addr, addr + size);
  }
  file->eof = std::max(file->eof, addr + size);
  return 0;
}

herr_t driver_truncate(H5FD_t* f, hid_t, hbool_t) {
  File* file = file_of(f);
  if (file->eoa == file->eof) return 0;
  if (!file->overlay && ::ftruncate(file->fd, static_cast<off_t>(file->eoa)) != 0) absorb(*file, errno);
  file->eof = file->eoa;
  return 0;
}

H5FD_class_t make_class() {
  H5FD_class_t c{};
  c.name = "callsim_failsafe";
  c.maxaddr = static_cast<haddr_t>((std::uint64_t{1} << 63) - 1);  // off_t's range, as sec2
  c.fc_degree = H5F_CLOSE_WEAK;
  c.fapl_size = sizeof(Config);
  c.fapl_copy = fapl_copy;
  c.fapl_free = fapl_free;
  c.open = open_file;
  c.close = close_file;
  c.cmp = compare;
  c.query = query;
  c.get_eoa = get_eoa;
  c.set_eoa = set_eoa;
  c.get_eof = get_eof;
  c.get_handle = get_handle;
  c.read = driver_read;
  c.write = driver_write;
  c.truncate = driver_truncate;
  const H5FD_mem_t map[H5FD_MEM_NTYPES] = H5FD_FLMAP_DICHOTOMY;
  std::copy(std::begin(map), std::end(map), std::begin(c.fl_map));
  return c;
}

/// Registered once per process (HDF5 keeps the class pointer: it must live for ever).
hid_t driver_id() {
  static const H5FD_class_t cls = make_class();
  static const hid_t id = H5FDregister(&cls);
  return id;
}

}  // namespace

void use_failsafe_driver(const H5::FileAccPropList& fapl, int* error) {
  const hid_t id = driver_id();
  if (id < 0) throw H5::FileIException("H5FDregister", "registering the fail-safe file driver failed");
  const Config config{error};
  if (H5Pset_driver(fapl.getId(), id, &config) < 0)
    throw H5::FileIException("H5Pset_driver", "selecting the fail-safe file driver failed");
}

}  // namespace callsim::store::hdf5
