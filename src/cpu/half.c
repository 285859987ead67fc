/*
 * IEEE binary16 <-> binary32 conversions, round to nearest even, in plain integer code so the
 * result does not depend on the FPU rounding mode or on F16C being present.
 */
#include "internal.h"

float pa__f16_to_f32(uint16_t h)
{
    union { uint32_t u; float f; } x;
    uint32_t sign = (uint32_t)(h & 0x8000u) << 16, exp = (h >> 10) & 0x1fu, man = h & 0x3ffu;
    if (exp == 0) {                       /* zero or subnormal: man * 2^-24, exact in float */
        x.f = (float)man * (1.0f / 16777216.0f);
        x.u |= sign;
        return x.f;
    }
    if (exp == 31) x.u = sign | 0x7f800000u | (man << 13);       /* inf, NaN (payload kept) */
    else x.u = sign | ((exp + 112u) << 23) | (man << 13);         /* 112 = 127 - 15 */
    return x.f;
}

uint16_t pa__f32_to_f16(float f)
{
    union { uint32_t u; float f; } x;
    uint32_t sign, a;
    x.f = f;
    sign = (x.u >> 16) & 0x8000u;
    a = x.u & 0x7fffffffu;
    if (a > 0x7f800000u) return (uint16_t)(sign | 0x7e00u | ((a >> 13) & 0x3ffu)); /* NaN */
    if (a >= 0x477ff000u) return (uint16_t)(sign | 0x7c00u);  /* >= 65520 rounds to inf */
    if (a < 0x38800000u) {                                     /* below 2^-14: subnormal */
        uint32_t e8 = a >> 23, m24, shift, r, rem, half;
        if (a <= 0x33000000u) return (uint16_t)sign;           /* <= 2^-25: ties to zero */
        m24 = (a & 0x7fffffu) | 0x800000u;
        shift = 126u - e8;                                      /* 14..25 */
        r = m24 >> shift;
        rem = m24 & ((1u << shift) - 1u);
        half = 1u << (shift - 1u);
        if (rem > half || (rem == half && (r & 1u))) r++;
        return (uint16_t)(sign | r);
    }
    {
        uint32_t h = ((((a >> 23) - 112u) << 10) | ((a & 0x7fffffu) >> 13));
        uint32_t rem = a & 0x1fffu;
        if (rem > 0x1000u || (rem == 0x1000u && (h & 1u))) h++; /* a carry bumps the exponent */
        return (uint16_t)(sign | h);
    }
}
