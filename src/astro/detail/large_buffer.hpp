// Uninitialised storage for large result arrays (a porkchop grid's fields: 56 MB for 1 M cells of both types).
// Faulting such a block in 4 KiB pages, and unmapping it, cost more kernel time than the Lambert solves filling
// it; blocks of 2 MiB and more are therefore aligned to 2 MiB and advised to use transparent huge pages where
// the kernel offers them (Linux madvise(MADV_HUGEPAGE); elsewhere, or when the kernel says no, plain pages).
#pragma once

#include <cstddef>
#include <cstdlib>
#include <limits>
#include <memory>
#include <new>
#include <type_traits>

namespace ger::astro::detail {

struct FreeDeleter {
    void operator()(void* p) const noexcept { std::free(p); }
};

template <class T>
using LargeBuffer = std::unique_ptr<T[], FreeDeleter>;

// Storage for `bytes` bytes, aligned to at least alignof(std::max_align_t) (to 2 MiB from 2 MiB up). Throws
// std::bad_alloc.
void* allocate_large(std::size_t bytes);

// Uninitialised storage for n trivially copyable T (the caller writes every element before reading it).
template <class T>
LargeBuffer<T> allocate_large_buffer(std::size_t n) {
    static_assert(std::is_trivially_copyable_v<T> && alignof(T) <= alignof(std::max_align_t));
    if (n > std::numeric_limits<std::size_t>::max() / sizeof(T)) throw std::bad_alloc();
    return LargeBuffer<T>(static_cast<T*>(allocate_large(n * sizeof(T))));
}

}  // namespace ger::astro::detail
