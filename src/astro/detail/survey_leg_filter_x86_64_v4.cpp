// The leg filter's row loop compiled for x86-64-v4 (AVX-512): survey.cmake sets -march for this file only.
#include "astro/detail/survey_leg_filter_loop.hpp"

namespace ger::astro::detail {

void legs_may_fit_x86_64_v4(const LegEnd& a, const LegEndColumns& b, std::size_t count, double b1, double b2,
                            double slack, unsigned char* keep) {
    legs_may_fit_loop(a, b, count, b1, b2, slack, keep);
}

}  // namespace ger::astro::detail
