// astro/detail/large_buffer.hpp: the porkchop grid's storage. Whether the kernel backs it with huge pages is the
// kernel's choice (bench_porkchop reports the page faults per grid); what must hold everywhere is below.
#include "astro/detail/large_buffer.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <new>

namespace ger::astro::detail {
namespace {

std::uintptr_t address(const void* p) { return reinterpret_cast<std::uintptr_t>(p); }

TEST(LargeBuffer, BlocksOfTwoMebibytesAndMoreStartOnATwoMebibyteBoundaryAndHoldEveryElement) {
    const std::size_t n = (std::size_t{5} << 20) / sizeof(float) + 3;  // 5 MiB and a bit: rounded up inside
    auto buffer = allocate_large_buffer<float>(n);
    ASSERT_NE(buffer, nullptr);
    EXPECT_EQ(address(buffer.get()) % (std::size_t{2} << 20), 0u);
    for (std::size_t k = 0; k < n; ++k) buffer[k] = static_cast<float>(k % 1000);
    std::size_t wrong = 0;
    for (std::size_t k = 0; k < n; ++k) wrong += buffer[k] != static_cast<float>(k % 1000);
    EXPECT_EQ(wrong, 0u);
}

TEST(LargeBuffer, SmallAndEmptyBlocksAreOrdinaryAllocations) {
    auto small = allocate_large_buffer<double>(3);
    ASSERT_NE(small, nullptr);
    EXPECT_EQ(address(small.get()) % alignof(std::max_align_t), 0u);
    small[0] = 1.0;
    small[2] = 3.0;
    EXPECT_EQ(small[0] + small[2], 4.0);
    EXPECT_NE(allocate_large_buffer<float>(0), nullptr);  // a valid pointer to free, never dereferenced
}

TEST(LargeBuffer, AnElementCountWhoseByteSizeOverflowsIsRefusedBeforeAnyAllocation) {
    EXPECT_THROW(allocate_large_buffer<float>(std::numeric_limits<std::size_t>::max() / 2), std::bad_alloc);
    EXPECT_THROW(allocate_large(std::numeric_limits<std::size_t>::max() - 1), std::bad_alloc);
}

}  // namespace
}  // namespace ger::astro::detail
