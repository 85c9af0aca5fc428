// Two Highway vectors handled as one value, so that a kernel written once for a vector can run two independent
// vectors' dependency chains side by side. The Lambert kernel is a few hundred dependent operations long, more
// than the out-of-order window overlaps from one vector to the next; two chains in the same instruction stream
// fill the latency of its divisions, square roots and series. Lane for lane these are the same operations as on
// one vector, so results are bit-identical to it. Only what the kernels use is here.
//
// Per-target header (Highway's "-inl.h" convention): included once for each target by a file that re-includes
// itself through foreach_target.h.
#if defined(GER_ASTRO_DETAIL_VEC_PAIR_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef GER_ASTRO_DETAIL_VEC_PAIR_INL_H_
#undef GER_ASTRO_DETAIL_VEC_PAIR_INL_H_
#else
#define GER_ASTRO_DETAIL_VEC_PAIR_INL_H_
#endif

#include "hwy/contrib/math/math-inl.h"
#include "hwy/highway.h"

HWY_BEFORE_NAMESPACE();
namespace ger::astro::HWY_NAMESPACE::vec_pair {
namespace hn = hwy::HWY_NAMESPACE;

// Descriptor of a pair: the single vector's descriptor D, twice the lanes.
template <class D>
struct PairTag {
    D d;
};
template <class V>
struct VecPair {
    V a, b;
};
template <class M>
struct MaskPair {
    M a, b;
};

template <class D>
HWY_INLINE std::size_t Lanes(PairTag<D> p) {
    return 2 * hn::Lanes(p.d);
}
template <class D>
HWY_INLINE auto Zero(PairTag<D> p) {
    return VecPair<hn::Vec<D>>{hn::Zero(p.d), hn::Zero(p.d)};
}
template <class D>
HWY_INLINE auto Set(PairTag<D> p, double value) {
    const auto v = hn::Set(p.d, value);
    return VecPair<hn::Vec<D>>{v, v};
}
// The pair occupies p[0, 2 Lanes(d)): the first vector, then the second.
template <class D>
HWY_INLINE auto LoadU(PairTag<D> p, const double* from) {
    return VecPair<hn::Vec<D>>{hn::LoadU(p.d, from), hn::LoadU(p.d, from + hn::Lanes(p.d))};
}
template <class V, class D>
HWY_INLINE void StoreU(VecPair<V> v, PairTag<D> p, double* to) {
    hn::StoreU(v.a, p.d, to);
    hn::StoreU(v.b, p.d, to + hn::Lanes(p.d));
}

#define GER_VEC_PAIR_BINARY(op)                                        \
    template <class V>                                                 \
    HWY_INLINE VecPair<V> operator op(VecPair<V> x, VecPair<V> y) {    \
        return {x.a op y.a, x.b op y.b};                               \
    }
GER_VEC_PAIR_BINARY(+)
GER_VEC_PAIR_BINARY(-)
GER_VEC_PAIR_BINARY(*)
GER_VEC_PAIR_BINARY(/)
#undef GER_VEC_PAIR_BINARY

#define GER_VEC_PAIR_UNARY(name)                          \
    template <class V>                                    \
    HWY_INLINE VecPair<V> name(VecPair<V> x) {            \
        return {hn::name(x.a), hn::name(x.b)};            \
    }
GER_VEC_PAIR_UNARY(Abs)
GER_VEC_PAIR_UNARY(Neg)
GER_VEC_PAIR_UNARY(Sqrt)
#undef GER_VEC_PAIR_UNARY

#define GER_VEC_PAIR_VEC2(name)                                    \
    template <class V>                                             \
    HWY_INLINE VecPair<V> name(VecPair<V> x, VecPair<V> y) {       \
        return {hn::name(x.a, y.a), hn::name(x.b, y.b)};           \
    }
GER_VEC_PAIR_VEC2(Max)
GER_VEC_PAIR_VEC2(Min)
GER_VEC_PAIR_VEC2(CopySign)
#undef GER_VEC_PAIR_VEC2

#define GER_VEC_PAIR_FMA(name)                                                 \
    template <class V>                                                         \
    HWY_INLINE VecPair<V> name(VecPair<V> x, VecPair<V> y, VecPair<V> z) {     \
        return {hn::name(x.a, y.a, z.a), hn::name(x.b, y.b, z.b)};             \
    }
GER_VEC_PAIR_FMA(MulAdd)
GER_VEC_PAIR_FMA(MulSub)
GER_VEC_PAIR_FMA(NegMulAdd)
#undef GER_VEC_PAIR_FMA

#define GER_VEC_PAIR_COMPARE(name)                                      \
    template <class V>                                                  \
    HWY_INLINE auto name(VecPair<V> x, VecPair<V> y) {                  \
        using M = decltype(hn::name(x.a, y.a));                         \
        return MaskPair<M>{hn::name(x.a, y.a), hn::name(x.b, y.b)};     \
    }
GER_VEC_PAIR_COMPARE(Gt)
GER_VEC_PAIR_COMPARE(Lt)
GER_VEC_PAIR_COMPARE(Ge)
GER_VEC_PAIR_COMPARE(Le)
GER_VEC_PAIR_COMPARE(Eq)
#undef GER_VEC_PAIR_COMPARE

template <class V>
HWY_INLINE auto IsFinite(VecPair<V> x) {
    using M = decltype(hn::IsFinite(x.a));
    return MaskPair<M>{hn::IsFinite(x.a), hn::IsFinite(x.b)};
}
template <class M>
HWY_INLINE MaskPair<M> And(MaskPair<M> x, MaskPair<M> y) {
    return {hn::And(x.a, y.a), hn::And(x.b, y.b)};
}
template <class M>
HWY_INLINE MaskPair<M> Or(MaskPair<M> x, MaskPair<M> y) {
    return {hn::Or(x.a, y.a), hn::Or(x.b, y.b)};
}
template <class M>
HWY_INLINE MaskPair<M> AndNot(MaskPair<M> x, MaskPair<M> y) {
    return {hn::AndNot(x.a, y.a), hn::AndNot(x.b, y.b)};
}
template <class M>
HWY_INLINE MaskPair<M> Not(MaskPair<M> x) {
    return {hn::Not(x.a), hn::Not(x.b)};
}
template <class D, class M>
HWY_INLINE bool AllFalse(PairTag<D> p, MaskPair<M> m) {
    return hn::AllFalse(p.d, hn::Or(m.a, m.b));
}
template <class D, class M>
HWY_INLINE bool AllTrue(PairTag<D> p, MaskPair<M> m) {
    return hn::AllTrue(p.d, hn::And(m.a, m.b));
}
template <class M, class V>
HWY_INLINE VecPair<V> IfThenElse(MaskPair<M> m, VecPair<V> yes, VecPair<V> no) {
    return {hn::IfThenElse(m.a, yes.a, no.a), hn::IfThenElse(m.b, yes.b, no.b)};
}
template <class M, class V>
HWY_INLINE VecPair<V> IfThenElseZero(MaskPair<M> m, VecPair<V> yes) {
    return {hn::IfThenElseZero(m.a, yes.a), hn::IfThenElseZero(m.b, yes.b)};
}

#define GER_VEC_PAIR_MATH(name)                                      \
    template <class D, class V>                                      \
    HWY_INLINE VecPair<V> name(PairTag<D> p, VecPair<V> x) {         \
        return {hn::name(p.d, x.a), hn::name(p.d, x.b)};             \
    }
GER_VEC_PAIR_MATH(Acos)
GER_VEC_PAIR_MATH(Log)
GER_VEC_PAIR_MATH(Exp)
#undef GER_VEC_PAIR_MATH

// atan on [0, 1] for one vector or a pair: Highway's kernel of Atan without its own range reduction (which would
// divide again); the kernels reduce the range themselves.
template <class D, class V = hn::Vec<D>>
HWY_INLINE V AtanUnit(D d, V x) {
    return hn::impl::AtanImpl<double>().AtanPoly(d, x);
}
template <class D, class V>
HWY_INLINE VecPair<V> AtanUnit(PairTag<D> p, VecPair<V> x) {
    return {AtanUnit(p.d, x.a), AtanUnit(p.d, x.b)};
}

}  // namespace ger::astro::HWY_NAMESPACE::vec_pair
HWY_AFTER_NAMESPACE();

#endif  // GER_ASTRO_DETAIL_VEC_PAIR_INL_H_
