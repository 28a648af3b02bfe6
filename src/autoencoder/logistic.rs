//! The logistic function in f32 for the fused kernel, branch-free so a loop over points
//! vectorises (the C library's `expf` is called one value at a time and was a fifth of a fit's
//! time). In: pre-activations; out: σ(x) within a few f32 ulps of the exact value.

/// σ(x) = 1 / (1 + e^(−x)) for every x (±∞ give 1 and 0; NaN stays NaN).
#[inline]
pub fn sigmoid(x: f32) -> f32 {
    // e^(−|x|) never overflows; σ(−x) = 1 − σ(x) = e·σ(x) for e = e^(−|x|).
    let e = exp_nonpositive(-x.abs());
    let p = 1.0 / (1.0 + e);
    if x >= 0.0 {
        p
    } else {
        e * p
    }
}

/// e^y for y ≤ 0 (below −87 it is taken as e^(−87), under 2e-38): y = n·ln 2 + r with
/// |r| ≤ ln 2 / 2, e^r by Cephes' degree-7 polynomial, 2^n put into the exponent bits.
#[inline]
fn exp_nonpositive(y: f32) -> f32 {
    const LOG2E: f32 = std::f32::consts::LOG2_E;
    // ln 2 in two parts, so that n·LN2_HI is exact.
    const LN2_HI: f32 = 0.693_359_4;
    const LN2_LO: f32 = -2.121_944_4e-4;
    // Adding and subtracting 1.5·2²³ rounds to the nearest integer without a branch.
    const ROUND: f32 = 12_582_912.0;
    // Not `max`, which would turn NaN into −87: NaN must stay NaN.
    let y = if y < -87.0 { -87.0 } else { y };
    let n = (y * LOG2E + ROUND) - ROUND;
    let r = y - n * LN2_HI - n * LN2_LO;
    let p = 1.987_569_1e-4;
    let p = p * r + 1.398_199_9e-3;
    let p = p * r + 8.333_452e-3;
    let p = p * r + 4.166_579_6e-2;
    let p = p * r + 1.666_666_5e-1;
    let p = p * r + 0.5;
    let er = p * r * r + r + 1.0;
    // n is in [−126, 0], so the biased exponent stays in the normal range.
    er * f32::from_bits(((n as i32 + 127) as u32) << 23)
}

#[cfg(test)]
mod tests {
    use super::sigmoid;

    #[test]
    fn agrees_with_the_exact_logistic_everywhere() {
        let mut worst_abs = 0.0f64;
        let mut worst_rel = 0.0f64;
        let mut x = -86.0f32;
        while x <= 120.0 {
            let got = f64::from(sigmoid(x));
            let exact = 1.0 / (1.0 + (-f64::from(x)).exp());
            worst_abs = worst_abs.max((got - exact).abs());
            worst_rel = worst_rel.max((got - exact).abs() / exact);
            x += 0.000_37;
        }
        assert!(worst_abs < 2e-7, "largest absolute error {worst_abs}");
        assert!(worst_rel < 1e-6, "largest relative error {worst_rel}");
    }

    #[test]
    fn limits_and_nan() {
        assert_eq!(sigmoid(f32::INFINITY), 1.0);
        assert_eq!(sigmoid(f32::NEG_INFINITY), sigmoid(-87.0));
        assert!(sigmoid(f32::NEG_INFINITY) < 1e-37);
        assert_eq!(sigmoid(0.0), 0.5);
        assert!(sigmoid(f32::NAN).is_nan());
    }
}
