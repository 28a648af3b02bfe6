//! Generic random functions (waves, bowls, saddles, products, bumps, kinks, ridges) that teach
//! the autoencoder the shapes real regression data has, besides random networks.
//! In: settings, a generator and probe points; out: each function's values on the probe in [−1, 1].

use super::{TeacherError, TeacherRng};
use rand::RngExt;
use std::f64::consts::TAU;

/// The kinds of function drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    Fourier,
    Quadratic,
    Product,
    Bumps,
    PiecewiseLinear,
    Ridge,
    Sum,
}

impl Family {
    /// Every family, each drawn with probability 1/7.
    pub const ALL: [Family; 7] = [
        Family::Fourier,
        Family::Quadratic,
        Family::Product,
        Family::Bumps,
        Family::PiecewiseLinear,
        Family::Ridge,
        Family::Sum,
    ];
}

/// Chance that one of the first k inputs is ignored anyway (one is always kept).
const IGNORE: f64 = 0.2;
/// Draws that come out constant on the probe before `draw` gives up (only a probe without two
/// distinct points gets there).
const ATTEMPTS: usize = 1000;

/// Generic random functions of the first k of `inputs` inputs (k uniform in min_inputs..=inputs).
#[derive(Debug, Clone, PartialEq)]
pub struct GenericFunctions {
    pub inputs: usize,
    pub min_inputs: usize,
}

/// (w, b): w·z + b over the used inputs.
#[derive(Debug, Clone)]
struct Affine(Vec<f64>, f64);

impl Affine {
    fn at(&self, z: &[f64]) -> f64 {
        self.0.iter().zip(z).map(|(w, z)| w * z).sum::<f64>() + self.1
    }
}

/// The one-variable profiles that ridge-like terms apply to an affine form.
#[derive(Debug, Clone, Copy)]
enum Shape {
    Linear,
    Cos,
    Relu,
    Abs,
    Square,
    Cube,
    Exp,
    Tanh,
    /// t/√(1+t²): heavier tails than tanh, so not the same shape after rescaling.
    Algebraic,
}

impl Shape {
    fn at(self, t: f64) -> f64 {
        match self {
            Shape::Linear => t,
            Shape::Cos => t.cos(),
            Shape::Relu => t.max(0.0),
            Shape::Abs => t.abs(),
            Shape::Square => t * t,
            Shape::Cube => t * t * t,
            Shape::Exp => t.exp(),
            Shape::Tanh => t.tanh(),
            Shape::Algebraic => t / (1.0 + t * t).sqrt(),
        }
    }
}

#[derive(Debug, Clone)]
enum Body {
    /// Σ amplitude · shape(w·z + b): waves, quadratics (as signed sums of squares), hinges, ridges.
    Terms(Vec<(f64, Shape, Affine)>),
    /// Π factorᵖ.
    Product(Vec<(Affine, i32)>),
    /// Σ amplitude · exp(−|z − centre|² · inv), inv = 1/(2 width²).
    Bumps(Vec<(f64, Vec<f64>, f64)>),
    /// The maximum (true) or minimum of planes.
    Planes(bool, Vec<Affine>),
    /// Σ weight · part, each part rescaled to [−1, 1] on the probe by its (min, range) so that
    /// neither drowns the other.
    Sum(Vec<(f64, Body, f64, f64)>),
}

impl Body {
    fn at(&self, z: &[f64]) -> f64 {
        match self {
            Body::Terms(ts) => ts.iter().map(|(a, g, f)| a * g.at(f.at(z))).sum(),
            Body::Product(fs) => fs.iter().map(|(f, p)| f.at(z).powi(*p)).product(),
            Body::Bumps(bs) => bs
                .iter()
                .map(|(amp, c, inv)| {
                    let d2: f64 = c.iter().zip(z).map(|(c, z)| (z - c) * (z - c)).sum();
                    amp * (-d2 * inv).exp()
                })
                .sum(),
            Body::Planes(true, ps) => ps.iter().map(|p| p.at(z)).fold(f64::MIN, f64::max),
            Body::Planes(false, ps) => ps.iter().map(|p| p.at(z)).fold(f64::MAX, f64::min),
            Body::Sum(parts) => parts
                .iter()
                .map(|(w, b, lo, range)| w * ((b.at(z) - lo) / range * 2.0 - 1.0))
                .sum(),
        }
    }
}

/// A body's values on the probe, reading only the `used` columns of each row.
fn raw(body: &Body, used: &[usize], probe: &[f64], inputs: usize) -> Vec<f64> {
    let mut z = vec![0.0; used.len()];
    probe
        .chunks_exact(inputs)
        .map(|row| {
            for (z, &j) in z.iter_mut().zip(used) {
                *z = row[j];
            }
            body.at(&z)
        })
        .collect()
}

/// (min, max − min) of values that are finite and not (nearly) constant. The floor of 1 on the
/// magnitude is because every body is of order 1 by construction, so a smaller range is a bump
/// or kink the probe barely sees and would rescale to a spike.
fn span(values: &[f64]) -> Option<(f64, f64)> {
    let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let range = hi - lo;
    let ok = values.iter().all(|v| v.is_finite())
        && range.is_finite()
        && range >= 1e-6 * lo.abs().max(hi.abs()).max(1.0);
    ok.then_some((lo, range))
}

fn log_uniform(rng: &mut TeacherRng, lo: f64, hi: f64) -> f64 {
    (lo.ln() + rng.random::<f64>() * (hi / lo).ln()).exp()
}

fn sign(rng: &mut TeacherRng) -> f64 {
    [1.0, -1.0][rng.random_range(0..2)]
}

fn signed(rng: &mut TeacherRng, lo: f64, hi: f64) -> f64 {
    sign(rng) * rng.random_range(lo..hi)
}

/// Standard normal by Box–Muller (rand_distr is not a dependency).
fn normal(rng: &mut TeacherRng) -> f64 {
    let u = 1.0 - rng.random::<f64>();
    (-2.0 * u.ln()).sqrt() * (TAU * rng.random::<f64>()).cos()
}

fn point(rng: &mut TeacherRng, m: usize) -> Vec<f64> {
    (0..m).map(|_| rng.random_range(-1.0..1.0)).collect()
}

/// A random direction with unit L1 norm, so that u·z spans exactly [−1, 1] on the cube
/// whatever the number of inputs.
fn direction(rng: &mut TeacherRng, m: usize) -> Vec<f64> {
    loop {
        let u: Vec<f64> = (0..m).map(|_| normal(rng)).collect();
        let n: f64 = u.iter().map(|v| v.abs()).sum();
        if n > 1e-12 {
            return u.into_iter().map(|v| v / n).collect();
        }
    }
}

/// u·z + b with u a direction scaled by `scale` and b uniform in [−1, 1].
fn affine(rng: &mut TeacherRng, m: usize, scale: f64) -> Affine {
    let w = direction(rng, m).into_iter().map(|v| v * scale).collect();
    Affine(w, rng.random_range(-1.0..1.0))
}

/// u·(z − p): zero at p, so that a kink or crossing through a point of the cube lies inside it.
fn through(rng: &mut TeacherRng, m: usize, scale: f64, p: &[f64]) -> Affine {
    let w: Vec<f64> = direction(rng, m).into_iter().map(|v| v * scale).collect();
    let b = -w.iter().zip(p).map(|(w, p)| w * p).sum::<f64>();
    Affine(w, b)
}

/// One body of `family` over m used inputs; None for a sum whose parts stayed constant.
fn draw_body(
    family: Family,
    rng: &mut TeacherRng,
    m: usize,
    on_probe: &dyn Fn(&Body) -> Option<(f64, f64)>,
) -> Option<Body> {
    let mut terms = Vec::new();
    match family {
        Family::Fourier => {
            // Per-coordinate σ/√m keeps the frequency along w near σ in any dimension.
            let sigma = log_uniform(rng, 0.3, 3.0) / (m as f64).sqrt();
            for _ in 0..rng.random_range(1..=4) {
                let w = (0..m).map(|_| sigma * normal(rng)).collect();
                let f = Affine(w, rng.random_range(0.0..TAU));
                terms.push((signed(rng, 0.2, 1.0), Shape::Cos, f));
            }
        }
        Family::Quadratic => {
            // Σ ±(v·(z − c))²: one square is a valley or ridge, m of one sign a bowl or dome,
            // m of random signs (usually) a saddle.
            let (c, kind, s) = (point(rng, m), rng.random_range(0..3), sign(rng));
            for _ in 0..if kind == 0 { 1 } else { m } {
                let s = if kind == 2 { sign(rng) } else { s };
                let amp = s * rng.random_range(0.3..1.0);
                terms.push((amp, Shape::Square, through(rng, m, 1.0, &c)));
            }
            let scale = rng.random_range(0.0..1.0);
            terms.push((1.0, Shape::Linear, affine(rng, m, scale)));
        }
        Family::Product => {
            let powers = match rng.random_range(0..4) {
                0 => vec![1, 1],
                1 => vec![rng.random_range(2..=3)],
                2 => vec![2, 1],
                _ => vec![1, 1, 1],
            };
            let fs = powers.into_iter().map(|p| (affine(rng, m, 1.0), p));
            return Some(Body::Product(fs.collect()));
        }
        Family::Bumps => {
            let n = rng.random_range(1..=4);
            let bs = (0..n).map(|_| {
                // Widths grow with √m so that the probe still sees a bump in 7 inputs.
                let w = log_uniform(rng, 0.2, 1.5) * (m as f64).sqrt();
                (signed(rng, 0.3, 1.0), point(rng, m), 0.5 / (w * w))
            });
            return Some(Body::Bumps(bs.collect()));
        }
        Family::PiecewiseLinear if rng.random_bool(0.7) => {
            for _ in 0..rng.random_range(1..=4) {
                let g = [Shape::Abs, Shape::Relu][rng.random_range(0..2)];
                let p = point(rng, m);
                terms.push((signed(rng, 0.3, 1.0), g, through(rng, m, 1.0, &p)));
            }
            if rng.random_bool(0.5) {
                let scale = rng.random_range(0.0..1.0);
                terms.push((1.0, Shape::Linear, affine(rng, m, scale)));
            }
        }
        Family::PiecewiseLinear => {
            let n = rng.random_range(2..=3);
            let planes = (0..n).map(|_| {
                let (p, scale) = (point(rng, m), rng.random_range(0.5..1.5));
                through(rng, m, scale, &p)
            });
            let planes = planes.collect();
            return Some(Body::Planes(rng.random_bool(0.5), planes));
        }
        Family::Ridge => {
            use Shape::*;
            let g = [Exp, Tanh, Algebraic, Cos, Square, Cube][rng.random_range(0..6)];
            let scale = log_uniform(rng, 0.5, 3.0);
            terms.push((1.0, g, affine(rng, m, scale)));
        }
        Family::Sum => {
            let mut parts = Vec::with_capacity(2);
            for _ in 0..2 {
                let f = Family::ALL[rng.random_range(0..6)];
                let b = draw_body(f, rng, m, on_probe)?;
                let (lo, range) = on_probe(&b)?;
                parts.push((signed(rng, 0.3, 1.0), b, lo, range));
            }
            return Some(Body::Sum(parts));
        }
    }
    Some(Body::Terms(terms))
}

impl GenericFunctions {
    pub fn validate(&self) -> Result<(), TeacherError> {
        super::check_inputs(
            self.inputs,
            self.min_inputs,
            ("generic-inputs", "generic-min-inputs"),
        )
    }

    /// One function's values at every row of `probe` (row-major, `inputs` columns, values in
    /// [−1, 1]; a partial last row is ignored), affinely rescaled so that its minimum over the
    /// probe is −1 and its maximum 1 (the scaling swat applies to a user's targets). Also
    /// returns the family and how many inputs it reads. Settings that fail `validate` are
    /// clamped; a probe on which nothing varies (no two distinct rows) gets zeros.
    pub fn draw(&self, rng: &mut TeacherRng, probe: &[f64]) -> (Vec<f64>, Family, usize) {
        let (used, body, family, k) = self.draw_function(rng, probe);
        (raw(&body, &used, probe, self.inputs.max(1)), family, k)
    }

    /// `n` draws in a row.
    pub fn batch(&self, rng: &mut TeacherRng, probe: &[f64], n: usize) -> Vec<Vec<f64>> {
        (0..n).map(|_| self.draw(rng, probe).0).collect()
    }

    /// The columns read, the body already rescaled on the probe, its family and k.
    fn draw_function(
        &self,
        rng: &mut TeacherRng,
        probe: &[f64],
    ) -> (Vec<usize>, Body, Family, usize) {
        let inputs = self.inputs.max(1);
        let k = rng.random_range(self.min_inputs.clamp(1, inputs)..=inputs);
        for _ in 0..ATTEMPTS {
            let mut used: Vec<usize> = (0..k).filter(|_| !rng.random_bool(IGNORE)).collect();
            if used.is_empty() {
                used.push(rng.random_range(0..k));
            }
            let family = Family::ALL[rng.random_range(0..7)];
            let on_probe = |b: &Body| span(&raw(b, &used, probe, inputs));
            if let Some(body) = draw_body(family, rng, used.len(), &on_probe) {
                if let Some((lo, range)) = on_probe(&body) {
                    // A one-part sum of weight 1 is exactly the rescaling to [−1, 1].
                    let body = Body::Sum(vec![(1.0, body, lo, range)]);
                    return (used, body, family, k);
                }
            }
        }
        (vec![0], Body::Terms(Vec::new()), Family::PiecewiseLinear, k)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::teacher::{grid, rng, uniform_points};

    fn gen(inputs: usize, min_inputs: usize) -> GenericFunctions {
        GenericFunctions { inputs, min_inputs }
    }

    #[test]
    fn seeded() {
        let (g, p) = (gen(3, 1), grid(3, 10));
        assert_eq!(g.batch(&mut rng(5), &p, 20), g.batch(&mut rng(5), &p, 20));
        assert_ne!(g.batch(&mut rng(5), &p, 20), g.batch(&mut rng(6), &p, 20));
    }

    #[test]
    fn rescaled_to_unit_range_with_every_family_and_k() {
        let probes = [
            (gen(3, 1), grid(3, 10)),
            (gen(7, 2), uniform_points(&mut rng(1), 1024, 7)),
        ];
        for (g, p) in probes {
            let (mut families, mut ks) = (Vec::new(), Vec::new());
            let mut r = rng(2);
            for _ in 0..500 {
                let (v, family, k) = g.draw(&mut r, &p);
                assert_eq!(v.len(), p.len() / g.inputs);
                assert!(v.iter().all(|x| x.is_finite()), "{family:?}");
                let lo = v.iter().copied().fold(f64::INFINITY, f64::min);
                let hi = v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                assert!((lo + 1.0).abs() < 1e-9, "{family:?} {lo}");
                assert!((hi - 1.0).abs() < 1e-9, "{family:?} {hi}");
                families.push(family);
                ks.push(k);
            }
            assert!(Family::ALL.iter().all(|f| families.contains(f)));
            assert!((g.min_inputs..=g.inputs).all(|k| ks.contains(&k)));
        }
    }

    #[test]
    fn ignores_inputs_beyond_k() {
        let g = gen(7, 1);
        let p = uniform_points(&mut rng(3), 256, 7);
        let mut r = rng(4);
        for _ in 0..300 {
            let (used, body, _, k) = g.draw_function(&mut r, &p);
            let mut q = p.clone();
            for (i, x) in q.iter_mut().enumerate().filter(|(i, _)| i % 7 >= k) {
                *x = (*x * 3.7 + i as f64).sin();
            }
            assert_eq!(raw(&body, &used, &p, 7), raw(&body, &used, &q, 7));
        }
    }

    #[test]
    fn draws_vary() {
        let p = grid(3, 10);
        let fs = gen(3, 1).batch(&mut rng(8), &p, 50);
        let centred: Vec<Vec<f64>> = fs
            .iter()
            .map(|f| {
                let mean = f.iter().sum::<f64>() / f.len() as f64;
                let c: Vec<f64> = f.iter().map(|v| v - mean).collect();
                let n = c.iter().map(|v| v * v).sum::<f64>().sqrt();
                c.into_iter().map(|v| v / n).collect()
            })
            .collect();
        let (mut total, mut pairs) = (0.0, 0);
        for i in 0..50 {
            for j in 0..i {
                let r: f64 = centred[i].iter().zip(&centred[j]).map(|(a, b)| a * b).sum();
                total += r.abs();
                pairs += 1;
            }
        }
        let mean = total / pairs as f64;
        assert!(mean < 0.5, "mean |correlation| {mean}");
    }

    #[test]
    fn validates_and_survives_a_flat_probe() {
        assert!(gen(3, 1).validate().is_ok());
        assert_eq!(gen(0, 1).validate().unwrap_err().param, "generic-inputs");
        assert_eq!(
            gen(3, 4).validate().unwrap_err().param,
            "generic-min-inputs"
        );
        let (v, _, _) = gen(2, 1).draw(&mut rng(1), &[0.5, 0.5, 0.5, 0.5]);
        assert_eq!(v, vec![0.0, 0.0]);
    }
}
