#include "astro/detail/large_buffer.hpp"

#include <limits>
#include <new>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace ger::astro::detail {
namespace {
constexpr std::size_t huge_page_bytes = std::size_t{2} << 20;  // x86-64 and arm64 (4 KiB base pages) PMD size
}

void* allocate_large(std::size_t bytes) {
    if (bytes == 0) bytes = 1;
    if (bytes < huge_page_bytes) {
        if (void* p = std::malloc(bytes)) return p;
        throw std::bad_alloc();
    }
    if (bytes > std::numeric_limits<std::size_t>::max() - huge_page_bytes) throw std::bad_alloc();
    const std::size_t rounded = (bytes + huge_page_bytes - 1) / huge_page_bytes * huge_page_bytes;
    void* p = std::aligned_alloc(huge_page_bytes, rounded);
    if (p == nullptr) throw std::bad_alloc();
#if defined(MADV_HUGEPAGE)
    // Advice only: an error (no THP in this kernel, or disabled) leaves ordinary pages, which work the same.
    (void)madvise(p, rounded, MADV_HUGEPAGE);
#endif
    return p;
}

}  // namespace ger::astro::detail
