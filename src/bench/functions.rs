//! Named two-input test functions on their standard domains, for datasets a user (or a
//! benchmark) can regenerate exactly: uniform inputs over the domain, the function's value.
//! In: a name, a row count, a seed; out: a `Dataset` in the function's own units.

use crate::data::Dataset;
use crate::teacher::uniform_points;

/// A test function of two inputs and the box it is studied on.
#[derive(Debug, Clone, Copy)]
pub struct Function {
    pub name: &'static str,
    /// `[(lo, hi); 2]`: the standard domain of each input.
    pub domain: [(f64, f64); 2],
    pub formula: &'static str,
    pub f: fn(f64, f64) -> f64,
}

fn booth(x: f64, y: f64) -> f64 {
    (x + 2.0 * y - 7.0).powi(2) + (2.0 * x + y - 5.0).powi(2)
}

fn matyas(x: f64, y: f64) -> f64 {
    0.26 * (x * x + y * y) - 0.48 * x * y
}

fn himmelblau(x: f64, y: f64) -> f64 {
    (x * x + y - 11.0).powi(2) + (x + y * y - 7.0).powi(2)
}

/// Every function swat can generate.
pub const FUNCTIONS: &[Function] = &[
    Function {
        name: "booth",
        domain: [(-10.0, 10.0), (-10.0, 10.0)],
        formula: "(x1 + 2·x2 − 7)² + (2·x1 + x2 − 5)²",
        f: booth,
    },
    Function {
        name: "matyas",
        domain: [(-10.0, 10.0), (-10.0, 10.0)],
        formula: "0.26·(x1² + x2²) − 0.48·x1·x2",
        f: matyas,
    },
    Function {
        name: "himmelblau",
        domain: [(-5.0, 5.0), (-5.0, 5.0)],
        formula: "(x1² + x2 − 11)² + (x1 + x2² − 7)²",
        f: himmelblau,
    },
];

/// The function called `name`, if swat knows it: one of `FUNCTIONS`, or `cornn/NAME` for a
/// CORNN function (`cornn/Ackley N.2`; case does not matter).
pub fn by_name(name: &str) -> Option<&'static Function> {
    match name.split_once('/') {
        Some((set, n)) if set.eq_ignore_ascii_case("cornn") => super::cornn::CORNN
            .iter()
            .find(|f| f.name.eq_ignore_ascii_case(n)),
        _ => FUNCTIONS.iter().find(|f| f.name == name),
    }
}

/// The names swat knows, for error messages.
pub fn names() -> String {
    let mut n: Vec<&str> = FUNCTIONS.iter().map(|f| f.name).collect();
    n.push("cornn/NAME for any of the 54 CORNN functions (e.g. cornn/Ackley N.2)");
    n.join(", ")
}

impl Function {
    /// `rows` points drawn uniformly from the domain (seeded) and the function's values, with
    /// columns `x1`, `x2` and `y`.
    pub fn dataset(&self, rows: usize, seed: u64) -> Dataset {
        let unit = uniform_points(&mut crate::teacher::rng(seed), rows, 2);
        let x: Vec<f64> = unit
            .iter()
            .enumerate()
            .map(|(k, u)| {
                let (lo, hi) = self.domain[k % 2];
                lo + (u + 1.0) / 2.0 * (hi - lo)
            })
            .collect();
        let y = x.chunks(2).map(|p| (self.f)(p[0], p[1])).collect();
        Dataset {
            inputs: vec!["x1".into(), "x2".into()],
            target: "y".into(),
            x,
            y,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values() {
        let f = |n: &str, x: f64, y: f64| (by_name(n).unwrap().f)(x, y);
        // Each function's documented minimum, and one other point worked by hand.
        assert_eq!(f("booth", 1.0, 3.0), 0.0);
        assert_eq!(f("booth", 0.0, 0.0), 74.0);
        assert_eq!(f("matyas", 0.0, 0.0), 0.0);
        assert!((f("matyas", 1.0, 1.0) - 0.04).abs() < 1e-12);
        assert_eq!(f("himmelblau", 3.0, 2.0), 0.0);
        assert_eq!(f("himmelblau", 0.0, 0.0), 170.0);
        assert!(f("himmelblau", -2.805118, 3.131312).abs() < 1e-9);
    }

    #[test]
    fn names_resolve() {
        assert_eq!(by_name("booth").unwrap().name, "booth");
        assert_eq!(by_name("cornn/ackley n.2").unwrap().name, "Ackley N.2");
        assert_eq!(by_name("cornn/Himmelblau").unwrap().domain[0], (-6.0, 6.0));
        assert!(by_name("cornn/nope").is_none() && by_name("nope").is_none());
    }

    #[test]
    fn datasets_cover_the_domain_and_repeat_by_seed() {
        for func in FUNCTIONS {
            let d = func.dataset(2000, 3);
            assert_eq!(d.x.len(), 4000);
            assert_eq!(d.x, func.dataset(2000, 3).x);
            for (k, v) in d.x.iter().enumerate() {
                let (lo, hi) = func.domain[k % 2];
                assert!((lo..hi).contains(v), "{} input {v}", func.name);
            }
            let spread = |i: usize| {
                let col: Vec<f64> = d.x.iter().skip(i).step_by(2).copied().collect();
                col.iter().cloned().fold(f64::MIN, f64::max)
                    - col.iter().cloned().fold(f64::MAX, f64::min)
            };
            let (lo, hi) = func.domain[0];
            assert!(spread(0) > 0.95 * (hi - lo) && spread(1) > 0.95 * (hi - lo));
        }
    }
}
